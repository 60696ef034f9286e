// Initializers (C11 6.7.9 with the GNU extensions gcc accepts in gnu11): braced lists with
// brace elision, designators of every form (`.a.b[2] = x`, `[3] = x`, GNU ranges
// `[1 ... 5] = x`, the old `field: x`), string literals for character arrays, scalars in
// braces and empty braces. The result is a flat list of InitItems (ast.h), one per scalar, in
// source order; a later initializer for the same bytes replaces the earlier one, and a braced
// list or string for a subobject first drops everything inside that subobject, so what is not
// named ends up zero as 6.7.9p19 asks.
//
// Positions inside a braced list are kept as a stack of frames from the list's own object down
// to the subobject being initialized: brace elision pushes frames, and after a designator the
// list continues with the subobject that follows the designated one, at the designator's depth
// (6.7.9p17). The frames of all open lists share init_frames_, each list above its parent's.
#include <cstdarg>
#include <cstring>
#include <string>

#include "parser.h"
#include "preprocess.h"

namespace kite::c {

namespace {

bool is_char_type(const CType* t) {
  TypeKind k = t->unqual->kind;
  return k == TypeKind::Char || k == TypeKind::SChar || k == TypeKind::UChar;
}

// Arrays a string literal can initialize: of a character type, or of the 2- and 4-byte
// integers wchar_t, char16_t and char32_t are (wide strings of their element size).
bool is_string_array(const CType* t) {
  if (!is_array(t)) return false;
  const CType* e = t->base->unqual;
  return is_char_type(e) || (is_integer(e) && e->kind != TypeKind::Bool && (e->size == 2 || e->size == 4));
}

uint64_t begin_bit(const InitItem& it) { return it.offset * 8 + it.bit_pos; }
uint64_t end_bit(const InitItem& it) { return it.bit_width ? begin_bit(it) + it.bit_width : (it.offset + it.type->size) * 8; }

}  // namespace

void Parser::init_drop(InitState& st, uint64_t from_bit, uint64_t to_bit) {
  if (from_bit >= st.high_water_bits) return;  // nothing initialized there yet: the usual, sequential case
  size_t kept = 0;
  for (size_t i = 0; i < st.items.size(); i++) {
    const InitItem& it = st.items[i];
    if (begin_bit(it) >= from_bit && end_bit(it) <= to_bit) {
      for (size_t& m : st.marks)
        if (i < m) m--;
      continue;
    }
    st.items[kept++] = it;
  }
  st.items.resize(kept);
}

void Parser::init_add(InitState& st, const InitItem& item) {
  init_drop(st, begin_bit(item), end_bit(item));
  st.items.push_back(item);
  if (end_bit(item) > st.high_water_bits) st.high_water_bits = end_bit(item);
}

Parser::InitSub Parser::init_sub(const InitFrame& f) const {
  InitSub s;
  if (is_array(f.type)) {
    s.type = f.type->base;
    s.offset = f.offset + static_cast<uint64_t>(f.index) * f.type->base->size;
    return s;
  }
  const Member& m = f.type->members[f.index];
  s.type = m.type;
  s.offset = f.offset + m.offset;
  if (m.is_bitfield) {
    s.bit_pos = m.bit_pos;
    s.bit_width = m.bit_width;
    s.unit_bytes = m.unit_bytes;
  }
  return s;
}

// Unnamed bit-fields take no initializer: the frame's index moves past them.
void Parser::init_skip_unnamed(InitFrame& f) const {
  if (is_array(f.type)) return;
  while (f.index < f.type->nmembers && f.type->members[f.index].is_bitfield && !f.type->members[f.index].name) f.index++;
}

bool Parser::init_frame_done(const InitFrame& f) const {
  if (is_array(f.type)) return f.type->length >= 0 && f.index >= f.type->length;
  if (f.type->kind == TypeKind::Union && f.union_done) return true;
  return f.index >= f.type->nmembers;
}

void Parser::init_frame_next(InitFrame& f) const {
  if (f.type->kind == TypeKind::Union) f.union_done = true;
  f.index++;
  init_skip_unnamed(f);
}

void Parser::init_push(const CType* t, uint64_t offset) {
  InitFrame f;
  f.type = t->unqual;
  f.offset = offset;
  init_skip_unnamed(f);
  init_frames_.push_back(f);
}

// gcc warns and goes on where the program's meaning is still clear (excess elements are
// dropped, a string too long is cut).
void Parser::init_warning(SourceLoc loc, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(sources_, diags_, Severity::Warning, loc, 0, fmt, ap);
  va_end(ap);
}

// A string literal (its adjacent pieces) that is a whole initializer, not the start of an
// expression like "abc"[1].
bool Parser::string_alone() {
  size_t k = 0;
  while (peek(k).kind == TokKind::String) k++;
  const Token& t = peek(k);
  return k > 0 && (t.is(Punct::Comma) || t.is(Punct::RBrace) || t.is(Punct::Semi) || t.is(Punct::RParen));
}

// Skips the rest of a list after an error, up to (not past) its closing brace.
void Parser::init_skip_rest() {
  int depth = 0;
  for (;;) {
    const Token& t = peek();
    if (t.kind == TokKind::Eof || (depth == 0 && t.is(Punct::RBrace))) return;
    if (t.is(Punct::LBrace) || t.is(Punct::LParen) || t.is(Punct::LBracket)) depth++;
    if (t.is(Punct::RBrace) || t.is(Punct::RParen) || t.is(Punct::RBracket)) depth--;
    if (depth < 0) return;
    advance();
  }
}

void Parser::init_scalar(InitState& st, const InitSub& sub, Expr* e) {
  InitItem it{sub.offset, sub.type->unqual, assign_convert(e, sub.type, e->loc, "initialization"), sub.bit_pos, sub.bit_width, false,
              sub.unit_bytes};
  init_add(st, it);
}

// A whole struct or union from an expression of its type. In a static object the value must
// be a constant: a compound literal's items are copied in (gcc accepts `struct S s = (struct
// S){1, 2};` at file scope), anything else is left for irgen to report.
void Parser::init_record_value(InitState& st, const InitSub& sub, Expr* e) {
  Symbol* lit = e->kind == ExprKind::VarRef || e->kind == ExprKind::CompoundLit ? e->sym : nullptr;
  if (st.is_static && lit && lit->name == names_.intern("compound.literal") && lit->has_init) {
    init_drop(st, sub.offset * 8, (sub.offset + sub.type->size) * 8);
    for (uint32_t i = 0; i < lit->ninit; i++) {
      InitItem it = lit->init[i];
      it.offset += sub.offset;
      init_add(st, it);
    }
    return;
  }
  init_add(st, InitItem{sub.offset, sub.type->unqual, e, 0, 0, false});
}

// A character array from a string literal: its bytes, the NUL only when it fits. `len` gets
// the length an incomplete array takes.
void Parser::init_string(InitState& st, const CType* t, uint64_t offset, int64_t* len) {
  Expr* s = parse_string();
  const CType* e = t->base->unqual;
  if (len) *len = 0;
  if (s->type->base->size != e->size) {
    error(s->loc, is_char_type(e) ? "char-array initialized from wide string" : "array of inappropriate type initialized from string constant");
    return;
  }
  int64_t n = s->type->length;
  if (t->length >= 0) {
    if (n - 1 > t->length) init_warning(s->loc, "initializer-string for array of '%s' is too long", type_str(e).c_str());
    if (n > t->length) n = t->length;
  }
  uint64_t size = static_cast<uint64_t>(t->length >= 0 ? t->length : n) * e->size;
  init_drop(st, offset * 8, (offset + size) * 8);
  for (int64_t i = 0; i < n; i++)
    if (int64_t v = string_element(s, i))
      init_add(st, InitItem{offset + static_cast<uint64_t>(i) * e->size, e, int_lit(v, e, s->loc), 0, 0, false});
  if (len) *len = n;
}

// One initializer (no designator) for the subobject `sub`. Without braces an aggregate takes
// its elements from the enclosing list (brace elision): frames are pushed down to the first
// scalar, or to a struct the expression has the type of, or to a character array for a string.
// At the top of a declaration (frames == false) there is no enclosing list to take from.
void Parser::init_value(InitState& st, InitSub sub, bool frames) {
  if (!enter(peek().loc)) return;
  if (peek().is(Punct::LBrace)) {
    advance();
    init_drop(st, sub.offset * 8, (sub.offset + sub.type->size) * 8);
    init_braced(st, sub.type, sub.offset, nullptr);
  } else if (is_string_array(sub.type) && string_alone()) {
    init_string(st, sub.type, sub.offset, nullptr);
  } else if (!is_aggregate(sub.type)) {
    init_scalar(st, sub, parse_assign());
  } else if (string_alone() && frames) {
    while (is_aggregate(sub.type) && !is_string_array(sub.type) && init_descend(&sub)) {
    }
    if (is_string_array(sub.type)) init_string(st, sub.type, sub.offset, nullptr);
    else if (!is_aggregate(sub.type)) init_scalar(st, sub, parse_assign());
    else parse_assign();
  } else {
    Expr* e = parse_assign();
    if (frames) {
      while (is_aggregate(sub.type) && !(is_record(sub.type) && e->type->unqual == sub.type->unqual) && init_descend(&sub)) {
      }
    }
    if (!is_aggregate(sub.type)) init_scalar(st, sub, e);
    else if (is_record(sub.type) && e->type->unqual == sub.type->unqual) init_record_value(st, sub, e);
    else if (is_array(sub.type) && sub.type->length < 0) error(e->loc, "initialization of a flexible array member is not supported");
    else error(e->loc, "invalid initializer");
  }
  leave();
}

// Brace elision one level down: a frame for the aggregate `sub`, and `sub` becomes its first
// subobject. False when it has none to give (an empty struct, a flexible array member).
bool Parser::init_descend(InitSub* sub) {
  if (is_array(sub->type) && sub->type->length <= 0) return false;
  init_push(sub->type, sub->offset);
  if (init_frame_done(init_frames_.back())) {
    init_frames_.pop_back();
    return false;
  }
  *sub = init_sub(init_frames_.back());
  return true;
}

// A designator chose the member `f.index` of the union of frame `f`: another member than the
// one the union held (the first, when initialized by position) replaces its whole value.
void Parser::init_union_member(InitState& st, InitFrame& f) {
  f.union_done = false;
  int64_t prev = 0;
  bool known = false;
  for (InitState::UnionChoice& c : st.union_choices)
    if (c.offset == f.offset && c.type == f.type) {
      prev = c.member;
      c.member = f.index;
      known = true;
    }
  if (!known) st.union_choices.push_back({f.offset, f.type, f.index});
  if (prev != f.index) init_drop(st, f.offset * 8, (f.offset + f.type->size) * 8);
}

// `.name` in the record of the top frame: its index there, through anonymous struct and union
// members (a frame for each one passed through).
bool Parser::init_designate_member(NameId name) {
  size_t at = init_frames_.size() - 1;
  const CType* t = init_frames_[at].type;
  for (uint32_t i = 0; i < t->nmembers; i++) {
    const Member& m = t->members[i];
    if (m.name == name) {
      init_frames_[at].index = i;
      return true;
    }
    if (!m.name && !m.is_bitfield && is_record(m.type)) {
      init_frames_[at].index = i;
      init_push(m.type, init_frames_[at].offset + m.offset);
      if (init_designate_member(name)) return true;
      init_frames_.pop_back();
    }
  }
  return false;
}

// A designation (6.7.9p6, GNU ranges and `name:`) from the list's own frame at `base`: leaves
// the frames down to the designated subobject, its index set in the top frame. Ranges are
// recorded to be replicated once the value is parsed.
bool Parser::init_designation(InitState& st, size_t base, InitRanges* ranges) {
  init_frames_.resize(base + 1);
  if (peek().kind == TokKind::Identifier && peek(1).is(Punct::Colon)) {  // GNU `field: value`
    Token n = advance();
    advance();
    const CType* ft = init_frames_.back().type;
    if (!is_record(ft)) {
      error(n.loc, "field name not in record or union initializer");
      return false;
    }
    size_t at = init_frames_.size() - 1;
    if (!init_designate_member(n.spelling)) {
      error(n.loc, "no member named '%s' in '%s'", std::string(spelling(n)).c_str(), type_str(ft).c_str());
      return false;
    }
    if (ft->kind == TypeKind::Union) init_union_member(st, init_frames_[at]);
    return true;
  }
  bool last_was_index = false;
  for (bool first = true;; first = false) {
    bool dot = peek().is(Punct::Dot), bracket = peek().is(Punct::LBracket);
    if (!dot && !bracket) break;
    if (!first) {
      // A further designator goes into the subobject designated so far.
      InitSub sub = init_sub(init_frames_.back());
      if (!is_aggregate(sub.type)) {
        error(peek().loc, dot ? "field name not in record or union initializer" : "array index in non-array initializer");
        return false;
      }
      init_push(sub.type, sub.offset);
    }
    InitFrame& f = init_frames_.back();
    advance();
    if (dot) {
      if (peek().kind != TokKind::Identifier) {
        error(peek().loc, "expected a field name after '.'");
        return false;
      }
      Token n = advance();
      if (!is_record(f.type)) {
        error(n.loc, "field name not in record or union initializer");
        return false;
      }
      const CType* ft = f.type;
      size_t at = init_frames_.size() - 1;
      if (!init_designate_member(n.spelling)) {
        error(n.loc, "no member named '%s' in '%s'", std::string(spelling(n)).c_str(), type_str(ft).c_str());
        return false;
      }
      if (ft->kind == TypeKind::Union) init_union_member(st, init_frames_[at]);
      last_was_index = false;
    } else {
      if (!is_array(f.type)) {
        error(peek().loc, "array index in non-array initializer");
        return false;
      }
      SourceLoc at = peek().loc;
      int64_t lo = parse_const_int("an array index in an initializer"), hi = lo;
      if (accept(Punct::Ellipsis)) hi = parse_const_int("an array index in an initializer");
      if (!expect(Punct::RBracket, "']'")) return false;
      if (f.type->length >= 0 && (lo >= f.type->length || hi >= f.type->length)) {
        error(at, "array index in initializer exceeds array bounds");
        return false;
      }
      if (lo < 0 || hi < lo) {
        error(at, lo < 0 ? "array index in initializer is negative" : "empty index range in initializer");
        return false;
      }
      f.index = lo;
      if (hi > lo) {
        if (ranges->count == kMaxInitRanges) {
          error(at, "too many index ranges in one designation");
          return false;
        }
        ranges->r[ranges->count++] = {init_frames_.size() - 1, f.type->base->size, hi - lo};
      }
      last_was_index = true;
    }
  }
  // `[3] x` without '=' is an obsolete form gcc still takes; after a field name '=' is needed.
  if (!accept(Punct::Assign) && !last_was_index) {
    expect(Punct::Assign, "'='");
    return false;
  }
  return true;
}

// The items a ranged designation gave its first element, copied to the others; the frames
// then stand at the range's last element, where the list continues.
void Parser::init_replicate(InitState& st, size_t first_item, const InitRanges& ranges) {
  for (uint32_t r = ranges.count; r-- > 0;) {
    const InitRange& range = ranges.r[r];
    std::vector<InitItem> copies(st.items.begin() + static_cast<ptrdiff_t>(first_item), st.items.end());
    for (size_t i = first_item; i < st.items.size(); i++) st.items[i].shared = true;
    uint64_t start = init_frames_[range.frame].offset + static_cast<uint64_t>(init_frames_[range.frame].index) * range.stride;
    for (int64_t k = 1; k <= range.extra; k++) {
      uint64_t shift = static_cast<uint64_t>(k) * range.stride;
      init_drop(st, (start + shift) * 8, (start + shift + range.stride) * 8);
      for (const InitItem& c : copies) {
        InitItem it = c;
        it.offset += shift;
        it.shared = true;
        init_add(st, it);
      }
    }
    first_item = st.items.size() - copies.size() * static_cast<size_t>(range.extra + 1);
    init_frames_[range.frame].index += range.extra;
    for (size_t f = range.frame + 1; f < init_frames_.size(); f++) init_frames_[f].offset += static_cast<uint64_t>(range.extra) * range.stride;
  }
}

// The list of an object of type `t` at `offset`, after its '{', through its '}'. `len` gets
// the element count an incomplete array takes.
void Parser::init_braced(InitState& st, const CType* t, uint64_t offset, int64_t* len) {
  t = t->unqual;
  if (!is_aggregate(t)) {
    // A scalar in braces. gcc 12 (gnu11) rejects `int x = {};`, which only C23 allows.
    if (peek().is(Punct::RBrace)) {
      error(last_.loc, "empty scalar initializer");
    } else if (peek().is(Punct::LBracket) || peek().is(Punct::Dot)) {
      bool dot = peek().is(Punct::Dot);
      advance();
      error(peek().loc, dot ? "field name not in record or union initializer" : "array index in non-array initializer");
      init_skip_rest();
    } else {
      InitSub sub;
      sub.type = t;
      sub.offset = offset;
      init_value(st, sub, false);
      if (accept(Punct::Comma) && !peek().is(Punct::RBrace)) {
        init_warning(peek().loc, "excess elements in scalar initializer");
        init_skip_rest();
      }
    }
    expect(Punct::RBrace, "'}'");
    return;
  }
  if (is_string_array(t) && string_alone()) {  // char s[] = {"abc"}
    init_string(st, t, offset, len);
    accept(Punct::Comma);
    if (!peek().is(Punct::RBrace)) {
      init_warning(peek().loc, "excess elements in char array initializer");
      init_skip_rest();
    }
    expect(Punct::RBrace, "'}'");
    return;
  }
  init_list(st, t, offset, len);
  expect(Punct::RBrace, "'}'");
}

// The elements of an aggregate's list up to its '}' (not consumed); also the unbraced tail of
// a list that a flexible array member takes.
void Parser::init_list(InitState& st, const CType* t, uint64_t offset, int64_t* len) {
  size_t base = init_frames_.size();
  init_push(t, offset);
  int64_t max_len = 0;
  bool started = false;
  while (!peek().is(Punct::RBrace) && peek().kind != TokKind::Eof) {
    InitRanges ranges;
    bool designated = peek().is(Punct::Dot) || peek().is(Punct::LBracket) ||
                      (peek().kind == TokKind::Identifier && peek(1).is(Punct::Colon));
    if (designated) {
      if (!init_designation(st, base, &ranges)) {
        init_skip_rest();
        break;
      }
    } else {
      // The next subobject: up out of every aggregate brace elision has finished.
      if (started) init_frame_next(init_frames_.back());
      while (init_frames_.size() > base + 1 && init_frame_done(init_frames_.back())) {
        init_frames_.pop_back();
        init_frame_next(init_frames_.back());
      }
      if (init_frame_done(init_frames_.back())) {
        init_warning(peek().loc, "excess elements in %s initializer", is_array(t) ? "array" : t->kind == TypeKind::Union ? "union" : "struct");
        init_skip_rest();
        break;
      }
    }
    started = true;
    InitSub target = init_sub(init_frames_.back());
    if (is_array(target.type) && target.type->length < 0) {
      // A flexible array member (gcc extension): only in a static object's own list, where its
      // elements extend the object past sizeof.
      if (!st.is_static || base != st.top_base || init_frames_.size() != base + 1) {
        error(peek().loc, st.is_static ? "initialization of a nested flexible array member is not supported"
                                       : "non-static initialization of a flexible array member");
        init_skip_rest();
        break;
      }
      int64_t n = 0;
      if (accept(Punct::LBrace)) init_braced(st, target.type, target.offset, &n);
      else if (is_string_array(target.type) && string_alone()) init_string(st, target.type, target.offset, &n);
      else init_list(st, target.type, target.offset, &n);  // by brace elision: the rest of the list
      uint64_t end = target.offset + static_cast<uint64_t>(n) * target.type->base->size;
      if (end > st.flex_end) st.flex_end = end;
      if (!accept(Punct::Comma)) break;
      continue;
    }
    if (ranges.count) {
      // Where this value's items start, kept right while earlier items are dropped.
      st.marks.push_back(st.items.size());
      init_value(st, target, true);
      size_t first_item = st.marks.back();
      st.marks.pop_back();
      init_replicate(st, first_item, ranges);
    } else {
      init_value(st, target, true);
    }
    if (is_array(t) && init_frames_[base].index + 1 > max_len) max_len = init_frames_[base].index + 1;
    if (!accept(Punct::Comma)) break;
  }
  init_frames_.resize(base);
  if (len) *len = max_len;
}

void Parser::parse_initializer(Symbol* sym) {
  const CType* t = sym->type;
  SourceLoc loc = peek().loc;
  if (is_func(t)) {
    error(loc, "function '%s' is initialized like a variable", std::string(names_.str(sym->name)).c_str());
    parse_assign();
    return;
  }
  InitState st;
  st.is_static = sym->global;
  st.top_base = init_frames_.size();
  int64_t len = 0;
  if (accept(Punct::LBrace)) {
    init_braced(st, t, 0, &len);
  } else if (is_string_array(t) && string_alone()) {
    init_string(st, t, 0, &len);
  } else if (is_string_array(t) && peek().is(Punct::LParen) && peek(1).kind == TokKind::String) {
    advance();  // gcc takes a parenthesized string: char s[] = ("abc");
    init_string(st, t, 0, &len);
    expect(Punct::RParen, "')'");
  } else if (is_array(t)) {
    error(loc, "array initializer must be an initializer list or a string literal");
    parse_assign();
  } else {
    InitSub sub;
    sub.type = t;
    init_value(st, sub, false);
  }
  if (is_array(t) && t->length < 0) sym->type = types_.array_of(t->base, len);
  sym->init = to_arena(st.items, &sym->ninit);
  sym->init_bytes = st.flex_end;
  sym->has_init = true;
}

}  // namespace kite::c

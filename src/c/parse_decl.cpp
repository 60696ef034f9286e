// Declarations (C11 6.7, 6.9): declaration specifiers, declarators of every form (pointers,
// arrays, functions, parenthesised), struct/union/enum bodies, typedefs, storage classes,
// initializers (braced, nested, brace elision, designators), and function definitions.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "parser.h"

namespace kite::c {

bool Parser::starts_type_name(const Token& t) {
  if (t.kind != TokKind::Identifier) return false;
  if (is_unsupported_keyword(kw(t))) return true;  // parse_decl_spec reports it
  switch (kw(t)) {
    case Kw::Void:
    case Kw::Char:
    case Kw::Short:
    case Kw::Int:
    case Kw::Long:
    case Kw::Float:
    case Kw::Double:
    case Kw::Signed:
    case Kw::GnuSigned:
    case Kw::Unsigned:
    case Kw::Bool:
    case Kw::Struct:
    case Kw::Union:
    case Kw::Enum:
    case Kw::Const:
    case Kw::GnuConst:
    case Kw::Volatile:
    case Kw::GnuVolatile:
    case Kw::Restrict:
    case Kw::GnuRestrict:
    case Kw::GnuRestrict2:
    case Kw::Atomic:
    case Kw::Attribute:
    case Kw::Attribute2:
    case Kw::Extension:
    case Kw::Alignas:
    case Kw::Typeof:
    case Kw::GnuTypeof:
    case Kw::GnuTypeof2: return true;
    case Kw::None: {
      Symbol* s = lookup(t.spelling);
      return s && s->kind == Symbol::Typedef;
    }
    default: return false;
  }
}

bool Parser::type_name_follows(size_t k) {
  while (kw(peek(k)) == Kw::Extension) k++;
  return starts_type_name(peek(k));
}

unsigned Parser::skip_gnu_attributes() {
  unsigned mode = 0;
  for (;;) {
    Kw k = kw(peek());
    bool attribute = k == Kw::Attribute || k == Kw::Attribute2;
    if (!attribute && k != Kw::Asm && k != Kw::Asm2 && k != Kw::AsmPlain) return mode;
    SourceLoc loc = advance().loc;
    if (!expect(Punct::LParen, "'('")) return mode;
    if (!attribute && attr_sink_ && peek().kind == TokKind::String) {  // an asm label: "" "name" concatenates
      std::string label;
      for (size_t k = 0; peek(k).kind == TokKind::String; k++) {
        std::string_view piece = names_.str(peek(k).spelling);
        if (piece.size() >= 2 && piece.front() == '"') label += piece.substr(1, piece.size() - 2);
      }
      attr_sink_->asm_name = label;
    }
    // Skip to the matching ')', looking at the attribute names at the top level of ((...)).
    int depth = 1;
    while (depth > 0 && peek().kind != TokKind::Eof) {
      Token t = advance();
      if (t.is(Punct::LParen)) depth++;
      else if (t.is(Punct::RParen)) depth--;
      else if (attribute && depth == 2 && t.kind == TokKind::Identifier) {
        std::string_view n = names_.str(t.spelling);
        if (n.size() > 4 && n.starts_with("__") && n.ends_with("__")) n = n.substr(2, n.size() - 4);
        if (n == "mode" && peek().is(Punct::LParen) && peek(1).kind == TokKind::Identifier && peek(2).is(Punct::RParen)) {
          std::string_view m = names_.str(peek(1).spelling);
          if (m.size() > 4 && m.starts_with("__") && m.ends_with("__")) m = m.substr(2, m.size() - 4);
          mode = m == "QI" ? 1 : m == "HI" ? 2 : m == "SI" ? 4 : (m == "DI" || m == "word" || m == "pointer") ? 8 : 0;
          if (!mode) error(peek(1).loc, "mode '%.*s' is not supported", static_cast<int>(m.size()), m.data());
        } else if (n == "packed") {
          layout_attrs_.packed = true;
        } else if (n == "aligned") {
          parse_aligned_attribute(t.loc);
        } else if (n == "alias" || n == "constructor" || n == "destructor" || n == "cleanup" || n == "weak" ||
                   n == "gnu_inline") {
          record_gnu_attribute(n, t.loc);
        } else if (n == "section" || n == "vector_size" || n == "mode") {
          error(t.loc, "attribute '%.*s' is not supported yet", static_cast<int>(n.size()), n.data());
        }
      }
    }
    (void)loc;
  }
}

// aligned, or aligned(N) with N a power of two: the attribute's name was just read.
void Parser::parse_aligned_attribute(SourceLoc loc) {
  uint32_t a = 16;  // the largest alignment x86-64 ever needs (gcc's __BIGGEST_ALIGNMENT__)
  if (accept(Punct::LParen)) {
    int64_t n = parse_const_int("requested alignment");
    expect(Punct::RParen, "')'");
    if (n <= 0 || (n & (n - 1)) || n > (int64_t(1) << 28)) {
      error(loc, "requested alignment is not a positive power of 2");
      return;
    }
    a = static_cast<uint32_t>(n);
  }
  if (a > layout_attrs_.aligned) layout_attrs_.aligned = a;
  layout_attrs_.aligned_loc = loc;
}

// _Alignas(type-name) or _Alignas(constant-expression) (C11 6.7.5), after the keyword: raises
// the alignment of what is declared, as aligned(N) does (an alignment of 0 has no effect, and
// gcc takes a type's alignment with its attributes: _Alignas(int __attribute__((aligned(16))))).
void Parser::parse_alignas(SourceLoc loc) {
  if (!expect(Punct::LParen, "'('")) return;
  LayoutAttrs outer = layout_attrs_;
  int64_t a = 0;
  if (starts_type_name(peek())) {
    layout_attrs_ = LayoutAttrs{};
    const CType* t = parse_type_name();
    a = std::max<int64_t>(t->align, layout_attrs_.aligned);
  } else {
    a = parse_const_int("requested alignment");
  }
  expect(Punct::RParen, "')'");
  layout_attrs_ = outer;
  if (a < 0 || (a & (a - 1)) || a > (int64_t(1) << 28)) {
    error(loc, "requested alignment is not a positive power of 2");
    return;
  }
  if (a > layout_attrs_.aligned) {
    layout_attrs_.aligned = static_cast<uint32_t>(a);
    layout_attrs_.aligned_loc = loc;
  }
}

// Declarations other than struct members and struct types cannot take aligned(N) yet.
void Parser::check_unused_layout_attrs() {
  if (layout_attrs_.aligned)
    error(layout_attrs_.aligned_loc, "attribute 'aligned' on a variable, typedef or function is not supported yet");
  layout_attrs_ = LayoutAttrs{};
}

bool Parser::parse_decl_spec(DeclSpec* spec, bool allow_storage) {
  AttrSinkScope sink(this, &spec->attrs);
  spec->loc = peek().loc;
  layout_attrs_ = LayoutAttrs{};
  int n_void = 0, n_char = 0, n_short = 0, n_int = 0, n_long = 0, n_float = 0, n_double = 0, n_bool = 0;
  int n_signed = 0, n_unsigned = 0;
  uint8_t quals = 0;
  SourceLoc atomic_loc{};
  const CType* named = nullptr;
  bool any = false;
  for (;;) {
    const Token& t = peek();
    if (t.kind != TokKind::Identifier) break;
    Kw k = kw(t);
    SourceLoc loc = t.loc;
    auto storage = [&](StorageClass sc) {
      if (!allow_storage) error(loc, "storage class not allowed here");
      else if (spec->storage != StorageClass::None) error(loc, "more than one storage class");
      spec->storage = sc;
    };
    // Not implemented: an error, never code with the wrong meaning. Parsing goes on as if the
    // keyword were absent.
    if (is_unsupported_keyword(k)) {
      error(loc, "'%s' is not supported yet", std::string(names_.str(t.spelling)).c_str());
      advance();
      any = true;
      continue;
    }
    switch (k) {
      case Kw::Atomic:
        // `_Atomic(T)` is a type specifier (6.7.2.4), `_Atomic` alone a qualifier; both give
        // the atomic version of T, checked once the whole type is known (at `done`).
        advance();
        any = true;
        if (!(quals & kAtomic)) atomic_loc = loc;
        quals |= kAtomic;
        if (peek().is(Punct::LParen)) {
          advance();
          if (named) error(loc, "two or more data types in declaration specifiers");
          if (const CType* at = parse_type_name()) {
            if (is_array(at) || is_func(at)) error(loc, "'_Atomic(%s)' of an array or function type", type_str(at).c_str());
            else if (at->quals) error(loc, "'_Atomic(%s)' of a qualified type", type_str(at).c_str());
            else named = at;
          }
          expect(Punct::RParen, "')'");
        }
        continue;
      case Kw::Attribute:
      case Kw::Attribute2:
      case Kw::Asm:
      case Kw::Asm2:
      case Kw::AsmPlain:
        skip_gnu_attributes();
        continue;
      case Kw::Extension: break;
      case Kw::Alignas:
        advance();
        parse_alignas(loc);
        any = true;
        continue;
      case Kw::Typedef: storage(StorageClass::Typedef); break;
      case Kw::Extern: storage(StorageClass::Extern); break;
      case Kw::Static: storage(StorageClass::Static); break;
      case Kw::Auto: storage(StorageClass::Auto); break;
      case Kw::Register: storage(StorageClass::Register); break;
      case Kw::Inline:
      case Kw::GnuInline:
      case Kw::GnuInline2: spec->is_inline = true; break;
      case Kw::Noreturn: break;
      case Kw::Const:
      case Kw::GnuConst: quals |= kConst; break;
      case Kw::Volatile:
      case Kw::GnuVolatile: quals |= kVolatile; break;
      case Kw::Restrict:
      case Kw::GnuRestrict:
      case Kw::GnuRestrict2: quals |= kRestrict; break;
      case Kw::Void: n_void++; break;
      case Kw::Char: n_char++; break;
      case Kw::Short: n_short++; break;
      case Kw::Int: n_int++; break;
      case Kw::Long: n_long++; break;
      case Kw::Float: n_float++; break;
      case Kw::Double: n_double++; break;
      case Kw::Bool: n_bool++; break;
      case Kw::Signed:
      case Kw::GnuSigned: n_signed++; break;
      case Kw::Unsigned: n_unsigned++; break;
      case Kw::Struct:
      case Kw::Union:
      case Kw::Enum: {
        if (named) error(loc, "two or more data types in declaration specifiers");
        advance();
        named = k == Kw::Enum ? parse_enum(loc) : parse_record(k == Kw::Struct ? TypeKind::Struct : TypeKind::Union, loc);
        any = true;
        continue;
      }
      case Kw::Typeof:
      case Kw::GnuTypeof:
      case Kw::GnuTypeof2:
        if (named) error(loc, "two or more data types in declaration specifiers");
        named = parse_typeof();
        any = true;
        continue;
      case Kw::None: {
        int basics = n_void + n_char + n_short + n_int + n_long + n_float + n_double + n_bool + n_signed + n_unsigned;
        Symbol* s = lookup(t.spelling);
        if (named || basics || !s || s->kind != Symbol::Typedef) goto done;
        named = s->type;
        break;
      }
      default: goto done;
    }
    advance();
    any = true;
  }
done:
  if (!any) return false;
  int basics = n_void + n_char + n_short + n_int + n_long + n_float + n_double + n_bool;
  const CType* t = named;
  if (named && (basics || n_signed || n_unsigned)) {
    error(spec->loc, "two or more data types in declaration specifiers");
  } else if (!named) {
    TypeKind k = TypeKind::Int;
    bool bad = n_signed && n_unsigned;
    if (n_void) k = TypeKind::Void, bad |= basics > 1 || n_signed || n_unsigned;
    else if (n_bool) k = TypeKind::Bool, bad |= basics > 1 || n_signed || n_unsigned;
    else if (n_float) k = TypeKind::Float, bad |= basics > 1 || n_signed || n_unsigned;
    else if (n_double) k = n_long == 1 ? TypeKind::LDouble : TypeKind::Double, bad |= basics > 1 + n_long || n_long > 1 || n_signed || n_unsigned;
    else if (n_char) k = n_unsigned ? TypeKind::UChar : n_signed ? TypeKind::SChar : TypeKind::Char, bad |= basics > 1;
    else if (n_short) k = n_unsigned ? TypeKind::UShort : TypeKind::Short, bad |= n_long || n_short > 1 || n_int > 1;
    else if (n_long == 1) k = n_unsigned ? TypeKind::ULong : TypeKind::Long, bad |= n_int > 1;
    else if (n_long == 2) k = n_unsigned ? TypeKind::ULLong : TypeKind::LLong, bad |= n_int > 1;
    else if (n_long > 2) bad = true;
    else if (n_unsigned) k = TypeKind::UInt;
    else if (n_int == 0 && n_signed == 0) {
      warning(spec->loc, "type defaults to 'int' in declaration");  // C90 implicit int, as gcc -std=gnu11
    }
    if (bad) error(spec->loc, "invalid combination of type specifiers");
    t = types_.basic(k);
  }
  if ((quals & kAtomic) && !atomic_type_ok(t, atomic_loc)) quals &= static_cast<uint8_t>(~kAtomic);
  spec->type = types_.qualified(t, quals);
  return true;
}

// The types `_Atomic` may qualify: the scalars the atomic runtime functions handle (1, 2, 4 or
// 8 bytes, lock-free on x86-64), and void (only ever pointed at). Others are reported and
// lose the qualifier, so no code is made for an atomic access Kite cannot do.
bool Parser::atomic_type_ok(const CType* t, SourceLoc loc) {
  if (is_array(t) || is_func(t)) {
    error(loc, "'_Atomic' applied to an array or function type '%s'", type_str(t).c_str());
    return false;
  }
  if (is_void(t)) return true;
  uint64_t n = t->size;
  bool sized = t->complete && (n == 1 || n == 2 || n == 4 || n == 8);
  if (!is_scalar(t) || t->kind == TypeKind::LDouble || !sized) {
    error(loc, "'_Atomic' on type '%s' is not supported yet", type_str(t).c_str());
    return false;
  }
  return true;
}

const CType* Parser::parse_record(TypeKind kind, SourceLoc loc) {
  VlaContextScope vla_scope(this, VlaContext::Record);
  AttrSinkScope sink(this, nullptr);  // cleanup, alias... on a record type are ignored, as gcc does
  // The record's own attributes come after the keyword or after the body; the declaration the
  // record is part of keeps its own.
  LayoutAttrs outer = layout_attrs_;
  layout_attrs_ = LayoutAttrs{};
  skip_gnu_attributes();
  LayoutAttrs record_attrs = layout_attrs_;
  struct Restore {
    LayoutAttrs& slot;
    LayoutAttrs saved;
    ~Restore() { slot = saved; }
  } restore{layout_attrs_, outer};
  NameId tag = 0;
  if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None) tag = advance().spelling;
  bool body = peek().is(Punct::LBrace);
  CType* t = nullptr;
  if (tag) {
    Symbol* s = lookup_tag(tag, body || peek().is(Punct::Semi));
    if (s) {
      t = const_cast<CType*>(s->type);
      if (t->kind != kind) {
        error(loc, "use of '%s' with a tag of a different kind", std::string(names_.str(tag)).c_str());
        t = nullptr;
      } else if (body && t->complete) {
        error(loc, "redefinition of '%s'", type_str(t).c_str());
        t = nullptr;
      }
    }
    if (!t && !s) {
      // A reference to an unseen tag declares it in the current scope (6.7.2.3p8).
      t = types_.new_record(kind, tag);
      Symbol* ts = arena_.make<Symbol>();
      ts->kind = Symbol::Typedef;
      ts->type = t;
      ts->name = tag;
      bind_tag(tag, ts);
    } else if (!t) {
      t = types_.new_record(kind, tag);
    }
  } else {
    t = types_.new_record(kind, names_.intern("<anonymous>"));
  }
  if (!body) return t;
  // A member's type may be a record body again (through parse_decl_spec): bounded like blocks.
  if (!enter(peek().loc)) return t;
  struct Leave {
    Parser* parser;
    ~Leave() { parser->leave(); }
  } leave_at_return{this};
  advance();
  std::vector<Member> members;
  while (!peek().is(Punct::RBrace) && peek().kind != TokKind::Eof) {
    if (accept(Punct::Semi)) continue;  // an extra `;` among the members: gcc accepts it
    if (kw(peek()) == Kw::StaticAssert) {
      parse_static_assert();
      continue;
    }
    DeclSpec spec;
    bool spec_ok = parse_decl_spec(&spec, false);
    LayoutAttrs spec_attrs = layout_attrs_;
    if (!spec_ok) {
      error(peek().loc, "expected a member declaration");
      skip_to_sync();
      accept(Punct::Semi);
      continue;
    }
    if (peek().is(Punct::Semi)) {
      if (is_record(spec.type) && spec.type->unqual->tag == names_.intern("<anonymous>")) {
        for (const Member& m : members)
          if (m.name && find_member(spec.type, m.name))
            error(peek().loc, "duplicate member '%s'", std::string(names_.str(m.name)).c_str());
        members.push_back({0, spec.type, 0, 0, 0, false, spec_attrs.packed, spec_attrs.aligned, 0});
      } else {
        error(spec.loc, "declaration does not declare anything");
      }
    } else {
      for (;;) {
        Declarator d;
        d.loc = peek().loc;
        layout_attrs_ = spec_attrs;
        const CType* mt = parse_declarator(spec.type, &d);
        bool bitfield = false;
        int64_t width = 0;
        if (peek().is(Punct::Colon)) {
          advance();
          SourceLoc wl = peek().loc;
          width = parse_const_int("a bit-field width");
          bitfield = true;
          if (!is_integer(mt)) {
            error(d.loc, "bit-field has non-integer type '%s'", type_str(mt).c_str());
            bitfield = false;
          } else if (is_atomic(mt)) {
            error(d.loc, "bit-field has atomic type '%s'", type_str(mt).c_str());
            bitfield = false;
          } else if (width < 0 || width > static_cast<int64_t>(mt->size * 8) || (width == 0 && d.name)) {
            error(wl, "invalid bit-field width");
            width = 1;
          }
        } else if (!d.name) {
          error(d.loc, "expected a member name");
        }
        bool flexible = is_array(mt) && mt->length < 0 && kind == TypeKind::Struct && peek().is(Punct::Semi) &&
                        peek(1).is(Punct::RBrace);
        if (!mt->complete && !flexible) error(d.loc, "member has incomplete type '%s'", type_str(mt).c_str());
        else if (is_func(mt)) error(d.loc, "member declared as a function");
        for (const Member& m : members)
          if (d.name && m.name == d.name) error(d.loc, "duplicate member '%s'", std::string(names_.str(d.name)).c_str());
        skip_gnu_attributes();  // after a bit-field's width
        // Dropped after its error: a struct holding itself (`struct s { struct s m; };`) would
        // become complete and send initializers round it forever.
        bool unusable = (!mt->complete && !flexible) || is_func(mt);
        if (!unusable)
          members.push_back({d.name, mt, 0, 0, static_cast<uint8_t>(width), bitfield, layout_attrs_.packed,
                             layout_attrs_.aligned, 0});
        if (!accept(Punct::Comma)) break;
      }
    }
    expect(Punct::Semi, "';'");
  }
  expect(Punct::RBrace, "'}'");
  layout_attrs_ = record_attrs;
  skip_gnu_attributes();
  types_.complete_record(t, members, layout_attrs_.packed, layout_attrs_.aligned, src_.pack_alignment());
  return t;
}

const CType* Parser::parse_enum(SourceLoc loc) {
  NameId tag = 0;
  if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None) tag = advance().spelling;
  bool body = peek().is(Punct::LBrace);
  CType* t = nullptr;
  if (tag) {
    // A reference finds the tag in any scope; a body or `enum E;` declares it in this one.
    Symbol* s = lookup_tag(tag, body || peek().is(Punct::Semi));
    if (!s && !body && !peek().is(Punct::Semi)) s = lookup_tag(tag, false);
    if (s && s->type->kind != TypeKind::Enum) {
      error(loc, "use of '%s' with a tag of a different kind", std::string(names_.str(tag)).c_str());
    } else if (s && body && s->type->complete) {
      error(loc, "redeclaration of '%s'", type_str(s->type).c_str());
    } else if (s) {
      t = const_cast<CType*>(s->type);
    }
    if (!t) {
      // `enum E;` and `enum E *p;` before the body: an incomplete enum (a GNU extension).
      t = types_.new_enum(tag);
      if (!s) {
        Symbol* ts = arena_.make<Symbol>();
        ts->kind = Symbol::Typedef;
        ts->type = t;
        ts->name = tag;
        bind_tag(tag, ts);
      }
    }
  } else {
    t = types_.new_enum(names_.intern("<anonymous>"));
  }
  if (!body) return t;
  advance();
  // Enumerators have type int while their values fit it (6.7.2.2p3); gcc gives the others the
  // enum's type once the body ends.
  std::vector<Symbol*> wide;
  int64_t next = 0, min = 0;
  uint64_t max = 0;
  bool next_unsigned = false, any_negative = false, any = false;
  while (peek().kind == TokKind::Identifier) {
    Token name = advance();
    if (accept(Punct::Assign)) {
      SourceLoc vl = peek().loc;
      Expr* e = parse_cond();
      if (!is_integer(e->type) || !eval_int(e, &next)) {
        error(vl, "enumerator value for '%s' is not an integer constant", std::string(spelling(name)).c_str());
        next = 0;
      }
      next_unsigned = !is_signed(e->type) && e->type->size == 8;
    }
    bool negative = next < 0 && !next_unsigned;
    Symbol* s = arena_.make<Symbol>();
    s->kind = Symbol::EnumConst;
    s->name = name.spelling;
    s->value = next;
    s->loc = name.loc;
    if (next >= INT32_MIN && next <= INT32_MAX && !next_unsigned) {
      s->type = types_.int_t();
    } else {
      // Inside the body a wider value has the type of its value (gcc); the enum's type later.
      TypeKind k = negative ? TypeKind::Long
                   : next_unsigned ? TypeKind::ULong
                   : next <= UINT32_MAX ? TypeKind::UInt : TypeKind::Long;
      s->type = types_.basic(k);
      wide.push_back(s);
    }
    if (negative) {
      any_negative = true;
      if (!any || next < min) min = next;
    } else if (static_cast<uint64_t>(next) > max) {
      max = static_cast<uint64_t>(next);
    }
    any = true;
    if (in_current_scope(name.spelling)) error(name.loc, "redefinition of '%s'", std::string(spelling(name)).c_str());
    bind(name.spelling, s);
    if (next == INT64_MAX && !next_unsigned) next_unsigned = true;
    next++;
    if (!accept(Punct::Comma)) break;
  }
  expect(Punct::RBrace, "'}'");
  if (any_negative && max > INT64_MAX) error(loc, "enumeration values exceed range of largest integer");
  const CType* underlying = types_.enum_underlying(min, max, any_negative);
  types_.complete_enum(t, underlying);
  for (Symbol* s : wide) s->type = underlying;
  return t;
}

// Rebuilds `t` with the placeholder of a parenthesised declarator replaced by `real`.
// A VLA rebuilt here replaces its old self among the declarator's pending VLAs, moved to the
// end: its element type, rebuilt first, is then evaluated before it.
static const CType* substitute(TypeTable& types, const CType* t, const CType* ph, const CType* real,
                               std::vector<const CType*>* pending_vlas) {
  if (t == ph) return real;
  switch (t->kind) {
    case TypeKind::Pointer:
      return types.qualified(types.pointer_to(substitute(types, t->base, ph, real, pending_vlas)), t->quals);
    case TypeKind::Array: {
      const CType* elem = substitute(types, t->base, ph, real, pending_vlas);
      if (!t->vla_len) return types.array_of(elem, t->length);
      const CType* v = types.vla_of(elem, t->vla_len, t->vla_declared);
      auto old = std::find(pending_vlas->begin(), pending_vlas->end(), t);
      if (old != pending_vlas->end()) {
        pending_vlas->erase(old);
        pending_vlas->push_back(v);
      }
      return v;
    }
    case TypeKind::Func: {
      std::vector<const CType*> ps(t->params, t->params + t->nparams);
      return types.func(substitute(types, t->base, ph, real, pending_vlas), ps, t->variadic, t->unprototyped);
    }
    default: return t;
  }
}

const CType* Parser::parse_declarator(const CType* base, Declarator* d) {
  if (!enter(peek().loc)) return base;
  AttrSinkScope sink(this, &d->attrs);
  skip_gnu_attributes();
  while (accept(Punct::Star)) {
    base = types_.pointer_to(base);
    uint8_t q = 0;
    for (;;) {
      skip_gnu_attributes();
      Kw k = kw(peek());
      if (k == Kw::Const || k == Kw::GnuConst) q |= kConst;
      else if (k == Kw::Volatile || k == Kw::GnuVolatile) q |= kVolatile;
      else if (k == Kw::Restrict || k == Kw::GnuRestrict || k == Kw::GnuRestrict2) q |= kRestrict;
      else if (k == Kw::Atomic && !peek(1).is(Punct::LParen)) q |= kAtomic;  // `int *_Atomic p`
      else break;
      advance();
    }
    base = types_.qualified(base, q);
  }
  const CType* result;
  // `(` opens a nested declarator unless parameters follow; `(__attribute__((x)) *)` is one.
  bool attr_first = kw(peek(1)) == Kw::Attribute || kw(peek(1)) == Kw::Attribute2;
  if (peek().is(Punct::LParen) && !peek(1).is(Punct::RParen) && (attr_first || !starts_type_name(peek(1)))) {
    advance();
    // The placeholder stands for the outer type, not known yet: complete, so that `int ([4])`
    // (an abstract array declarator in parentheses) may make an array of it.
    CType* ph = types_.new_record(TypeKind::Struct, 0);
    ph->complete = true;
    ph->size = ph->align = 1;
    const CType* inner = parse_declarator(ph, d);
    expect(Punct::RParen, "')'");
    const CType* outer = parse_declarator_suffix(base, d);
    result = substitute(types_, inner, ph, outer, &pending_vlas_);
  } else {
    if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None) {
      Token n = advance();
      d->name = n.spelling;
      d->loc = n.loc;
    }
    result = parse_declarator_suffix(base, d);
  }
  if (unsigned mode = skip_gnu_attributes()) {
    if (!is_integer(result)) {
      error(d->loc, "mode attribute on a type that is not an integer");
    } else {  // the integer type of that size, with the declared signedness
      static constexpr TypeKind kSigned[9] = {TypeKind::Int, TypeKind::SChar, TypeKind::Short, TypeKind::Int, TypeKind::Int,
                                              TypeKind::Int, TypeKind::Int, TypeKind::Int, TypeKind::Long};
      static constexpr TypeKind kUnsigned[9] = {TypeKind::UInt, TypeKind::UChar, TypeKind::UShort, TypeKind::UInt,
                                                TypeKind::UInt, TypeKind::UInt, TypeKind::UInt, TypeKind::UInt,
                                                TypeKind::ULong};
      result = types_.basic(is_signed(result) ? kSigned[mode] : kUnsigned[mode]);
    }
  }
  leave();
  return result;
}

const CType* Parser::parse_declarator_suffix(const CType* base, Declarator* d) {
  if (accept(Punct::LBracket)) {
    for (;;) {  // `static` and qualifiers: meaningful for parameters only, which become pointers
      Kw k = kw(peek());
      if (k != Kw::Static && k != Kw::Const && k != Kw::GnuConst && k != Kw::Volatile && k != Kw::GnuVolatile &&
          k != Kw::Restrict && k != Kw::GnuRestrict && k != Kw::GnuRestrict2)
        break;
      advance();
    }
    int64_t n = -1;
    Expr* vla_len = nullptr;
    SourceLoc loc = peek().loc;
    if (peek().is(Punct::Star) && peek(1).is(Punct::RBracket)) {
      // `[*]`: a VLA of unspecified size, only in a prototype (which never needs its size).
      advance();
      if (vla_context_ != VlaContext::Prototype) error(loc, "'[*]' is only allowed in a function prototype");
      vla_len = int_lit(1, types_.basic(TypeKind::Long), loc);
    } else if (!peek().is(Punct::RBracket)) {
      Expr* e = parse_assign();
      if (!is_integer(e->type)) {
        error(loc, "size of array has non-integer type '%s'", type_str(e->type).c_str());
        n = 1;
      } else if (eval_int(e, &n)) {
        if (n < 0) {
          error(loc, "array size is negative");
          n = 1;
        }
      } else if (scope_level_ == 0 && vla_context_ != VlaContext::Prototype) {
        error(loc, "an array size is not an integer constant expression");  // no VLA at file scope
        n = 1;
      } else if (vla_context_ == VlaContext::Record) {
        error(loc, "a member of a struct or union cannot have a variably modified type");
        n = 1;
      } else {
        vla_len = convert(e, types_.basic(TypeKind::Long));
      }
    }
    expect(Punct::RBracket, "']'");
    const CType* elem = parse_declarator_suffix(base, d);
    // The placeholder of a parenthesized declarator (`int *(a[2])`) is an untagged struct that
    // is replaced once the outer part is known.
    bool placeholder = is_record(elem) && !elem->tag;
    if ((!elem->complete && !placeholder) || is_func(elem))
      error(loc, "array has incomplete element type '%s'", type_str(elem).c_str());
    if (n > 0 && elem->size && static_cast<uint64_t>(n) > static_cast<uint64_t>(PTRDIFF_MAX) / elem->size) {
      error(loc, "array is too large");  // its size in bytes would not fit in ptrdiff_t (and wrap)
      n = 1;
    }
    if (vla_len) {
      bool declared = vla_context_ == VlaContext::Declaration;
      const CType* v = types_.vla_of(elem, vla_len, declared);
      if (declared) pending_vlas_.push_back(v);
      return v;
    }
    return types_.array_of(elem, n);
  }
  if (accept(Punct::LParen)) return parse_params(base, d);
  return base;
}

const CType* Parser::parse_params(const CType* result, Declarator* d) {
  // Prototype scope (6.2.1p4): a parameter's name is visible to the later ones' array sizes.
  VlaContextScope vla_scope(this, VlaContext::Prototype);
  push_scope();
  struct PopScope {
    Parser* p;
    ~PopScope() { p->pop_scope(); }
  } pop{this};
  std::vector<const CType*> params;
  std::vector<Symbol*> syms;
  bool variadic = false, unprototyped = false;
  if (peek().is(Punct::RParen)) {
    unprototyped = true;
  } else if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None && !starts_type_name(peek())) {
    // A K&R identifier list: the names' types come from the declarations before the body.
    unprototyped = true;
    for (;;) {
      if (peek().kind != TokKind::Identifier || kw(peek()) != Kw::None || starts_type_name(peek())) {
        error(peek().loc, "expected a parameter name");
        skip_to_sync();
        break;
      }
      Token t = advance();
      Symbol* s = arena_.make<Symbol>();
      s->kind = Symbol::Var;
      s->name = t.spelling;
      s->ir_name = t.spelling;
      s->type = nullptr;  // until its declaration, or int
      s->loc = t.loc;
      s->ir_id = kNone;
      syms.push_back(s);
      if (!accept(Punct::Comma)) break;
    }
    if (!d->has_params) d->knr = true;
  } else if (kw(peek()) == Kw::Void && peek(1).is(Punct::RParen)) {
    advance();
  } else {
    for (;;) {
      if (accept(Punct::Ellipsis)) {
        variadic = true;
        break;
      }
      DeclSpec spec;
      if (!parse_decl_spec(&spec, true)) {
        error(peek().loc, "expected a parameter declaration");
        skip_to_sync();
        break;
      }
      Declarator pd;
      pd.loc = peek().loc;
      const CType* t = parse_declarator(spec.type, &pd);
      if (is_array(t)) t = types_.pointer_to(t->base);  // 6.7.6.3p7
      else if (is_func(t)) t = types_.pointer_to(t);
      if (is_void(t)) error(pd.loc, "a parameter may not have type 'void'");
      params.push_back(t->unqual);  // the function's type ignores the parameters' qualifiers (6.7.6.3p15)
      Symbol* s = arena_.make<Symbol>();
      s->kind = Symbol::Var;
      s->name = pd.name;
      s->ir_name = pd.name;
      s->type = t;
      s->loc = pd.loc;
      s->ir_id = kNone;
      syms.push_back(s);
      if (pd.name && !in_current_scope(pd.name)) bind(pd.name, s);
      if (!accept(Punct::Comma)) break;
    }
  }
  expect(Punct::RParen, "')'");
  if (!d->has_params) {
    d->has_params = true;
    d->params = syms;
  }
  if (is_array(result) || is_func(result)) error(d->loc, "a function cannot return an array or a function");
  return types_.func(result, params, variadic, unprototyped);
}

const CType* Parser::parse_type_name() {
  VlaContextScope vla_scope(this, VlaContext::TypeName);
  DeclSpec spec;
  if (!parse_decl_spec(&spec, false)) {
    error(peek().loc, "expected a type name");
    return types_.int_t();
  }
  Declarator d;
  const CType* t = parse_declarator(spec.type, &d);
  if (d.name) error(d.loc, "unexpected name in a type name");
  return t;
}

Symbol* Parser::declare(const DeclSpec& spec, Declarator& d, bool file_scope) {
  Symbol* s = declare_symbol(spec, d, file_scope);
  if (!s) return s;
  apply_gnu_attrs(spec.attrs, d.attrs, s, file_scope);
  if (s->kind == Symbol::Func && file_scope) {
    if (!spec.is_inline || spec.storage == StorageClass::Extern) s->decl_not_inline_or_extern = true;
    if (spec.storage != StorageClass::Extern) s->decl_not_extern = true;
  }
  return s;
}

Symbol* Parser::declare_symbol(const DeclSpec& spec, Declarator& d, bool file_scope) {
  // aligned(N) on a typedef or an object raises its type's alignment; data items and the
  // frame give at most 16, so more than that on an object is not supported yet.
  uint32_t aligned = layout_attrs_.aligned;
  SourceLoc aligned_loc = layout_attrs_.aligned_loc;
  layout_attrs_.aligned = 0;
  check_unused_layout_attrs();
  std::string nm(names_.str(d.name));
  if (!d.name) {
    error(d.loc, "declaration does not declare anything");
    return nullptr;
  }
  if (aligned && !is_func(d.type)) {
    if (aligned > 16 && spec.storage != StorageClass::Typedef)
      error(aligned_loc, "attribute 'aligned' above 16 on a variable is not supported yet");
    else
      d.type = types_.aligned(d.type, aligned);
  }
  const CType* t = d.type;
  Symbol* prev = lookup(d.name);
  bool same_scope = prev && in_current_scope(d.name);
  if (spec.storage == StorageClass::Typedef) {
    if (same_scope && !(prev->kind == Symbol::Typedef && prev->type == t))
      error(d.loc, "redefinition of '%s'", nm.c_str());
    Symbol* s = arena_.make<Symbol>();
    s->kind = Symbol::Typedef;
    s->name = d.name;
    s->type = t;
    s->loc = d.loc;
    bind(d.name, s);
    return s;
  }
  bool is_fn = is_func(t);
  bool linkage = file_scope || is_fn || spec.storage == StorageClass::Extern;
  if (linkage) {
    // Declarations with linkage refer to one object: reuse the earlier symbol.
    Symbol* g = prev;
    if (g && !file_scope && !same_scope) g = nullptr;
    if (!g && !file_scope)
      for (Symbol* s : globals_)
        if (s->name == d.name) g = s;
    if (!g && file_scope)  // first declared in a block (`extern int x;`, or implicitly)
      for (Symbol* s : block_scope_externs_)
        if (s->name == d.name) g = s;
    // `int y __asm__("x");` after x's declaration: another name for x.
    NameId asm_name = d.attrs.asm_name.empty() ? 0 : names_.intern(d.attrs.asm_name);
    if (!g && asm_name)
      for (Symbol* s : globals_)
        if (s->ir_name == asm_name && s->name != d.name) g = s;
    if (g && (g->kind == Symbol::Var || g->kind == Symbol::Func) && g->global) {
      if ((g->kind == Symbol::Func) != is_fn || (g->type != t && !(is_fn && (g->type->unprototyped || t->unprototyped)) &&
                                                 !(is_array(g->type) && is_array(t) && g->type->base == t->base))) {
        error(d.loc, "conflicting types for '%s'", nm.c_str());
      } else if (is_fn && g->type->unprototyped && (!t->unprototyped || g->type->nparams == 0)) {
        g->type = t;  // a prototype, or a K&R definition's parameters, tell more than `f()`
      } else if (is_array(t) && t->complete) {
        g->type = t;
      }
      if (spec.storage == StorageClass::Static) g->storage = StorageClass::Static;
      if (!is_fn && file_scope && spec.storage != StorageClass::Extern) g->defined = true;
      if (!file_scope || !same_scope) bind(d.name, g);
      return g;
    }
    if (same_scope) error(d.loc, "redefinition of '%s'", nm.c_str());
    Symbol* s = arena_.make<Symbol>();
    s->kind = is_fn ? Symbol::Func : Symbol::Var;
    s->storage = spec.storage;
    s->global = true;
    s->name = d.name;
    s->ir_name = asm_name ? asm_name : d.name;
    s->type = t;
    s->loc = d.loc;
    s->ir_id = kNone;
    s->defined = !is_fn && spec.storage != StorageClass::Extern;
    bind(d.name, s);
    globals_.push_back(s);
    if (!file_scope) block_scope_externs_.push_back(s);
    return s;
  }
  if (same_scope) error(d.loc, "redefinition of '%s'", nm.c_str());
  Symbol* s = arena_.make<Symbol>();
  s->kind = Symbol::Var;
  s->storage = spec.storage;
  s->name = d.name;
  s->ir_name = d.name;
  s->type = t;
  s->loc = d.loc;
  s->ir_id = kNone;
  s->defined = true;
  if (spec.storage == StorageClass::Static) {
    // A static local is a module item named function.name (gcc says name.N): not a C name,
    // and never a local variable's name, which has no '.' or ends in digits ("x.2").
    s->global = true;
    std::string ir = cur_func_ ? std::string(names_.str(cur_func_->name)) + "." + nm : nm;
    NameId n = names_.intern(ir);
    if (!static_local_names_.insert(n).second) {
      ir += "." + std::to_string(++static_counter_);
      n = names_.intern(ir);
      static_local_names_.insert(n);
    }
    s->ir_name = n;
    globals_.push_back(s);
  } else {
    cur_locals_.push_back(s);
  }
  bind(d.name, s);
  return s;
}

void Parser::parse_function_body(Symbol* sym, Declarator& d) {
  if (sym->defined) error(d.loc, "redefinition of '%s'", std::string(names_.str(sym->name)).c_str());
  sym->defined = true;
  // A K&R or `()` definition after a prototype keeps the prototype's type (see declare): its
  // parameters must agree with it in number (C11 6.7.6.3p15), or irgen would read past them.
  if (!sym->type->unprototyped && is_func(sym->type) && sym->type->nparams != d.params.size())
    error(d.loc, "number of arguments doesn't match prototype");
  cur_func_ = sym;
  cur_locals_.clear();
  push_scope();
  for (Symbol* p : d.params) {
    if (!p->name) {
      error(p->loc, "parameter name omitted");
      continue;
    }
    if (!p->type->complete) error(p->loc, "parameter has incomplete type '%s'", type_str(p->type).c_str());
    if (in_current_scope(p->name)) error(p->loc, "redefinition of parameter '%s'", std::string(names_.str(p->name)).c_str());
    bind(p->name, p);
  }
  FuncDef f;
  f.sym = sym;
  f.params = to_arena(d.params, &f.nparams);
  f.loc = d.loc;
  f.body = parse_block();
  if (d.knr) promote_knr_params(&f);
  pop_scope();
  funcs_.push_back(f);
  cur_func_ = nullptr;
}

void Parser::parse_knr_declarations(Declarator& d) {
  while (peek().kind != TokKind::Eof && !peek().is(Punct::LBrace)) {
    DeclSpec spec;
    if (!parse_decl_spec(&spec, true)) {
      error(peek().loc, "expected a declaration of a parameter or '{'");
      skip_to_sync();
      if (!peek().is(Punct::LBrace)) return;
      break;
    }
    if (spec.storage != StorageClass::None && spec.storage != StorageClass::Register)
      error(spec.loc, "storage class specified for a parameter");
    for (;;) {
      Declarator pd;
      pd.loc = peek().loc;
      const CType* t = parse_declarator(spec.type, &pd);
      Symbol* p = nullptr;
      for (Symbol* s : d.params)
        if (s->name == pd.name) p = s;
      std::string nm(names_.str(pd.name));
      if (!p) error(pd.loc, "declaration for parameter '%s' but no such parameter", nm.c_str());
      else if (p->type) error(pd.loc, "redefinition of parameter '%s'", nm.c_str());
      else {
        if (is_array(t)) t = types_.pointer_to(t->base);  // 6.7.6.3p7
        else if (is_func(t)) t = types_.pointer_to(t);
        if (is_void(t)) error(pd.loc, "a parameter may not have type 'void'");
        p->type = t;
        p->loc = pd.loc;
      }
      if (accept(Punct::Assign)) {
        error(pd.loc, "parameter '%s' is initialized", nm.c_str());
        parse_assign();
      }
      if (!accept(Punct::Comma)) break;
    }
    if (!expect(Punct::Semi, "';' after a parameter declaration")) skip_to_sync(), accept(Punct::Semi);
  }
  // The function's type: no prototype (calls promote their arguments), parameters of the
  // promoted types, which is what callers pass (6.5.2.2p6).
  std::vector<const CType*> promoted;
  for (Symbol* p : d.params) {
    if (!p->type) {
      warning(p->loc, "type of '%s' defaults to 'int'", std::string(names_.str(p->name)).c_str());
      p->type = types_.int_t();
    }
    promoted.push_back(types_.arg_promote(p->type));
  }
  d.type = types_.func(d.type->base, promoted, false, true);
}

// A parameter declared `char c` or `float f` in a K&R definition arrives as int or double: the
// function takes the promoted value and the body sees a local of the declared type.
void Parser::promote_knr_params(FuncDef* f) {
  std::vector<Stmt*> inits;
  for (uint32_t i = 0; i < f->nparams; i++) {
    Symbol* p = f->params[i];
    const CType* wide = types_.arg_promote(p->type);
    if (wide == p->type->unqual) continue;
    Symbol* in = arena_.make<Symbol>();
    *in = *p;
    in->type = wide;
    in->addr_taken = false;
    f->params[i] = in;
    // p becomes a local of the body, initialized from the incoming value.
    Expr* ref = new_expr(ExprKind::VarRef, wide, p->loc);
    ref->sym = in;
    ref->lvalue = true;
    InitItem* item = arena_.make<InitItem>();
    *item = {0, p->type->unqual, convert(decay(ref), p->type->unqual), 0, 0, false};
    p->init = item;
    p->ninit = 1;
    p->has_init = true;
    cur_locals_.push_back(p);
    Stmt* st = new_stmt(StmtKind::Decl, p->loc);
    st->sym = p;
    inits.push_back(st);
  }
  if (inits.empty()) return;
  inits.push_back(f->body);
  Stmt* block = new_stmt(StmtKind::Block, f->body->loc);
  block->list = to_arena(inits, &block->n);
  f->body = block;
}

// C90's implicit declaration (gcc -std=gnu11 accepts it with a warning): `extern int f();` in
// the current block.
Symbol* Parser::implicit_function(const Token& name) {
  std::string_view n = spelling(name);
  warning(name.loc, "implicit declaration of function '%.*s'", static_cast<int>(n.size()), n.data());
  DeclSpec spec;
  spec.storage = StorageClass::Extern;
  spec.type = types_.int_t();
  spec.loc = name.loc;
  Declarator d;
  d.name = name.spelling;
  d.loc = name.loc;
  d.type = types_.func(types_.int_t(), {}, false, true);
  return declare(spec, d, scope_level_ == 0);
}

void Parser::reject_inline_asm() {
  SourceLoc loc = advance().loc;
  error(loc, "inline assembly is not supported");
  while (kw(peek()) == Kw::Volatile || kw(peek()) == Kw::GnuVolatile || kw(peek()) == Kw::Goto || kw(peek()) == Kw::Inline)
    advance();
  if (peek().is(Punct::LParen)) {
    int depth = 0;
    do {
      Token t = advance();
      if (t.is(Punct::LParen)) depth++;
      else if (t.is(Punct::RParen)) depth--;
    } while (depth > 0 && peek().kind != TokKind::Eof);
  }
  accept(Punct::Semi);
}

void Parser::parse_external_declaration() {
  DeclSpec spec;
  if (accept(Punct::Semi)) return;
  if (is_asm_keyword(peek()) && peek(1).is(Punct::LParen)) return reject_inline_asm();  // file-scope asm
  if (kw(peek()) == Kw::StaticAssert) return parse_static_assert();
  if (!parse_decl_spec(&spec, true)) {
    const Token& t = peek();
    // C90's implicit int at file scope: `main() {...}`, `f(a) int a; {...}`, `x;`, `*p, q[2];`.
    const Token& next = peek(1);
    bool implicit = (t.kind == TokKind::Identifier && kw(t) == Kw::None &&
                     (next.is(Punct::LParen) || next.is(Punct::Semi) || next.is(Punct::Comma) ||
                      next.is(Punct::Assign) || next.is(Punct::LBracket))) ||
                    (t.is(Punct::Star) && (next.kind == TokKind::Identifier || next.is(Punct::Star)));
    if (!implicit) {
      if (t.kind == TokKind::Identifier && kw(t) == Kw::None)
        error(t.loc, "unknown type name '%s'", std::string(spelling(t)).c_str());
      else
        error(t.loc, "expected a declaration");
      skip_to_sync();
      accept(Punct::Semi);
      accept(Punct::RBrace);
      return;
    }
    spec.loc = t.loc;
    spec.type = types_.int_t();
    if (next.is(Punct::LParen)) warning(t.loc, "return type defaults to 'int'");
    else warning(t.loc, "data definition has no type or storage class");
  }
  if (accept(Punct::Semi)) return;
  bool first = true;
  for (;;) {
    Declarator d;
    d.loc = peek().loc;
    d.type = parse_declarator(spec.type, &d);
    if (first && d.knr && is_func(d.type) && !peek().is(Punct::Semi) && !peek().is(Punct::Comma) &&
        !peek().is(Punct::Assign)) {
      parse_knr_declarations(d);
    } else if (d.knr && !peek().is(Punct::LBrace)) {
      warning(d.loc, "parameter names (without types) in function declaration");
    }
    if (first && is_func(d.type) && peek().is(Punct::LBrace)) {
      Symbol* s = declare(spec, d, true);
      if (s && s->kind == Symbol::Func && !s->defined) {
        s->gnu_inline_def = gnu89_inline_ || spec.attrs.gnu_inline || d.attrs.gnu_inline;
        s->extern_inline_def = spec.is_inline && spec.storage == StorageClass::Extern;
      }
      if (s && s->kind == Symbol::Func) parse_function_body(s, d);
      else parse_block();
      return;
    }
    first = false;
    Symbol* s = declare(spec, d, true);
    if (accept(Punct::Assign)) {
      if (s && s->kind == Symbol::Var) {
        if (s->has_init) error(d.loc, "redefinition of '%s'", std::string(names_.str(s->name)).c_str());
        s->defined = true;
        parse_initializer(s);
      } else {
        parse_assign();
      }
    }
    if (s && s->kind == Symbol::Var && !s->type->complete && s->storage != StorageClass::Extern && !is_array(s->type)) {
      // A tentative definition may have a type completed later in the unit (C11 6.9.2p2):
      // checked at its end.
      if (s->has_init) error(d.loc, "variable has incomplete type '%s'", type_str(s->type).c_str());
      else incomplete_tentatives_.push_back({s, d.loc});
    }
    if (!accept(Punct::Comma)) break;
  }
  if (!expect(Punct::Semi, "';' after a declaration")) skip_to_sync(), accept(Punct::Semi);
}

void Parser::parse_local_declaration(std::vector<Stmt*>* out) {
  DeclSpec spec;
  pending_vlas_.clear();
  // Attributes alone start a declaration (starts_local_declaration) but give no type; before
  // a ';' they are a label's (`lab: __attribute__((unused));`, as gcc reads them).
  if (!parse_decl_spec(&spec, true)) {
    if (accept(Punct::Semi)) return;
    error(peek().loc, "expected a type in a declaration");
    skip_to_sync();
    accept(Punct::Semi);
    return;
  }
  if (accept(Punct::Semi)) return;
  for (;;) {
    Declarator d;
    d.loc = peek().loc;
    d.type = parse_declarator(spec.type, &d);
    if (is_func(d.type) && peek().is(Punct::LBrace)) {  // GNU nested functions
      declare(spec, d, false);  // as a declaration, so that its uses do not add errors
      error(peek().loc, "nested function definitions are not supported");
      for (int depth = 0; peek().kind != TokKind::Eof;) {  // skip the body unparsed
        Token b = advance();
        if (b.is(Punct::LBrace)) depth++;
        else if (b.is(Punct::RBrace) && --depth == 0) break;
      }
      return;
    }
    Symbol* s = declare(spec, d, false);
    Stmt* vla_stmt = nullptr;
    if (!pending_vlas_.empty()) {
      // The VLA sizes of this declarator are evaluated where it is, even for a typedef.
      if (s && (s->kind == Symbol::Typedef || (s->kind == Symbol::Var && !s->global && spec.storage != StorageClass::Extern))) {
        Stmt* st = new_stmt(StmtKind::Decl, d.loc);
        st->sym = s;
        st->vlas = to_arena(pending_vlas_, &st->nvlas);
        if (s->kind == Symbol::Typedef) out->push_back(st);
        else vla_stmt = st;
      } else if (s) {
        error(d.loc, "'%s' has static storage and a variably modified type", std::string(names_.str(d.name)).c_str());
      }
      pending_vlas_.clear();
    }
    if (s && s->kind == Symbol::Var && s->type->vm && accept(Punct::Assign)) {
      error(d.loc, "variable-sized object '%s' may not be initialized", std::string(names_.str(d.name)).c_str());
      parse_assign();
    }
    if (s && accept(Punct::Assign)) {
      if (s->kind != Symbol::Var || (s->global && !s->defined) || spec.storage == StorageClass::Extern) {
        error(d.loc, "'%s' cannot be initialized here", std::string(names_.str(d.name)).c_str());
        parse_assign();
      } else {
        parse_initializer(s);
      }
    }
    if (s && s->kind == Symbol::Var && !s->type->complete && spec.storage != StorageClass::Extern)
      error(d.loc, "variable has incomplete type '%s'", type_str(s->type).c_str());
    if (s && s->kind == Symbol::Var && !s->global) {
      Stmt* st = vla_stmt ? vla_stmt : new_stmt(StmtKind::Decl, d.loc);
      st->sym = s;
      out->push_back(st);
    }
    if (!accept(Punct::Comma)) break;
  }
  if (!expect(Punct::Semi, "';' after a declaration")) skip_to_sync(), accept(Punct::Semi);
}

}  // namespace kite::c

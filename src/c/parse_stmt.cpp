// Statements (C11 6.8), the token buffer, the nesting limit and the translation unit loop.
#include "parser.h"

namespace kite::c {

Parser::Parser(TokenSource& src, const SourceManager& sources, Interner& names, Diagnostics& diags, TypeTable& types,
               Arena& arena)
    : src_(src), sources_(sources), names_(names), diags_(diags), types_(types), arena_(arena), keywords_(names) {
  scope_marks_.push_back({0, 0});
  va_start_id_ = names.intern("__builtin_va_start");
  va_arg_id_ = names.intern("__builtin_va_arg");
  va_end_id_ = names.intern("__builtin_va_end");
  va_copy_id_ = names.intern("__builtin_va_copy");
  alloca_id_ = names.intern("alloca");
  builtin_alloca_id_ = names.intern("__builtin_alloca");
  // __builtin_va_list is gcc's x86-64 va_list: struct __va_list_tag[1] (24 bytes).
  CType* tag = types_.new_record(TypeKind::Struct, names.intern("__va_list_tag"));
  const CType* u = types_.basic(TypeKind::UInt);
  const CType* vp = types_.pointer_to(types_.void_t());
  types_.complete_record(tag, {{names.intern("gp_offset"), u, 0, 0, 0, false}, {names.intern("fp_offset"), u, 0, 0, 0, false},
                               {names.intern("overflow_arg_area"), vp, 0, 0, 0, false}, {names.intern("reg_save_area"), vp, 0, 0, 0, false}});
  Symbol* va_list = arena_.make<Symbol>();
  va_list->kind = Symbol::Typedef;
  va_list->name = names.intern("__builtin_va_list");
  va_list->type = types_.array_of(tag, 1);
  bind(va_list->name, va_list);
}

const Token& Parser::fill_ahead(size_t k) {
  while (ahead_.size() <= k) {
    Token t;
    if (fatal_ || diags_.at_limit()) {
      t.kind = TokKind::Eof;
      t.loc = last_.loc;
    } else {
      t = src_.next();
      if (t.expansion) note_expansion(t);
      if (t.kind == TokKind::Other) {
        error(t.loc, "stray character in the program");
        continue;
      }
    }
    ahead_.push_back(t);
  }
  return ahead_[k];
}

Token Parser::advance() {
  peek();
  last_ = ahead_.front();
  if (last_.kind != TokKind::Eof) ahead_.pop_front();
  return last_;
}

bool Parser::accept(Punct p) {
  if (!peek().is(p)) return false;
  advance();
  return true;
}

bool Parser::accept_kw(Kw k) {
  if (kw(peek()) != k) return false;
  advance();
  return true;
}

bool Parser::expect(Punct p, const char* what) {
  if (accept(p)) return true;
  if (fatal_) return false;
  const Token& t = peek();
  if (t.kind == TokKind::Eof) {
    error(t.loc, "expected %s at the end of the file", what);
  } else {
    std::string_view s = t.kind == TokKind::Punct ? std::string_view(punct_text(t.punct)) : spelling(t);
    error(t.loc, "expected %s before '%.*s'", what, static_cast<int>(s.size()), s.data());
  }
  return false;
}

// Error recovery: on to the next ';' or '}' at this nesting level (not consumed).
void Parser::skip_to_sync() {
  int depth = 0;
  for (;;) {
    const Token& t = peek();
    if (t.kind == TokKind::Eof) return;
    if (depth == 0 && (t.is(Punct::Semi) || t.is(Punct::RBrace))) return;
    if (t.is(Punct::LBrace) || t.is(Punct::LParen) || t.is(Punct::LBracket)) depth++;
    if ((t.is(Punct::RBrace) || t.is(Punct::RParen) || t.is(Punct::RBracket)) && depth > 0) depth--;
    advance();
  }
}

bool Parser::enter(SourceLoc loc) {
  if (fatal_) return false;
  if (depth_ >= kMaxDepth) {
    error(loc, "nesting too deep");
    fatal_ = true;
    ahead_.clear();
    return false;
  }
  depth_++;
  return true;
}

Stmt* Parser::new_stmt(StmtKind k, SourceLoc loc) {
  Stmt* s = arena_.make<Stmt>();
  s->kind = k;
  s->loc = loc;
  return s;
}

Stmt* Parser::parse_block() {
  SourceLoc loc = peek().loc;
  Stmt* b = new_stmt(StmtKind::Block, loc);
  if (!expect(Punct::LBrace, "'{'")) return b;
  if (!enter(loc)) return b;
  push_scope();
  size_t local_labels_mark = local_labels_.size();
  std::vector<Stmt*> list;
  while (!peek().is(Punct::RBrace) && peek().kind != TokKind::Eof) {
    const Token& t = peek();
    if (kw(t) == Kw::StaticAssert) {
      parse_static_assert();
      continue;
    }
    if (kw(t) == Kw::GnuLabel) {
      parse_local_labels();
      continue;
    }
    if (starts_local_declaration()) parse_local_declaration(&list);
    else list.push_back(parse_stmt());
  }
  expect(Punct::RBrace, "'}'");
  pop_scope();
  local_labels_.resize(local_labels_mark);
  leave();
  b->list = to_arena(list, &b->n);
  return b;
}

Stmt* Parser::parse_stmt() {
  const Token t = peek();
  if (!enter(t.loc)) return new_stmt(StmtKind::Null, t.loc);
  Stmt* s = nullptr;
  auto cond_expr = [&]() {
    expect(Punct::LParen, "'('");
    Expr* e = to_bool_operand(parse_expr(), t.loc);
    expect(Punct::RParen, "')'");
    return e;
  };
  // Selection and iteration statements are blocks, and so is each of their substatements
  // (6.8.4p3, 6.8.5p5): `if (sizeof(enum {in = 1})) ...` declares `in` for the if only.
  auto sub_stmt = [&]() {
    push_scope();
    Stmt* b = parse_stmt();
    pop_scope();
    return b;
  };
  switch (kw(t)) {
    case Kw::Asm:
    case Kw::Asm2:
    case Kw::AsmPlain:
      reject_inline_asm();
      s = new_stmt(StmtKind::Null, t.loc);
      break;
    case Kw::If:
      advance();
      s = new_stmt(StmtKind::If, t.loc);
      push_scope();
      s->e = cond_expr();
      s->body = sub_stmt();
      if (accept_kw(Kw::Else)) s->els = sub_stmt();
      pop_scope();
      break;
    case Kw::While:
      advance();
      s = new_stmt(StmtKind::While, t.loc);
      push_scope();
      s->e = cond_expr();
      loops_++;
      s->body = sub_stmt();
      loops_--;
      pop_scope();
      break;
    case Kw::Do:
      advance();
      s = new_stmt(StmtKind::DoWhile, t.loc);
      push_scope();
      loops_++;
      s->body = sub_stmt();
      loops_--;
      if (!accept_kw(Kw::While)) error(peek().loc, "expected 'while' in a do statement");
      s->e = cond_expr();
      pop_scope();
      expect(Punct::Semi, "';'");
      break;
    case Kw::For: {
      advance();
      s = new_stmt(StmtKind::For, t.loc);
      push_scope();
      expect(Punct::LParen, "'('");
      if (starts_type_name(peek()) || kw(peek()) == Kw::Static) {
        std::vector<Stmt*> decls;
        parse_local_declaration(&decls);
        Stmt* b = new_stmt(StmtKind::Block, t.loc);
        b->list = to_arena(decls, &b->n);
        s->init = b;
      } else if (!accept(Punct::Semi)) {
        Stmt* e = new_stmt(StmtKind::Expr, peek().loc);
        e->e = parse_expr();
        s->init = e;
        expect(Punct::Semi, "';'");
      }
      if (!peek().is(Punct::Semi)) s->e = to_bool_operand(parse_expr(), t.loc);
      expect(Punct::Semi, "';'");
      if (!peek().is(Punct::RParen)) s->step = parse_expr();
      expect(Punct::RParen, "')'");
      loops_++;
      s->body = sub_stmt();
      loops_--;
      pop_scope();
      break;
    }
    case Kw::Switch: {
      advance();
      s = new_stmt(StmtKind::Switch, t.loc);
      push_scope();
      expect(Punct::LParen, "'('");
      Expr* e = decay(parse_expr());
      expect(Punct::RParen, "')'");
      if (!is_integer(e->type)) {
        error(t.loc, "statement requires an expression of integer type ('%s' invalid)", type_str(e->type).c_str());
        e = int_lit(0, types_.int_t(), t.loc);
      }
      s->e = convert(e, types_.promote(e->type));
      SwitchCtx ctx{{}, s->e->type, false};
      switches_.push_back(&ctx);
      s->body = sub_stmt();
      switches_.pop_back();
      pop_scope();
      s->list = to_arena(ctx.cases, &s->n);
      break;
    }
    case Kw::Case: {
      advance();
      s = new_stmt(StmtKind::Case, t.loc);
      int64_t v = parse_const_int("a case label");
      int64_t last = v;
      if (accept(Punct::Ellipsis)) last = parse_const_int("a case label");  // GNU case range
      expect(Punct::Colon, "':'");
      if (switches_.empty()) {
        error(t.loc, "'case' statement not in a switch statement");
      } else {
        SwitchCtx* sw = switches_.back();
        s->value = convert(int_lit(v, types_.basic(TypeKind::LLong), t.loc), sw->type)->ival;
        s->value_last = convert(int_lit(last, types_.basic(TypeKind::LLong), t.loc), sw->type)->ival;
        // An empty range (`case 5 ... 1:`) matches nothing, as in gcc. Ranges are compared in
        // the controlling type's order.
        bool u = !is_signed(sw->type);
        int64_t lo = case_order_key(s->value, u), hi = case_order_key(s->value_last, u);
        for (Stmt* c : sw->cases) {
          int64_t clo = case_order_key(c->value, u), chi = case_order_key(c->value_last, u);
          if (c->kind == StmtKind::Case && lo <= hi && clo <= chi && clo <= hi && lo <= chi) {
            if (v == last && c->value == c->value_last)
              error(t.loc, u ? "duplicate case value '%llu'" : "duplicate case value '%lld'", static_cast<long long>(s->value));
            else
              error(t.loc, "duplicate (or overlapping) case value");
            break;
          }
        }
        sw->cases.push_back(s);
      }
      s->body = parse_labeled_body(t.loc);
      break;
    }
    case Kw::Default:
      advance();
      s = new_stmt(StmtKind::Default, t.loc);
      expect(Punct::Colon, "':'");
      if (switches_.empty()) {
        error(t.loc, "'default' statement not in a switch statement");
      } else {
        if (switches_.back()->has_default) error(t.loc, "multiple default labels in one switch");
        switches_.back()->has_default = true;
        switches_.back()->cases.push_back(s);
      }
      s->body = parse_labeled_body(t.loc);
      break;
    case Kw::Break:
    case Kw::Continue:
      advance();
      s = new_stmt(kw(t) == Kw::Break ? StmtKind::Break : StmtKind::Continue, t.loc);
      if (kw(t) == Kw::Break ? loops_ == 0 && switches_.empty() : loops_ == 0)
        error(t.loc, "'%s' statement not in a loop%s", kw(t) == Kw::Break ? "break" : "continue",
              kw(t) == Kw::Break ? " or switch statement" : " statement");
      expect(Punct::Semi, "';'");
      break;
    case Kw::Goto:
      advance();
      s = new_stmt(StmtKind::Goto, t.loc);
      if (accept(Punct::Star)) {  // GNU computed goto: the target is a label's address
        s->kind = StmtKind::GotoIndirect;
        s->e = decay(parse_expr());
        if (!is_ptr(s->e->type)) error(s->e->loc, "computed goto needs a pointer, not '%s'", type_str(s->e->type).c_str());
      } else if (peek().kind == TokKind::Identifier) s->label = label_name(advance().spelling);
      else error(peek().loc, "expected a label name after 'goto'");
      expect(Punct::Semi, "';'");
      break;
    case Kw::Return: {
      advance();
      s = new_stmt(StmtKind::Return, t.loc);
      const CType* rt = cur_func_ ? cur_func_->type->base : types_.int_t();
      if (!peek().is(Punct::Semi)) {
        Expr* e = parse_expr();
        if (is_void(rt)) {
          if (!is_void(e->type)) error(t.loc, "void function should not return a value");
          s->e = e;
        } else {
          s->e = assign_convert(e, rt, t.loc, "return");
        }
      } else if (!is_void(rt)) {
        error(t.loc, "non-void function should return a value");
      }
      expect(Punct::Semi, "';'");
      break;
    }
    default:
      if (t.is(Punct::LBrace)) {
        s = parse_block();
      } else if (t.is(Punct::Semi)) {
        advance();
        s = new_stmt(StmtKind::Null, t.loc);
      } else if (t.kind == TokKind::Identifier && kw(t) == Kw::None && peek(1).is(Punct::Colon)) {
        advance();
        advance();
        s = new_stmt(StmtKind::Label, t.loc);
        s->label = label_name(t.spelling);
        s->body = parse_labeled_body(t.loc);
      } else {
        s = new_stmt(StmtKind::Expr, t.loc);
        s->e = parse_expr();
        if (!expect(Punct::Semi, "';' after an expression")) {
          skip_to_sync();
          accept(Punct::Semi);
        }
      }
  }
  leave();
  return s;
}

// Whether a declaration starts here in a block: a storage class or a type name, also after
// GNU `__extension__` (which before an expression makes an expression statement, as glibc's
// macros write `__extension__ ({ ... })`), but not a label named like a typedef.
bool Parser::starts_local_declaration() {
  size_t k = 0;
  while (kw(peek(k)) == Kw::Extension) k++;
  const Token t = peek(k);
  Kw w = kw(t);
  if (w == Kw::Static || w == Kw::Extern || w == Kw::Typedef || w == Kw::Auto || w == Kw::Register || w == Kw::Alignas)
    return true;
  if (!starts_type_name(t)) return false;
  return !(w == Kw::None && peek(k + 1).is(Punct::Colon));
}

// What follows a label, `case` or `default`: a statement, or (C23, and gcc before it) a
// declaration or the end of the block.
Stmt* Parser::parse_labeled_body(SourceLoc loc) {
  const Token next = peek();
  if (next.is(Punct::RBrace)) return new_stmt(StmtKind::Null, loc);
  if (!starts_local_declaration()) return parse_stmt();
  std::vector<Stmt*> decls;
  parse_local_declaration(&decls);
  Stmt* b = new_stmt(StmtKind::Block, next.loc);  // no scope of its own: the names stay visible after it
  b->list = to_arena(decls, &b->n);
  return b;
}

TranslationUnit Parser::parse() {
  while (peek().kind != TokKind::Eof) parse_external_declaration();
  for (const auto& [s, loc] : incomplete_tentatives_)
    if (!s->type->complete) error(loc, "storage size of '%s' isn't known", std::string(names_.str(s->name)).c_str());
  resolve_aliases();
  settle_inline_definitions();
  // -fcommon: a tentative definition (no initializer) is a common symbol, which the system
  // linker merges with the other files' tentative definitions and yields to an initialized
  // one: a weak export does both (the first of several tentative ones stays).
  if (common_)
    for (Symbol* s : globals_)
      if (s->kind == Symbol::Var && s->defined && !s->has_init && s->storage != StorageClass::Static && !s->alias_of)
        s->weak = true;
  TranslationUnit tu;
  tu.globals = to_arena(globals_, &tu.nglobals);
  tu.funcs = to_arena(funcs_, &tu.nfuncs);
  return tu;
}

}  // namespace kite::c

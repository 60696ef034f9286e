// C11 and GNU C expression forms beyond the core grammar: statement expressions `({ ... })`,
// labels as values `&&label`, `_Generic` selections (C11 6.5.1.1), the predefined function
// names `__func__` / `__FUNCTION__` / `__PRETTY_FUNCTION__` (6.4.2.2), `typeof` in
// declaration specifiers, `_Static_assert` (6.7.10), GNU local labels and `a ?: b`.
#include "parser.h"

namespace kite::c {

// At '(' with '{' next. The block is parsed as any block (its own scope, locals, labels that
// belong to the function); its last statement, when it is an expression statement, becomes the
// value of the whole, which is void otherwise (as gcc does).
Expr* Parser::parse_stmt_expr() {
  SourceLoc loc = advance().loc;
  if (!cur_func_) error(loc, "braced-group within expression allowed only inside a function");
  Stmt* body = parse_block();
  expect(Punct::RParen, "')'");
  Expr* e = new_expr(ExprKind::StmtExpr, types_.void_t(), loc);
  e->body = body;
  // The last statement, also under labels (`({ ... done: x; })`).
  Stmt** last = body->n > 0 ? &body->list[body->n - 1] : nullptr;
  while (last && (*last)->kind == StmtKind::Label) last = &(*last)->body;
  if (last && *last && (*last)->kind == StmtKind::Expr) {
    Expr* v = decay((*last)->e);
    *last = new_stmt(StmtKind::Null, (*last)->loc);
    e->a = v;
    e->type = v->type->unqual;
  }
  return e;
}

// At '&&' with a name next: the address of a label of the current function (void*).
Expr* Parser::parse_label_addr() {
  SourceLoc loc = advance().loc;
  Token name = advance();
  Expr* e = new_expr(ExprKind::LabelAddr, types_.pointer_to(types_.void_t()), loc);
  e->label = label_name(name.spelling);
  e->sym = cur_func_;
  if (!cur_func_) {
    error(loc, "taking the address of a label outside a function");
    return int_lit(0, e->type, loc);
  }
  return e;
}

// Compatible types for _Generic (6.2.7): types are interned, so the same type is the same
// object, and an enum type is compatible with its underlying type (int in Kite).
static bool generic_compatible(const CType* a, const CType* b, const CType* int_t) {
  if (a == b) return true;
  return (a->kind == TypeKind::Enum && b == int_t) || (b->kind == TypeKind::Enum && a == int_t);
}

// _Generic(controlling-expression, type: expr, ..., default: expr). The controlling
// expression is not evaluated; its type is taken after lvalue conversion: arrays and
// functions decay and the top-level qualifiers go.
Expr* Parser::parse_generic() {
  SourceLoc loc = advance().loc;
  if (!expect(Punct::LParen, "'('")) return int_lit(0, types_.int_t(), loc);
  Expr* control = parse_assign();
  const CType* want = bitfield_type(control);  // gcc: a bit-field's own type, not promoted
  control = decay(control);
  if (!want) want = control->type->unqual;
  Expr* chosen = nullptr;
  Expr* fallback = nullptr;
  bool has_default = false;
  std::vector<const CType*> seen;
  while (accept(Punct::Comma)) {
    SourceLoc assoc_loc = peek().loc;
    const CType* t = nullptr;
    if (accept_kw(Kw::Default)) {
      if (has_default) error(assoc_loc, "duplicate 'default' case in '_Generic'");
      has_default = true;
    } else {
      t = parse_type_name();
      for (const CType* s : seen)
        if (generic_compatible(s, t, types_.int_t())) error(assoc_loc, "'_Generic' specifies two compatible types");
      if (is_func(t) || (!t->complete && !is_void(t)))
        error(assoc_loc, "'_Generic' association has incomplete type '%s'", type_str(t).c_str());
      seen.push_back(t);
    }
    expect(Punct::Colon, "':'");
    Expr* e = parse_assign();
    if (t && generic_compatible(t, want, types_.int_t()) && !chosen) chosen = e;
    if (!t && !fallback) fallback = e;
  }
  expect(Punct::RParen, "')'");
  if (!chosen) chosen = fallback;
  if (!chosen) {
    error(loc, "'_Generic' selector of type '%s' is not compatible with any association", type_str(want).c_str());
    return int_lit(0, types_.int_t(), loc);
  }
  return chosen;
}

// __func__ (and gcc's __FUNCTION__ and __PRETTY_FUNCTION__, the same in C): one static
// `const char[]` per function holding its name. Null when `t` is none of these names.
Expr* Parser::func_name_expr(const Token& t) {
  std::string_view n = spelling(t);
  if (n != "__func__" && n != "__FUNCTION__" && n != "__PRETTY_FUNCTION__") return nullptr;
  if (!func_name_sym_ || func_name_owner_ != cur_func_) {
    std::string_view fname = cur_func_ ? names_.str(cur_func_->name) : std::string_view();
    Symbol* s = arena_.make<Symbol>();
    s->kind = Symbol::Var;
    s->storage = StorageClass::Static;
    s->global = true;
    s->defined = true;
    s->has_init = true;
    s->name = names_.intern("__func__");
    char buf[32];
    snprintf(buf, sizeof buf, "__func__.%u", ++static_counter_);
    s->ir_name = names_.intern(buf);
    s->type = types_.array_of(types_.qualified(types_.basic(TypeKind::Char), kConst), static_cast<int64_t>(fname.size() + 1));
    s->loc = t.loc;
    s->ir_id = kNone;
    std::vector<InitItem> items;
    for (size_t i = 0; i < fname.size(); i++)
      items.push_back({i, types_.basic(TypeKind::Char), int_lit(static_cast<unsigned char>(fname[i]), types_.basic(TypeKind::Char), t.loc), 0, 0, false});
    s->init = to_arena(items, &s->ninit);
    globals_.push_back(s);
    func_name_sym_ = s;
    func_name_owner_ = cur_func_;
  }
  Expr* e = new_expr(ExprKind::VarRef, func_name_sym_->type, t.loc);
  e->sym = func_name_sym_;
  e->lvalue = true;
  func_name_sym_->used = true;
  return e;
}

// typeof(type-name) or typeof(expression), after the keyword: the type, qualifiers kept. The
// expression is not evaluated.
const CType* Parser::parse_typeof() {
  SourceLoc loc = advance().loc;
  if (!expect(Punct::LParen, "'('")) return types_.int_t();
  const CType* t;
  if (starts_type_name(peek())) {
    t = parse_type_name();
  } else {
    Expr* e = parse_expr();
    if (e->kind == ExprKind::Member && e->member->is_bitfield) error(loc, "'typeof' applied to a bit-field");
    t = e->type;
  }
  expect(Punct::RParen, "')'");
  return t;
}

// _Static_assert(constant-expression, "message"); (the message may be left out, as C23 allows).
void Parser::parse_static_assert() {
  SourceLoc loc = advance().loc;
  if (!expect(Punct::LParen, "'('")) {
    skip_to_sync();
    accept(Punct::Semi);
    return;
  }
  size_t errors = diags_.error_count();
  int64_t v = parse_const_int("expression in static assertion");
  bool constant = diags_.error_count() == errors;
  std::string msg;
  bool has_msg = false;
  if (accept(Punct::Comma)) {
    if (peek().kind != TokKind::String) {
      error(peek().loc, "expected a string literal");
    } else {
      Expr* str = parse_string();
      if (str->kind == ExprKind::StrLit && str->type->base->size == 1 && str->type->size > 0)
        msg.assign(str->str, static_cast<size_t>(str->type->size - 1));
      has_msg = true;
    }
  }
  expect(Punct::RParen, "')'");
  if (!expect(Punct::Semi, "';'")) skip_to_sync(), accept(Punct::Semi);
  if (v == 0 && constant) {
    if (has_msg) error(loc, "static assertion failed: \"%s\"", msg.c_str());
    else error(loc, "static assertion failed");
  }
}

void Parser::parse_local_labels() {
  advance();
  for (;;) {
    if (peek().kind != TokKind::Identifier || kw(peek()) != Kw::None) {
      error(peek().loc, "expected a label name after '__label__'");
      skip_to_sync();
      break;
    }
    Token n = advance();
    std::string unique = std::string(spelling(n)) + "." + std::to_string(++local_label_count_);
    local_labels_.push_back({n.spelling, names_.intern(unique)});
    if (!accept(Punct::Comma)) break;
  }
  expect(Punct::Semi, "';'");
}

NameId Parser::label_name(NameId name) const {
  for (size_t i = local_labels_.size(); i-- > 0;)
    if (local_labels_[i].name == name) return local_labels_[i].unique;
  return name;
}

// `c ?: b` is `c ? c : b` with c evaluated once: in a function, as `({ T t = c; t ? t : b; })`
// with an unnamed local; outside one (a static initializer has no side effects) c is repeated.
Expr* Parser::cond_omitted_middle(Expr* c, Expr* b, SourceLoc loc) {
  c = decay(c);
  if (!cur_func_ || c->kind == ExprKind::IntLit || c->kind == ExprKind::FloatLit) return cond(c, c, b, loc);
  if (!is_scalar(c->type)) return cond(c, c, b, loc);  // cond() reports the operand
  Symbol* t = arena_.make<Symbol>();
  t->kind = Symbol::Var;
  t->name = names_.intern("cond.tmp");
  t->ir_name = t->name;
  t->type = c->type->unqual;
  t->loc = loc;
  t->ir_id = kNone;
  t->defined = true;
  t->has_init = true;
  InitItem* init = arena_.make<InitItem>();
  *init = {0, t->type, convert(c, t->type), 0, 0, false};
  t->init = init;
  t->ninit = 1;
  Stmt* decl = new_stmt(StmtKind::Decl, loc);
  decl->sym = t;
  Stmt* body = new_stmt(StmtKind::Block, loc);
  body->list = arena_.make_array<Stmt*>(1);
  body->list[0] = decl;
  body->n = 1;
  auto ref = [&]() {
    Expr* r = new_expr(ExprKind::VarRef, t->type, loc);
    r->sym = t;
    r->lvalue = true;
    return r;
  };
  Expr* v = cond(ref(), ref(), b, loc);
  Expr* e = new_expr(ExprKind::StmtExpr, v->type, loc);
  e->body = body;
  e->a = v;
  return e;
}

}  // namespace kite::c

// Expressions (C11 6.5): precedence climbing for the binary operators, recursive descent for
// the rest, and the decoding of numeric constants (6.4.4) with C's rules for which type an
// integer constant gets (character constants and strings are in literals.cpp).
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "parser.h"

namespace kite::c {

Expr* Parser::parse_expr() {
  Expr* e = parse_assign();
  int links = 0;  // bounded as in parse_binary
  while (peek().is(Punct::Comma) && enter(peek().loc)) {
    links++;
    SourceLoc loc = advance().loc;
    Expr* b = parse_assign();
    e = binary(Punct::Comma, e, b, loc);
  }
  while (links-- > 0) leave();
  return e;
}

static bool is_assign_op(const Token& t) {
  if (t.kind != TokKind::Punct) return false;
  switch (t.punct) {
    case Punct::Assign:
    case Punct::StarAssign:
    case Punct::SlashAssign:
    case Punct::PercentAssign:
    case Punct::PlusAssign:
    case Punct::MinusAssign:
    case Punct::ShlAssign:
    case Punct::ShrAssign:
    case Punct::AmpAssign:
    case Punct::CaretAssign:
    case Punct::PipeAssign: return true;
    default: return false;
  }
}

Expr* Parser::parse_assign() {
  if (!enter(peek().loc)) return int_lit(0, types_.int_t(), peek().loc);
  Expr* e = parse_cond();
  if (is_assign_op(peek())) {
    Token op = advance();
    Expr* b = parse_assign();
    e = assign(op.punct, e, b, op.loc);
  }
  leave();
  return e;
}

Expr* Parser::parse_cond() {
  Expr* c = parse_binary(1);
  if (!peek().is(Punct::Question)) return c;
  SourceLoc loc = advance().loc;
  // The last operand recurses here directly, not through parse_assign: bounded the same way,
  // or `x ? 1 : x ? 1 : ...` would nest without limit (and irgen recurse as deep).
  if (!enter(loc)) return c;
  Expr* e;
  if (accept(Punct::Colon)) {
    e = cond_omitted_middle(c, parse_cond(), loc);
  } else {
    Expr* a = parse_expr();
    expect(Punct::Colon, "':'");
    Expr* b = parse_cond();
    e = cond(c, a, b, loc);
  }
  leave();
  return e;
}

static int precedence(const Token& t) {
  if (t.kind != TokKind::Punct) return 0;
  switch (t.punct) {
    case Punct::PipePipe: return 1;
    case Punct::AmpAmp: return 2;
    case Punct::Pipe: return 3;
    case Punct::Caret: return 4;
    case Punct::Amp: return 5;
    case Punct::EqEq:
    case Punct::Ne: return 6;
    case Punct::Lt:
    case Punct::Gt:
    case Punct::Le:
    case Punct::Ge: return 7;
    case Punct::Shl:
    case Punct::Shr: return 8;
    case Punct::Plus:
    case Punct::Minus: return 9;
    case Punct::Star:
    case Punct::Slash:
    case Punct::Percent: return 10;
    default: return 0;
  }
}

Expr* Parser::parse_binary(int min_prec) {
  Expr* e = parse_cast();
  // Each operator of a chain deepens the left-leaning tree that irgen recurses on, so it counts
  // toward the nesting limit like a parenthesis (10,000 `x +` overflowed the stack under ASan).
  int links = 0;
  for (;;) {
    int p = precedence(peek());
    if (p < min_prec || p == 0 || !enter(peek().loc)) break;
    links++;
    Token op = advance();
    Expr* b = parse_binary(p + 1);
    e = binary(op.punct, e, b, op.loc);
  }
  while (links-- > 0) leave();
  return e;
}

Expr* Parser::parse_cast() {
  if (peek().is(Punct::LParen) && type_name_follows(1)) {
    SourceLoc loc = advance().loc;
    const CType* t = parse_type_name();
    expect(Punct::RParen, "')'");
    if (peek().is(Punct::LBrace)) {
      // A compound literal (6.5.2.5): an unnamed object, static at file scope.
      Symbol* s = arena_.make<Symbol>();
      s->kind = Symbol::Var;
      s->name = names_.intern("compound.literal");
      s->type = t;
      s->loc = loc;
      s->ir_id = kNone;
      s->defined = true;
      s->addr_taken = true;
      if (!cur_func_) {
        s->global = true;
        s->storage = StorageClass::Static;
        char buf[40];
        snprintf(buf, sizeof buf, "compound.%u", ++static_counter_);
        s->ir_name = names_.intern(buf);
        globals_.push_back(s);
      }
      parse_initializer(s);
      if (!s->type->complete || is_func(s->type)) error(loc, "compound literal of incomplete type '%s'", type_str(s->type).c_str());
      Expr* e = new_expr(cur_func_ ? ExprKind::CompoundLit : ExprKind::VarRef, s->type, loc);
      e->sym = s;
      e->lvalue = true;
      return parse_postfix(e);
    }
    if (!enter(loc)) return int_lit(0, types_.int_t(), loc);
    Expr* e = decay(parse_cast());
    leave();
    // GNU: a struct or union cast to its own type is that value (gcc: `(struct S)w->s`).
    if (is_record(t) && e->type->unqual == t->unqual) return e;
    if (!is_void(t) && (!is_scalar(t) || !is_scalar(e->type))) {
      error(loc, "invalid cast from '%s' to '%s'", type_str(e->type).c_str(), type_str(t).c_str());
      return e;
    }
    if (is_floating(t) && is_ptr(e->type)) {
      error(loc, "invalid cast from '%s' to '%s'", type_str(e->type).c_str(), type_str(t).c_str());
      return e;
    }
    Expr* r = convert(e, t);
    if (r == e) {  // a cast yields an rvalue even when the type does not change
      r = new_expr(ExprKind::Cast, t->unqual, loc);
      r->a = e;
    }
    return r;
  }
  return parse_unary();
}

Expr* Parser::parse_unary() {
  // GNU `__extension__ cast-expression`: silences pedantic warnings, no meaning.
  if (kw(peek()) == Kw::Extension) {
    while (kw(peek()) == Kw::Extension) advance();
    return parse_cast();
  }
  const Token& t = peek();
  if (!enter(t.loc)) return int_lit(0, types_.int_t(), t.loc);
  Expr* r;
  if (t.kind == TokKind::Punct) {
    switch (t.punct) {
      case Punct::PlusPlus:
      case Punct::MinusMinus: {
        Token op = advance();
        Expr* a = parse_unary();
        r = incdec(op.punct, false, a, op.loc);
        leave();
        return r;
      }
      case Punct::AmpAmp:
        if (peek(1).kind != TokKind::Identifier) break;
        r = parse_label_addr();
        leave();
        return r;
      case Punct::Amp: {
        SourceLoc loc = advance().loc;
        r = addr_of(parse_cast(), loc);
        leave();
        return r;
      }
      case Punct::Star: {
        SourceLoc loc = advance().loc;
        r = deref(parse_cast(), loc);
        leave();
        return r;
      }
      case Punct::Plus:
      case Punct::Minus:
      case Punct::Tilde:
      case Punct::Bang: {
        Token op = advance();
        r = unary(op.punct, parse_cast(), op.loc);
        leave();
        return r;
      }
      default: break;
    }
  }
  Kw k = kw(t);
  if (k == Kw::Sizeof || k == Kw::Alignof || k == Kw::GnuAlignof) {
    SourceLoc loc = advance().loc;
    const CType* ty;
    if (peek().is(Punct::LParen) && type_name_follows(1)) {
      advance();
      ty = parse_type_name();
      expect(Punct::RParen, "')'");
    } else {
      Expr* x = parse_unary();
      if (x->kind == ExprKind::Member && x->member->is_bitfield) error(loc, "invalid application of 'sizeof' to a bit-field");
      ty = x->type;
    }
    leave();
    if (is_func(ty) || (!ty->complete && !is_void(ty))) {
      error(loc, "invalid application of 'sizeof' to an incomplete type '%s'", type_str(ty).c_str());
      return int_lit(1, types_.basic(TypeKind::ULong), loc);
    }
    if (k == Kw::Sizeof) return size_of(ty, loc);
    return int_lit(ty->align, types_.basic(TypeKind::ULong), loc);
  }
  r = parse_postfix(parse_primary());
  leave();
  return r;
}

Expr* Parser::parse_postfix(Expr* e) {
  for (;;) {
    const Token& t = peek();
    if (t.is(Punct::LBracket)) {
      SourceLoc loc = advance().loc;
      Expr* i = parse_expr();
      expect(Punct::RBracket, "']'");
      Expr* a = decay(e);
      Expr* b = decay(i);
      if (!(is_ptr(a->type) && is_integer(b->type)) && !(is_integer(a->type) && is_ptr(b->type))) {
        error(loc, "subscripted value is not an array or pointer");
        return e;
      }
      e = deref(binary(Punct::Plus, a, b, loc), loc);
    } else if (t.is(Punct::LParen)) {
      SourceLoc loc = advance().loc;
      std::vector<Expr*> args;
      if (!peek().is(Punct::RParen)) {
        for (;;) {
          args.push_back(parse_assign());
          if (!accept(Punct::Comma)) break;
        }
      }
      expect(Punct::RParen, "')'");
      e = call(e, args, loc);
    } else if (t.is(Punct::Dot) || t.is(Punct::Arrow)) {
      Token op = advance();
      if (peek().kind != TokKind::Identifier) {
        error(peek().loc, "expected a member name");
        return e;
      }
      Token name = advance();
      e = member(e, name.spelling, op.is(Punct::Arrow), name.loc);
    } else if (t.is(Punct::PlusPlus) || t.is(Punct::MinusMinus)) {
      Token op = advance();
      e = incdec(op.punct, true, e, op.loc);
    } else {
      return e;
    }
  }
}

Expr* Parser::parse_primary() {
  Token t = peek();
  switch (t.kind) {
    case TokKind::Identifier: {
      if (kw(t) == Kw::Generic) return parse_generic();
      if (kw(t) != Kw::None) break;
      advance();
      if (t.spelling == va_start_id_ || t.spelling == va_arg_id_ || t.spelling == va_end_id_ || t.spelling == va_copy_id_)
        return parse_va_builtin(t);
      Symbol* s = lookup(t.spelling);
      // gcc's built-in alloca: a call of `alloca` declared (or not) but not defined here is
      // __builtin_alloca, as <alloca.h> makes it; the C library exports no alloca.
      if (t.spelling == alloca_id_ && peek().is(Punct::LParen) && (!s || (s->kind == Symbol::Func && !s->defined))) {
        Token b = t;
        b.spelling = builtin_alloca_id_;
        return parse_builtin(b);
      }
      if (!s)
        if (Expr* f = func_name_expr(t)) return f;
      if (!s) {
        if (Expr* b = parse_builtin(t)) return b;
        if (peek().is(Punct::LParen)) s = implicit_function(t);
      }
      if (!s) {
        std::string_view n = spelling(t);
        error(t.loc, "undeclared identifier '%.*s'", static_cast<int>(n.size()), n.data());
        return int_lit(0, types_.int_t(), t.loc);
      }
      s->used = true;
      switch (s->kind) {
        case Symbol::EnumConst: return int_lit(s->value, s->type, t.loc);
        case Symbol::Typedef: error(t.loc, "unexpected type name in an expression"); return int_lit(0, types_.int_t(), t.loc);
        case Symbol::Func: {
          Expr* e = new_expr(ExprKind::FuncRef, s->type, t.loc);
          e->sym = s;
          return e;
        }
        case Symbol::Var: {
          Expr* e = new_expr(ExprKind::VarRef, s->type, t.loc);
          e->sym = s;
          e->lvalue = true;
          if (is_aggregate(s->type)) s->addr_taken = true;
          return e;
        }
      }
      break;
    }
    case TokKind::Number: advance(); return parse_number(t);
    case TokKind::Char: advance(); return parse_char(t);
    case TokKind::String: return parse_string();
    case TokKind::Punct:
      if (t.is(Punct::LParen) && peek(1).is(Punct::LBrace)) return parse_stmt_expr();
      if (t.is(Punct::LParen)) {
        advance();
        Expr* e = parse_expr();
        expect(Punct::RParen, "')'");
        return e;
      }
      break;
    default: break;
  }
  if (t.kind == TokKind::Eof) error(t.loc, "expected an expression at the end of the file");
  else if (!fatal_) {
    std::string_view s = t.kind == TokKind::Punct ? std::string_view(punct_text(t.punct)) : spelling(t);
    error(t.loc, "expected an expression before '%.*s'", static_cast<int>(s.size()), s.data());
  }
  if (t.kind != TokKind::Eof && !t.is(Punct::Semi) && !t.is(Punct::RBrace)) advance();
  return int_lit(0, types_.int_t(), t.loc);
}

Expr* Parser::parse_number(const Token& t) {
  std::string s(spelling(t));
  bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  bool is_float = s.find('.') != std::string::npos || (!hex && s.find_first_of("eE") != std::string::npos) ||
                  (hex && s.find_first_of("pP") != std::string::npos);
  if (is_float) {
    char last = s.back();
    TypeKind k = TypeKind::Double;
    if (last == 'f' || last == 'F') k = TypeKind::Float, s.pop_back();
    else if (last == 'l' || last == 'L') k = TypeKind::LDouble, s.pop_back();
    char* end;
    long double v = strtold(s.c_str(), &end);
    if (*end) error(t.loc, "invalid floating constant '%s'", std::string(spelling(t)).c_str());
    Expr* e = new_expr(ExprKind::FloatLit, types_.basic(k), t.loc);
    e->fval = k == TypeKind::Float ? static_cast<float>(v) : k == TypeKind::Double ? static_cast<double>(strtod(s.c_str(), nullptr)) : v;
    return e;
  }
  size_t i = s.size();
  bool u = false;
  int l = 0;
  while (i > 0) {
    char c = s[i - 1];
    if (c == 'u' || c == 'U') u = true;
    else if (c == 'l' || c == 'L') l++;
    else break;
    i--;
  }
  std::string digits = s.substr(0, i);
  bool bin = digits.size() > 2 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B');
  int base = hex ? 16 : bin ? 2 : digits.size() > 1 && digits[0] == '0' ? 8 : 10;
  const char* start = digits.c_str() + (hex || bin ? 2 : 0);
  errno = 0;
  char* end;
  uint64_t v = strtoull(start, &end, base);
  if (*end || l > 2 || s.size() - i > static_cast<size_t>(l + u) || *start == 0) {
    error(t.loc, "invalid integer constant '%s'", s.c_str());
    return int_lit(0, types_.int_t(), t.loc);
  }
  if (errno == ERANGE) error(t.loc, "integer constant '%s' is too large", s.c_str());
  // 6.4.4.1: the first type of the list that can represent the value.
  bool dec = base == 10;
  TypeKind k;
  if (!u && l == 0 && v <= 0x7fffffff) k = TypeKind::Int;
  else if (!u && l == 0 && !dec && v <= 0xffffffff) k = TypeKind::UInt;
  else if (u && l == 0 && v <= 0xffffffff) k = TypeKind::UInt;
  else if (!u && v <= 0x7fffffffffffffff) k = l == 2 ? TypeKind::LLong : TypeKind::Long;
  else if (u || !dec) k = l == 2 ? TypeKind::ULLong : TypeKind::ULong;
  else k = TypeKind::ULong;  // gcc: a decimal constant too large for long is unsigned (with a warning)
  return int_lit(static_cast<int64_t>(v), types_.basic(k), t.loc);
}

// __builtin_va_start(ap, last), __builtin_va_arg(ap, type), __builtin_va_end(ap).
Expr* Parser::parse_va_builtin(const Token& t) {
  expect(Punct::LParen, "'('");
  Expr* ap = decay(parse_assign());
  Expr* r = int_lit(0, types_.void_t(), t.loc);
  if (!is_ptr(ap->type) || ap->type->base->size != 24) {
    error(ap->loc, "expected a va_list");
  } else if (t.spelling == va_copy_id_) {
    // va_copy(dst, src) copies the va_list's one-element array: a struct assignment *dst = *src.
    expect(Punct::Comma, "','");
    Expr* src = decay(parse_assign());
    if (!is_ptr(src->type) || src->type->base->unqual != ap->type->base->unqual) {
      error(src->loc, "expected a va_list");
    } else {
      r = new_expr(ExprKind::Assign, ap->type->base->unqual, t.loc);
      r->a = deref(ap, t.loc);
      r->b = deref(src, t.loc);
    }
  } else if (t.spelling == va_arg_id_) {
    expect(Punct::Comma, "','");
    const CType* ty = parse_type_name();
    if (!is_scalar(ty) && !is_record(ty)) error(t.loc, "__builtin_va_arg of type '%s' is not supported", type_str(ty).c_str());
    else if (!ty->complete) error(t.loc, "__builtin_va_arg of incomplete type '%s'", type_str(ty).c_str());
    r = new_expr(ExprKind::VaArg, ty->unqual, t.loc);
    r->a = ap;
  } else {
    if (t.spelling == va_start_id_) {
      expect(Punct::Comma, "','");
      parse_assign();
      if (!cur_func_ || !cur_func_->type->variadic) error(t.loc, "'va_start' used in a function with fixed arguments");
    }
    r = new_expr(t.spelling == va_start_id_ ? ExprKind::VaStart : ExprKind::VaEnd, types_.void_t(), t.loc);
    r->a = ap;
  }
  expect(Punct::RParen, "')'");
  return r;
}

int64_t Parser::parse_const_int(const char* what) {
  SourceLoc loc = peek().loc;
  Expr* e = parse_cond();
  int64_t v = 0;
  if (!is_integer(e->type) || !eval_int(e, &v)) {
    error(loc, "%s is not an integer constant expression", what);
    return 0;
  }
  return v;
}

}  // namespace kite::c

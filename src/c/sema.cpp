// Semantic checks of expressions (C11 6.3, 6.5): the integer promotions and usual arithmetic
// conversions, pointer arithmetic, lvalues, conversions at assignment and calls, integer
// constant expressions, and the scope tables. Conversions become explicit Cast nodes so that
// irgen never has to decide a type again.
#include <cstdarg>
#include <cstdio>

#include "parser.h"
#include "preprocess.h"

namespace kite::c {

// With "in file included from" notes when the error is inside a header.
uint32_t Parser::expansion_at(SourceLoc loc) const {
  uint32_t n = std::min(recent_expansion_count_, kRecentExpansions);
  for (uint32_t k = 1; k <= n; k++) {
    const RecentExpansion& r = recent_expansions_[(recent_expansion_count_ - k) % kRecentExpansions];
    if (r.loc.offset == loc.offset && r.loc.file == loc.file) return r.expansion;
  }
  return 0;
}

void Parser::error(SourceLoc loc, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(sources_, diags_, Severity::Error, loc, expansion_at(loc), fmt, ap);
  va_end(ap);
}

void Parser::warning(SourceLoc loc, const char* fmt, ...) {
  if (!warnings_) return;
  if (loc.file < sources_.num_files() && sources_.file(loc.file).system) return;
  va_list ap;
  va_start(ap, fmt);
  vreport(sources_, diags_, Severity::Warning, loc, expansion_at(loc), fmt, ap);
  va_end(ap);
}

Expr* Parser::size_of(const CType* t, SourceLoc loc) {
  const CType* size_t_type = types_.basic(TypeKind::ULong);
  if (!t->unqual->vm) return int_lit(static_cast<int64_t>(t->size), size_t_type, loc);
  Expr* e = new_expr(ExprKind::VlaSizeof, size_t_type, loc);
  e->ctype = t->unqual;
  return e;
}

Expr* Parser::new_expr(ExprKind k, const CType* t, SourceLoc loc) {
  Expr* e = arena_.make<Expr>();
  e->kind = k;
  e->type = t;
  e->loc = loc;
  return e;
}

Expr* Parser::int_lit(int64_t v, const CType* t, SourceLoc loc) {
  Expr* e = new_expr(ExprKind::IntLit, t, loc);
  e->ival = v;
  return e;
}

Expr* Parser::decay(Expr* e) {
  if (!e) return e;
  if (is_array(e->type)) {
    Expr* r = new_expr(ExprKind::AddrOf, types_.pointer_to(e->type->base), e->loc);
    r->a = e;
    if (e->kind == ExprKind::VarRef) e->sym->addr_taken = true;
    return r;
  }
  if (is_func(e->type)) {
    Expr* r = new_expr(ExprKind::AddrOf, types_.pointer_to(e->type), e->loc);
    r->a = e;
    return r;
  }
  if (const CType* p = bitfield_promotion(e)) return convert(e, p);
  return e;
}

// gcc gives a bit-field narrower than its declared type the standard type of its width and
// signedness when there is one (8, 16, 32, 64 bits), else an N-bit type; a field as wide as
// its type keeps the type.
const CType* Parser::bitfield_type(const Expr* e) {
  if (e->kind != ExprKind::Member || !e->member->is_bitfield) return nullptr;
  const Member* m = e->member;
  const CType* t = m->type->unqual;
  if (t->kind == TypeKind::Bool || m->bit_width == int_bits(t)) return t;
  bool u = !is_signed(t);
  switch (m->bit_width) {
    case 8: return types_.basic(u ? TypeKind::UChar : TypeKind::SChar);
    case 16: return types_.basic(u ? TypeKind::UShort : TypeKind::Short);
    case 32: return types_.basic(u ? TypeKind::UInt : TypeKind::Int);
    default: return types_.bit_field_type(t, m->bit_width);
  }
}

// The promoted bit-field: int holds every value of a field narrower than 32 bits (whatever its
// declared type) and of a signed 32-bit one; an unsigned 32-bit field becomes unsigned int; a
// wider one narrower than its type keeps its N-bit type (arithmetic on it wraps at N bits).
const CType* Parser::bitfield_promotion(const Expr* e) {
  const CType* t = bitfield_type(e);
  return t ? types_.promote(t) : nullptr;
}

Expr* Parser::convert(Expr* e, const CType* t) {
  t = t->unqual;
  if (e->type->unqual == t) return e;
  if (is_void(t)) {
    Expr* r = new_expr(ExprKind::Cast, t, e->loc);
    r->a = e;
    return r;
  }
  // Fold conversions of integer constants so that constant expressions stay literals.
  if (e->kind == ExprKind::IntLit && is_integer(t)) return int_lit(wrap_to_type(e->ival, t), t, e->loc);
  Expr* r = new_expr(ExprKind::Cast, t, e->loc);
  r->a = e;
  return r;
}

static bool is_null_constant(const Expr* e) {
  while (e->kind == ExprKind::Cast && (is_integer(e->type) || (is_ptr(e->type) && is_void(e->type->base) && !e->type->base->quals)))
    e = e->a;
  return e->kind == ExprKind::IntLit && e->ival == 0 && is_integer(e->type);
}

Expr* Parser::assign_convert(Expr* e, const CType* t, SourceLoc loc, const char* context) {
  if (!e) return e;
  e = decay(e);
  const CType* s = e->type->unqual;
  t = t->unqual;
  if (is_void(s) && !is_void(t)) {
    error(e->loc, "void value not ignored as it ought to be");
    return e;
  }
  bool ok = false;
  if (is_arith(t) && is_arith(s)) ok = true;
  else if (is_ptr(t) && is_ptr(s)) ok = true;  // gcc only warns about mismatched pointers
  else if (t->kind == TypeKind::Bool && is_ptr(s)) ok = true;
  else if (is_ptr(t) && is_null_constant(e)) ok = true;
  else if (is_record(t) && s == t) return e;
  else if ((is_ptr(t) && is_integer(s)) || (is_integer(t) && t->kind != TypeKind::Bool && is_ptr(s))) {
    // gcc 12 converts with a warning (-Wint-conversion), as older C code expects.
    warning(loc, "%s of '%s' from '%s' makes %s without a cast", context, type_str(t).c_str(), type_str(s).c_str(),
            is_ptr(t) ? "pointer from integer" : "integer from pointer");
    return convert(e, t);
  }
  if (!ok) {
    error(loc, "incompatible types in %s ('%s' from '%s')", context, type_str(t).c_str(), type_str(s).c_str());
    return e;
  }
  return convert(e, t);
}

Expr* Parser::to_bool_operand(Expr* e, SourceLoc loc) {
  e = decay(e);
  if (e && is_void(e->type)) error(e->loc, "void value not ignored as it ought to be");
  else if (e && !is_scalar(e->type)) error(loc, "scalar type required, not '%s'", type_str(e->type).c_str());
  return e;
}

bool Parser::check_lvalue(Expr* e, SourceLoc loc) {
  if (is_void(e->type)) {
    error(e->loc, "invalid use of void expression");
    return false;
  }
  if (!e->lvalue || is_array(e->type) || is_func(e->type)) {
    error(loc, "expression is not assignable");
    return false;
  }
  if (e->type->quals & kConst) {
    error(loc, "assignment to a const object");
    return false;
  }
  return true;
}

Expr* Parser::binary(Punct op, Expr* a, Expr* b, SourceLoc loc) {
  a = decay(a);
  b = decay(b);
  const CType* ta = a->type->unqual;
  const CType* tb = b->type->unqual;
  auto make = [&](const CType* t, Expr* x, Expr* y) {
    Expr* r = new_expr(ExprKind::Binary, t, loc);
    r->op = op;
    r->a = x;
    r->b = y;
    return r;
  };
  auto bad = [&]() {
    if (is_void(ta) || is_void(tb)) {
      error((is_void(ta) ? a : b)->loc, "void value not ignored as it ought to be");
      return int_lit(0, types_.int_t(), loc);
    }
    error(loc, "invalid operands to binary '%s' ('%s' and '%s')", punct_text(op), type_str(ta).c_str(),
          type_str(tb).c_str());
    return int_lit(0, types_.int_t(), loc);
  };
  switch (op) {
    case Punct::Star:
    case Punct::Slash:
    case Punct::Percent:
    case Punct::Amp:
    case Punct::Caret:
    case Punct::Pipe: {
      bool int_only = op != Punct::Star && op != Punct::Slash;
      if (!(int_only ? is_integer(ta) && is_integer(tb) : is_arith(ta) && is_arith(tb))) return bad();
      const CType* t = types_.usual_arith(ta, tb);
      return make(t, convert(a, t), convert(b, t));
    }
    case Punct::Shl:
    case Punct::Shr: {
      if (!is_integer(ta) || !is_integer(tb)) return bad();
      const CType* t = types_.promote(ta);
      return make(t, convert(a, t), convert(b, types_.promote(tb)));
    }
    case Punct::Plus:
    case Punct::Minus: {
      if (is_arith(ta) && is_arith(tb)) {
        const CType* t = types_.usual_arith(ta, tb);
        return make(t, convert(a, t), convert(b, t));
      }
      if (op == Punct::Plus && is_integer(ta) && is_ptr(tb)) std::swap(a, b), std::swap(ta, tb);
      if (is_ptr(ta) && is_integer(tb)) {
        if (!ta->base->complete && !is_void(ta->base)) {
          error(loc, "arithmetic on a pointer to an incomplete type");
          return a;
        }
        Expr* r = new_expr(ExprKind::PtrAdd, ta, loc);
        r->op = op;
        r->a = a;
        r->b = convert(b, types_.basic(TypeKind::Long));
        return r;
      }
      if (op == Punct::Minus && is_ptr(ta) && is_ptr(tb)) {
        Expr* r = new_expr(ExprKind::PtrDiff, types_.basic(TypeKind::Long), loc);
        r->a = a;
        r->b = b;
        return r;
      }
      return bad();
    }
    case Punct::Lt:
    case Punct::Gt:
    case Punct::Le:
    case Punct::Ge:
    case Punct::EqEq:
    case Punct::Ne: {
      if (is_arith(ta) && is_arith(tb)) {
        const CType* t = types_.usual_arith(ta, tb);
        return make(types_.int_t(), convert(a, t), convert(b, t));
      }
      if (is_ptr(ta) && is_ptr(tb)) return make(types_.int_t(), a, b);
      if (is_ptr(ta) && is_null_constant(b)) return make(types_.int_t(), a, convert(b, ta));
      if (is_ptr(tb) && is_null_constant(a)) return make(types_.int_t(), convert(a, tb), b);
      return bad();
    }
    case Punct::AmpAmp:
    case Punct::PipePipe: {
      if (!is_scalar(ta) || !is_scalar(tb)) return bad();
      Expr* r = new_expr(op == Punct::AmpAmp ? ExprKind::LogAnd : ExprKind::LogOr, types_.int_t(), loc);
      r->a = a;
      r->b = b;
      return r;
    }
    case Punct::Comma: {
      Expr* r = new_expr(ExprKind::Comma, b->type->unqual, loc);
      r->a = a;
      r->b = b;
      return r;
    }
    default: return bad();
  }
}

Expr* Parser::unary(Punct op, Expr* a, SourceLoc loc) {
  a = decay(a);
  const CType* t = a->type->unqual;
  if (op == Punct::Bang) {
    if (!is_scalar(t)) {
      if (!is_void(t)) {
        error(loc, "invalid operand to unary '!' ('%s')", type_str(t).c_str());
        return a;
      }
      error(a->loc, "void value not ignored as it ought to be");
      return int_lit(0, types_.int_t(), loc);
    }
    Expr* r = new_expr(ExprKind::Unary, types_.int_t(), loc);
    r->op = op;
    r->a = a;
    return r;
  }
  if (op == Punct::Tilde ? !is_integer(t) : !is_arith(t)) {
    if (!is_void(t)) {
      error(loc, "invalid operand to unary '%s' ('%s')", punct_text(op), type_str(t).c_str());
      return a;
    }
    error(a->loc, "void value not ignored as it ought to be");
    return int_lit(0, types_.int_t(), loc);
  }
  const CType* p = types_.promote(t);
  a = convert(a, p);
  if (op == Punct::Plus) {
    if (!a->lvalue) return a;
    Expr* r = new_expr(ExprKind::Cast, p, loc);  // `+x` is a value: not assignable, not a bit-field
    r->a = a;
    return r;
  }
  if (a->kind == ExprKind::IntLit) {
    // Negated in uint64_t: -(-2^63) wraps to itself there, and is undefined in int64_t.
    int64_t v = op == Punct::Minus ? static_cast<int64_t>(0 - static_cast<uint64_t>(a->ival)) : ~a->ival;
    return convert(int_lit(v, types_.basic(TypeKind::LLong), loc), p);
  }
  Expr* r = new_expr(ExprKind::Unary, p, loc);
  r->op = op;
  r->a = a;
  return r;
}

Expr* Parser::deref(Expr* a, SourceLoc loc) {
  a = decay(a);
  if (!is_ptr(a->type)) {
    error(loc, "indirection requires a pointer operand ('%s' invalid)", type_str(a->type).c_str());
    return a;
  }
  // gcc: `*pv` is a void expression (with a warning); only using its value is an error.
  if (is_void(a->type->base->unqual)) warning(loc, "dereferencing 'void *' pointer");
  Expr* r = new_expr(ExprKind::Deref, a->type->base, loc);
  r->a = a;
  r->lvalue = true;
  return r;
}

Expr* Parser::addr_of(Expr* a, SourceLoc loc) {
  if (a->kind == ExprKind::FuncRef || (a->kind == ExprKind::Deref && is_func(a->type))) return decay(a);
  if (!a->lvalue) {
    error(loc, "cannot take the address of an rvalue");
    return a;
  }
  if (a->kind == ExprKind::Member && a->member->is_bitfield) {
    error(loc, "cannot take the address of a bit-field");
    return a;
  }
  for (Expr* x = a; x; x = x->kind == ExprKind::Member ? x->a : nullptr)
    if (x->kind == ExprKind::VarRef) x->sym->addr_taken = true;
  Expr* r = new_expr(ExprKind::AddrOf, types_.pointer_to(a->type), loc);
  r->a = a;
  return r;
}

Expr* Parser::member(Expr* a, NameId name, bool arrow, SourceLoc loc) {
  if (arrow) {
    a = decay(a);
    if (!is_ptr(a->type) || !is_record(a->type->base)) {
      error(loc, "member reference type '%s' is not a pointer to a struct or union", type_str(a->type).c_str());
      return a;
    }
    a = deref(a, loc);
  }
  if (!is_record(a->type)) {
    error(loc, "member reference base type '%s' is not a struct or union", type_str(a->type).c_str());
    return a;
  }
  if (!a->type->unqual->complete) {
    error(loc, "member access into incomplete type '%s'", type_str(a->type).c_str());
    return a;
  }
  const Member* m = find_member(a->type, name);
  if (!m) {
    std::string_view s = names_.str(name);
    error(loc, "no member named '%.*s' in '%s'", static_cast<int>(s.size()), s.data(), type_str(a->type).c_str());
    return a;
  }
  Expr* r = new_expr(ExprKind::Member, types_.qualified(m->type, a->type->quals), loc);
  r->a = a;
  r->member = m;
  r->lvalue = a->lvalue;
  return r;
}

Expr* Parser::call(Expr* callee, std::vector<Expr*>& args, SourceLoc loc) {
  callee = decay(callee);
  if (!is_ptr(callee->type) || !is_func(callee->type->base)) {
    error(loc, "called object type '%s' is not a function or function pointer", type_str(callee->type).c_str());
    return callee;
  }
  const CType* ft = callee->type->base;
  if (!ft->unprototyped) {
    if (args.size() < ft->nparams || (!ft->variadic && args.size() > ft->nparams)) {
      error(loc, "too %s arguments to function call, expected %u, have %zu",
            args.size() < ft->nparams ? "few" : "many", ft->nparams, args.size());
      return int_lit(0, types_.int_t(), loc);
    }
  }
  for (size_t i = 0; i < args.size(); i++) {
    if (i < ft->nparams && !ft->unprototyped) {
      args[i] = assign_convert(args[i], ft->params[i], args[i]->loc, "argument passing");
    } else {
      Expr* e = decay(args[i]);
      if (e->type->kind == TypeKind::Float) e = convert(e, types_.basic(TypeKind::Double));
      else if (is_integer(e->type)) e = convert(e, types_.promote(e->type));
      args[i] = e;
    }
    if (!args[i]->type->complete) error(args[i]->loc, "argument has incomplete type '%s'", type_str(args[i]->type).c_str());
  }
  if (!ft->base->complete && !is_void(ft->base))
    error(loc, "calling a function with incomplete result type '%s'", type_str(ft->base).c_str());
  Expr* r = new_expr(ExprKind::Call, ft->base->unqual, loc);
  r->a = callee;
  r->args = to_arena(args, &r->nargs);
  return r;
}

static Punct base_op(Punct op) {
  switch (op) {
    case Punct::StarAssign: return Punct::Star;
    case Punct::SlashAssign: return Punct::Slash;
    case Punct::PercentAssign: return Punct::Percent;
    case Punct::PlusAssign: return Punct::Plus;
    case Punct::MinusAssign: return Punct::Minus;
    case Punct::ShlAssign: return Punct::Shl;
    case Punct::ShrAssign: return Punct::Shr;
    case Punct::AmpAssign: return Punct::Amp;
    case Punct::CaretAssign: return Punct::Caret;
    case Punct::PipeAssign: return Punct::Pipe;
    default: return op;
  }
}

Expr* Parser::assign(Punct op, Expr* a, Expr* b, SourceLoc loc) {
  if (!check_lvalue(a, loc)) return a;
  const CType* ta = a->type->unqual;
  // An assignment to a bit-field has the field's type (gcc), e.g. int after promotion for 3 bits.
  const CType* result = bitfield_type(a);
  if (!result) result = ta;
  if (op == Punct::Assign) {
    Expr* r = new_expr(ExprKind::Assign, result, loc);
    r->a = a;
    r->b = assign_convert(b, ta, loc, "assignment");
    return r;
  }
  Punct bop = base_op(op);
  b = decay(b);
  const CType* tb = b->type->unqual;
  Expr* r = new_expr(ExprKind::OpAssign, result, loc);
  r->op = bop;
  r->a = a;
  if (is_ptr(ta) && (bop == Punct::Plus || bop == Punct::Minus) && is_integer(tb)) {
    r->ctype = ta;
    r->b = convert(b, types_.basic(TypeKind::Long));
    return r;
  }
  bool int_only = bop != Punct::Star && bop != Punct::Slash && bop != Punct::Plus && bop != Punct::Minus;
  if (!(int_only ? is_integer(ta) && is_integer(tb) : is_arith(ta) && is_arith(tb))) {
    error(loc, "invalid operands to '%s' ('%s' and '%s')", punct_text(op), type_str(ta).c_str(), type_str(tb).c_str());
    return a;
  }
  if (const CType* p = bitfield_promotion(a)) ta = p;  // the arithmetic is on the promoted field
  if (bop == Punct::Shl || bop == Punct::Shr) {
    r->ctype = types_.promote(ta);
    r->b = convert(b, types_.promote(tb));
  } else {
    r->ctype = types_.usual_arith(ta, tb);
    r->b = convert(b, r->ctype);
  }
  return r;
}

Expr* Parser::incdec(Punct op, bool postfix, Expr* a, SourceLoc loc) {
  if (!check_lvalue(a, loc)) return a;
  if (!is_scalar(a->type)) {
    error(loc, "cannot increment or decrement '%s'", type_str(a->type).c_str());
    return a;
  }
  const CType* result = bitfield_type(a);
  Expr* r = new_expr(ExprKind::IncDec, result ? result : a->type->unqual, loc);
  r->op = op;
  r->postfix = postfix;
  r->a = a;
  return r;
}

Expr* Parser::cond(Expr* c, Expr* a, Expr* b, SourceLoc loc) {
  c = to_bool_operand(c, loc);
  a = decay(a);
  b = decay(b);
  const CType* ta = a->type->unqual;
  const CType* tb = b->type->unqual;
  const CType* t = nullptr;
  if (is_arith(ta) && is_arith(tb)) {
    t = types_.usual_arith(ta, tb);
  } else if (ta == tb) {
    t = ta;
  } else if (is_ptr(ta) && is_null_constant(b)) {
    t = ta;
  } else if (is_ptr(tb) && is_null_constant(a)) {
    t = tb;
  } else if (is_ptr(ta) && is_ptr(tb)) {
    // 6.5.15p6: a pointer to void wins, and the result points to a type with the qualifiers of both.
    const CType* base = is_void(ta->base) ? ta->base : is_void(tb->base) ? tb->base : ta->base;
    if (is_array(ta->base) && is_array(tb->base) && ta->base->length < 0) base = tb->base;  // the composite type: int (*)[4]
    t = types_.pointer_to(types_.qualified(base->unqual, static_cast<uint8_t>(ta->base->quals | tb->base->quals)));
  } else if ((is_ptr(ta) && is_integer(tb)) || (is_integer(ta) && is_ptr(tb))) {
    t = is_ptr(ta) ? ta : tb;  // gcc: a pointer/integer type mismatch (a warning), the pointer type
  } else if (is_void(ta) || is_void(tb)) {
    t = types_.void_t();  // gcc: one void operand makes the whole void (statement expressions use it)
  } else {
    error(loc, "incompatible operand types ('%s' and '%s')", type_str(ta).c_str(), type_str(tb).c_str());
    return a;
  }
  Expr* r = new_expr(ExprKind::Cond, t, loc);
  r->a = c;
  r->b = convert(a, t);
  r->c = convert(b, t);
  return r;
}

static int64_t wrap(int64_t v, const CType* t) { return is_integer(t) ? wrap_to_type(v, t) : v; }

bool Parser::eval_int(Expr* e, int64_t* out) {
  int64_t x, y, z;
  switch (e->kind) {
    case ExprKind::IntLit: *out = e->ival; return true;
    case ExprKind::Cast:
      if (is_integer(e->type) && (is_floating(e->a->type) || is_ptr(e->a->type))) return eval_int_cast(e, out);
      if (!is_integer(e->type) || !is_integer(e->a->type) || !eval_int(e->a, &x)) return false;
      *out = wrap(x, e->type);
      return true;
    case ExprKind::Unary:
      if (!eval_int(e->a, &x)) return false;
      *out = wrap(e->op == Punct::Minus ? static_cast<int64_t>(0 - static_cast<uint64_t>(x))
                  : e->op == Punct::Tilde ? ~x : !x, e->type);
      return true;
    case ExprKind::LogAnd:
    case ExprKind::LogOr:
      if (!eval_int(e->a, &x)) return false;
      if (e->kind == ExprKind::LogAnd ? !x : x != 0) {
        *out = e->kind == ExprKind::LogOr;
        return true;
      }
      if (!eval_int(e->b, &y)) return false;
      *out = y != 0;
      return true;
    case ExprKind::Cond:
      if (!eval_int(e->a, &x)) return false;
      return eval_int(x ? e->b : e->c, out);
    case ExprKind::Comma: return false;
    case ExprKind::Binary: {
      if (!eval_int(e->a, &x) || !eval_int(e->b, &y)) return false;
      const CType* ot = e->a->type;  // operand type decides signedness
      bool u = !is_signed(ot);
      uint64_t ux = static_cast<uint64_t>(x), uy = static_cast<uint64_t>(y);
      switch (e->op) {
        case Punct::Plus: z = static_cast<int64_t>(ux + uy); break;
        case Punct::Minus: z = static_cast<int64_t>(ux - uy); break;
        case Punct::Star: z = static_cast<int64_t>(ux * uy); break;
        case Punct::Slash:
        case Punct::Percent:
          if (y == 0) {
            error(e->loc, "division by zero in a constant expression");
            return false;
          }
          if (u) z = static_cast<int64_t>(e->op == Punct::Slash ? ux / uy : ux % uy);
          else if (y == -1) z = e->op == Punct::Slash ? static_cast<int64_t>(0 - ux) : 0;
          else z = e->op == Punct::Slash ? x / y : x % y;
          break;
        case Punct::Amp: z = x & y; break;
        case Punct::Pipe: z = x | y; break;
        case Punct::Caret: z = x ^ y; break;
        case Punct::Shl: z = static_cast<int64_t>(ux << (uy & 63)); break;
        case Punct::Shr: z = u ? static_cast<int64_t>(ux >> (uy & 63)) : x >> (uy & 63); break;
        case Punct::Lt: z = u ? ux < uy : x < y; break;
        case Punct::Gt: z = u ? ux > uy : x > y; break;
        case Punct::Le: z = u ? ux <= uy : x <= y; break;
        case Punct::Ge: z = u ? ux >= uy : x >= y; break;
        case Punct::EqEq: z = x == y; break;
        case Punct::Ne: z = x != y; break;
        default: return false;
      }
      *out = wrap(z, e->type);
      return true;
    }
    default: return false;
  }
}

// Scopes: a binding stack per name space, with each name's innermost binding in `head`.
Symbol* Parser::lookup(NameId name) const {
  if (name >= ordinary_.head.size() || ordinary_.head[name] == 0) return nullptr;
  return ordinary_.bindings[ordinary_.head[name] - 1].sym;
}

Symbol* Parser::lookup_tag(NameId name, bool current_only) const {
  if (name >= tags_.head.size() || tags_.head[name] == 0) return nullptr;
  uint32_t i = tags_.head[name] - 1;
  if (current_only && i < scope_marks_.back().second) return nullptr;
  return tags_.bindings[i].sym;
}


void Parser::bind(NameId name, Symbol* s) {
  if (name >= ordinary_.head.size()) ordinary_.head.resize(name + 64, 0);
  ordinary_.bindings.push_back({name, s, ordinary_.head[name]});
  ordinary_.head[name] = static_cast<uint32_t>(ordinary_.bindings.size());
}

void Parser::bind_tag(NameId name, Symbol* s) {
  if (name >= tags_.head.size()) tags_.head.resize(name + 64, 0);
  tags_.bindings.push_back({name, s, tags_.head[name]});
  tags_.head[name] = static_cast<uint32_t>(tags_.bindings.size());
}

bool Parser::in_current_scope(NameId name) const {
  if (name >= ordinary_.head.size() || ordinary_.head[name] == 0) return false;
  return ordinary_.head[name] - 1 >= scope_marks_.back().first;
}

void Parser::push_scope() {
  scope_marks_.push_back({static_cast<uint32_t>(ordinary_.bindings.size()), static_cast<uint32_t>(tags_.bindings.size())});
  scope_level_++;
}

void Parser::pop_scope() {
  auto [o, t] = scope_marks_.back();
  scope_marks_.pop_back();
  scope_level_--;
  while (ordinary_.bindings.size() > o) {
    ordinary_.head[ordinary_.bindings.back().name] = ordinary_.bindings.back().prev;
    ordinary_.bindings.pop_back();
  }
  while (tags_.bindings.size() > t) {
    tags_.head[tags_.bindings.back().name] = tags_.bindings.back().prev;
    tags_.bindings.pop_back();
  }
}

}  // namespace kite::c

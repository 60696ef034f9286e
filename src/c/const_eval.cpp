// Constant evaluation for static initializers (C11 6.6p7-9 and what gcc folds beyond it):
// arithmetic constants, and address constants as an item plus a byte offset. An "address" with
// no item is an absolute one, `(char *)50 + 2` or `&((struct S *)0)->m`, which is an integer.
#include "irgen.h"
#include "parser.h"

namespace kite::c {

namespace {

bool is_comparison(Punct op) {
  return op == Punct::Lt || op == Punct::Gt || op == Punct::Le || op == Punct::Ge || op == Punct::EqEq || op == Punct::Ne;
}

// An address constant is never null (objects and functions have addresses).
template <typename ConstVal>
bool truth(const ConstVal& c) {
  return c.is_addr || (c.is_float ? c.f != 0 : c.i != 0);
}

}  // namespace

// Address and arithmetic constants of static initializers (6.6p7-9).
bool IrGen::const_value(const Expr* e, ConstVal* out) {
  switch (e->kind) {
    case ExprKind::IntLit: out->i = e->ival; return true;
    case ExprKind::FloatLit:
      out->is_float = true;
      out->f = e->fval;
      return true;
    case ExprKind::StrLit:
      out->is_addr = true;
      out->item = string_item(e->str, static_cast<size_t>(e->type->size));
      return true;
    case ExprKind::FuncRef:
      out->is_addr = true;
      out->item = item_of(e->sym);
      return true;
    case ExprKind::AddrOf: return const_addr(e->a, out);
    case ExprKind::LabelAddr:
      out->is_addr = true;
      out->label = static_label(e);
      out->label_func = e->sym->ir_id;
      return true;
    case ExprKind::PtrAdd: {
      ConstVal n;
      if (!const_value(e->a, out) || !const_value(e->b, &n) || n.is_addr || n.is_float) return false;
      uint64_t size = is_void(e->type->base) ? 1 : e->type->base->size;
      int64_t d = n.i * static_cast<int64_t>(size);
      out->i += e->op == Punct::Minus ? -d : d;
      return true;
    }
    case ExprKind::Cast: {
      if (!const_value(e->a, out)) return false;
      const CType* to = e->type;
      if (out->is_addr) return is_ptr(to) || (is_integer(to) && (to->size == 8 || out->label2 != kNone));
      if (is_floating(to)) {
        if (!out->is_float) out->f = is_signed(e->a->type) || e->a->type->size < 8 ? static_cast<long double>(out->i)
                                                                                   : static_cast<long double>(static_cast<uint64_t>(out->i));
        if (to->kind == TypeKind::Float) out->f = static_cast<float>(out->f);
        else if (to->kind == TypeKind::Double) out->f = static_cast<double>(out->f);
        out->is_float = true;
        return true;
      }
      out->i = out->is_float ? float_to_int(out->f, to) : wrap_to_type(out->i, to);
      out->is_float = false;
      return true;
    }
    case ExprKind::Unary: {
      if (!const_value(e->a, out) || out->is_addr) return false;
      if (out->is_float) {
        if (e->op != Punct::Minus) return false;
        out->f = -out->f;
        return true;
      }
      out->i = e->op == Punct::Minus ? static_cast<int64_t>(0 - static_cast<uint64_t>(out->i)) : e->op == Punct::Tilde ? ~out->i : !out->i;
      return true;
    }
    case ExprKind::Binary: {
      ConstVal b;
      if (!const_value(e->a, out) || !const_value(e->b, &b)) return false;
      if (out->is_addr || b.is_addr) return const_addr_arith(e, out, b);
      if (out->is_float || b.is_float) {
        long double x = out->is_float ? out->f : static_cast<long double>(out->i), y = b.is_float ? b.f : static_cast<long double>(b.i);
        if (is_comparison(e->op)) {
          out->i = e->op == Punct::Lt ? x < y : e->op == Punct::Gt ? x > y : e->op == Punct::Le ? x <= y : e->op == Punct::Ge ? x >= y
                   : e->op == Punct::EqEq ? x == y : x != y;
          out->is_float = false;
          return true;
        }
        switch (e->op) {
          case Punct::Plus: out->f = x + y; break;
          case Punct::Minus: out->f = x - y; break;
          case Punct::Star: out->f = x * y; break;
          case Punct::Slash: out->f = x / y; break;
          default: return false;
        }
        if (e->type->kind == TypeKind::Double) out->f = static_cast<double>(out->f);
        if (e->type->kind == TypeKind::Float) out->f = static_cast<float>(out->f);
        return is_floating(e->type);
      }
      uint64_t x = static_cast<uint64_t>(out->i), y = static_cast<uint64_t>(b.i);
      bool u = !is_signed(e->a->type) && e->a->type->size == 8;
      bool cmp_unsigned = !is_signed(e->a->type);
      int64_t r;
      switch (e->op) {
        case Punct::Lt: r = cmp_unsigned ? x < y : out->i < b.i; break;
        case Punct::Gt: r = cmp_unsigned ? x > y : out->i > b.i; break;
        case Punct::Le: r = cmp_unsigned ? x <= y : out->i <= b.i; break;
        case Punct::Ge: r = cmp_unsigned ? x >= y : out->i >= b.i; break;
        case Punct::EqEq: r = x == y; break;
        case Punct::Ne: r = x != y; break;
        case Punct::Plus: r = static_cast<int64_t>(x + y); break;
        case Punct::Minus: r = static_cast<int64_t>(x - y); break;
        case Punct::Star: r = static_cast<int64_t>(x * y); break;
        case Punct::Slash:
          if (!y) return false;
          r = u ? static_cast<int64_t>(x / y) : out->i / b.i;
          break;
        case Punct::Percent:
          if (!y) return false;
          r = u ? static_cast<int64_t>(x % y) : out->i % b.i;
          break;
        case Punct::Amp: r = out->i & b.i; break;
        case Punct::Pipe: r = out->i | b.i; break;
        case Punct::Caret: r = out->i ^ b.i; break;
        case Punct::Shl: r = static_cast<int64_t>(x << (y & 63)); break;
        case Punct::Shr: r = u || !is_signed(e->a->type) ? static_cast<int64_t>(x >> (y & 63)) : out->i >> (y & 63); break;
        default: return false;
      }
      out->i = wrap_to_type(r, e->type);
      return true;
    }
    case ExprKind::Cond: {
      ConstVal c;
      if (!const_value(e->a, &c)) return false;
      return const_value(truth(c) ? e->b : e->c, out);
    }
    case ExprKind::LogAnd:
    case ExprKind::LogOr: {
      ConstVal c;
      if (!const_value(e->a, &c)) return false;
      bool a = truth(c);
      if (e->kind == ExprKind::LogAnd ? a : !a) {
        ConstVal d;
        if (!const_value(e->b, &d)) return false;
        a = truth(d);
      }
      *out = ConstVal{};
      out->i = a;
      return true;
    }
    case ExprKind::PtrDiff: {
      ConstVal b;
      if (!const_value(e->a, out) || !const_value(e->b, &b) || out->is_float || b.is_float) return false;
      if (out->label != kNone || b.label != kNone) {  // `&&a - &&b` (one function's labels): an lref with two labels
        if (out->label == kNone || b.label == kNone || out->label2 != kNone || b.label2 != kNone ||
            out->label_func != b.label_func)
          return false;
        out->label2 = b.label;
        out->i -= b.i;
        return true;
      }
      if (out->is_addr != b.is_addr || (out->is_addr && out->item != b.item)) return false;
      int64_t size = is_void(e->a->type->base) ? 1 : static_cast<int64_t>(e->a->type->base->size);
      out->i = size ? (out->i - b.i) / size : 0;
      out->is_addr = false;
      out->item = kNone;
      return true;
    }
    default: return false;
  }
}

// `+` and `-` on addresses converted to integers, as gcc folds them: address + integer, and
// the difference of two addresses in the same object.
bool IrGen::const_addr_arith(const Expr* e, ConstVal* out, const ConstVal& b) {
  if (out->is_float || b.is_float || e->type->size != 8) return false;
  if (e->op == Punct::Plus && !(out->is_addr && b.is_addr)) {
    if (b.is_addr) out->item = b.item;
    out->is_addr = true;
    out->i += b.i;
    return true;
  }
  if (e->op != Punct::Minus || !out->is_addr) return false;
  if (!b.is_addr) {
    out->i -= b.i;
    return true;
  }
  if (out->item != b.item) return false;
  out->is_addr = false;
  out->item = kNone;
  out->i -= b.i;
  return true;
}

// The address of an lvalue with static storage: an item plus an offset.
bool IrGen::const_addr(const Expr* e, ConstVal* out) {
  switch (e->kind) {
    case ExprKind::VarRef:
      if (!e->sym->global) return false;
      out->is_addr = true;
      out->item = item_of(e->sym);
      return true;
    case ExprKind::FuncRef:
    case ExprKind::StrLit: return const_value(e, out);
    case ExprKind::Member:
      if (!const_addr(e->a, out)) return false;
      out->i += static_cast<int64_t>(e->member->offset);
      return true;
    case ExprKind::Deref: return const_value(e->a, out) && !out->is_float;  // also an absolute address
    default: return false;
  }
}

// Parser side: integer constant expressions through a cast from a floating or pointer value.
bool Parser::eval_int_cast(Expr* e, int64_t* out) {
  int64_t v;
  if (is_floating(e->a->type)) {
    long double f;
    if (!eval_float(e->a, &f)) return false;
    *out = float_to_int(f, e->type);
    return true;
  }
  if (!eval_abs_addr(e->a, &v)) return false;
  *out = wrap_to_type(v, e->type);
  return true;
}

bool Parser::eval_float(Expr* e, long double* out) {
  long double x, y;
  int64_t i;
  switch (e->kind) {
    case ExprKind::FloatLit: *out = e->fval; return true;
    case ExprKind::IntLit:
    case ExprKind::Cast:
      if (is_floating(e->type) && is_floating(e->a ? e->a->type : e->type)) {
        if (e->kind == ExprKind::IntLit || !eval_float(e->a, &x)) return false;
      } else {
        if (!eval_int(e, &i) && !(e->kind == ExprKind::Cast && eval_int(e->a, &i))) return false;
        x = is_signed(e->kind == ExprKind::Cast ? e->a->type : e->type) ? static_cast<long double>(i)
                                                                      : static_cast<long double>(static_cast<uint64_t>(i));
      }
      if (e->type->kind == TypeKind::Float) x = static_cast<float>(x);
      else if (e->type->kind == TypeKind::Double) x = static_cast<double>(x);
      *out = x;
      return true;
    case ExprKind::Unary:
      if (e->op != Punct::Minus || !eval_float(e->a, &x)) return false;
      *out = -x;
      return true;
    case ExprKind::Binary:
      if (!is_floating(e->type) || !eval_float(e->a, &x) || !eval_float(e->b, &y)) return false;
      switch (e->op) {
        case Punct::Plus: x += y; break;
        case Punct::Minus: x -= y; break;
        case Punct::Star: x *= y; break;
        case Punct::Slash: x /= y; break;
        default: return false;
      }
      if (e->type->kind == TypeKind::Float) x = static_cast<float>(x);
      else if (e->type->kind == TypeKind::Double) x = static_cast<double>(x);
      *out = x;
      return true;
    case ExprKind::Cond: {
      int64_t c;
      if (!eval_int(e->a, &c)) return false;
      return eval_float(c ? e->b : e->c, out);
    }
    default: return false;
  }
}

// A pointer value that is a fixed number: (char *)50 + 2, &((struct S *)0)->m.
bool Parser::eval_abs_addr(Expr* e, int64_t* out) {
  int64_t n;
  switch (e->kind) {
    case ExprKind::Cast:
      if (is_ptr(e->a->type)) return eval_abs_addr(e->a, out);
      return is_integer(e->a->type) && eval_int(e->a, out);
    case ExprKind::AddrOf: return eval_abs_lvalue(e->a, out);
    case ExprKind::PtrAdd: {
      if (!eval_abs_addr(e->a, out) || !eval_int(e->b, &n)) return false;
      int64_t size = is_void(e->type->base) ? 1 : static_cast<int64_t>(e->type->base->size);
      *out += e->op == Punct::Minus ? -n * size : n * size;
      return true;
    }
    default: return false;
  }
}

bool Parser::eval_abs_lvalue(Expr* e, int64_t* out) {
  switch (e->kind) {
    case ExprKind::Deref: return eval_abs_addr(e->a, out);
    case ExprKind::Member:
      if (e->member->is_bitfield || !eval_abs_lvalue(e->a, out)) return false;
      *out += static_cast<int64_t>(e->member->offset);
      return true;
    default: return false;
  }
}

}  // namespace kite::c

// Lowering of the GNU builtins that reach irgen (ExprKind::Builtin, see BuiltinOp in ast.h).
// The IR has no bswap, clz, ctz or popcount operations, so those are short inline sequences of
// shifts and masks (popcount by the SWAR sum, clz as the popcount of the complement of the
// value with every bit below its highest one set); the overflow builtins compute the exact
// result as a 128-bit pair (hi, lo) and test whether it fits the result type; the floating
// classifications are comparisons; trap and unreachable call libc's abort.
#include <cfloat>
#include <cmath>

#include "irgen.h"

namespace kite::c {

namespace {

Op by_fp(const CType* t, Op f, Op d, Op ld) {
  return t->kind == TypeKind::Float ? f : t->kind == TypeKind::Double ? d : ld;
}

}  // namespace

Operand IrGen::bin(Op op, Operand a, Operand b) {
  VarId r = temp(Type::I64);
  emit(op, {Operand::var(r), a, b});
  return Operand::var(r);
}

Operand IrGen::fp_const(const CType* t, long double v) {
  if (t->kind == TypeKind::Float) return Operand::float32(static_cast<float>(v));
  if (t->kind == TypeKind::Double) return Operand::float64(static_cast<double>(v));
  return ctx_.ldouble_operand(v);
}

Operand IrGen::popcount64(Operand x) {
  const uint64_t m1 = 0x5555555555555555, m2 = 0x3333333333333333, m4 = 0x0f0f0f0f0f0f0f0f, h01 = 0x0101010101010101;
  Operand v = Operand::var(to_var(x));
  v = bin(Op::Sub, v, bin(Op::And, bin(Op::URsh, v, Operand::int64(1)), Operand::uint64(m1)));
  v = bin(Op::Add, bin(Op::And, v, Operand::uint64(m2)), bin(Op::And, bin(Op::URsh, v, Operand::int64(2)), Operand::uint64(m2)));
  v = bin(Op::And, bin(Op::Add, v, bin(Op::URsh, v, Operand::int64(4))), Operand::uint64(m4));
  return bin(Op::URsh, bin(Op::Mul, v, Operand::uint64(h01)), Operand::int64(56));
}

// The number of leading zero bits of a 64-bit value, 64 for 0.
Operand IrGen::clz64(Operand x) {
  Operand v = Operand::var(to_var(x));
  for (int s = 1; s <= 32; s *= 2) v = bin(Op::Or, v, bin(Op::URsh, v, Operand::int64(s)));
  return popcount64(bin(Op::Xor, v, Operand::int64(-1)));
}

// x is canonical for the operand type: zero-extended for the unsigned ones (bswap, clz, ctz,
// popcount, parity), sign-extended for int and long (ffs, clrsb).
Operand IrGen::bit_op(BuiltinOp op, Operand x, unsigned bytes) {
  x = Operand::var(to_var(x));
  switch (op) {
    case BuiltinOp::Bswap: {
      if (bytes == 2) return bin(Op::Or, bin(Op::URsh, x, Operand::int64(8)), bin(Op::And, bin(Op::Lsh, x, Operand::int64(8)), Operand::int64(0xff00)));
      if (bytes == 4) {
        Operand v = bin(Op::Or, bin(Op::And, bin(Op::URsh, x, Operand::int64(8)), Operand::int64(0x00ff00ff)),
                        bin(Op::And, bin(Op::Lsh, x, Operand::int64(8)), Operand::int64(0xff00ff00)));
        return bin(Op::Or, bin(Op::URsh, v, Operand::int64(16)), bin(Op::And, bin(Op::Lsh, v, Operand::int64(16)), Operand::int64(0xffff0000)));
      }
      const uint64_t m8 = 0x00ff00ff00ff00ff, m16 = 0x0000ffff0000ffff;
      Operand v = bin(Op::Or, bin(Op::And, bin(Op::URsh, x, Operand::int64(8)), Operand::uint64(m8)),
                      bin(Op::Lsh, bin(Op::And, x, Operand::uint64(m8)), Operand::int64(8)));
      v = bin(Op::Or, bin(Op::And, bin(Op::URsh, v, Operand::int64(16)), Operand::uint64(m16)),
              bin(Op::Lsh, bin(Op::And, v, Operand::uint64(m16)), Operand::int64(16)));
      return bin(Op::Or, bin(Op::URsh, v, Operand::int64(32)), bin(Op::Lsh, v, Operand::int64(32)));
    }
    case BuiltinOp::Clz: return bin(Op::Sub, clz64(x), Operand::int64(64 - 8 * bytes));
    case BuiltinOp::Ctz:  // the bits below the lowest set one
      return popcount64(bin(Op::And, bin(Op::Sub, x, Operand::int64(1)), bin(Op::Xor, x, Operand::int64(-1))));
    case BuiltinOp::Popcount: return popcount64(x);
    case BuiltinOp::Parity: return bin(Op::And, popcount64(x), Operand::int64(1));
    case BuiltinOp::Ffs: {  // x ^ (x - 1) has ctz + 1 bits for x != 0
      Operand c = popcount64(bin(Op::Xor, x, bin(Op::Sub, x, Operand::int64(1))));
      return bin(Op::Mul, c, bin(Op::Ne, x, Operand::int64(0)));
    }
    case BuiltinOp::Clrsb: {
      Operand y = bin(Op::Xor, x, bin(Op::Rsh, x, Operand::int64(63)));
      return bin(Op::Sub, clz64(y), Operand::int64(1 + 64 - 8 * bytes));
    }
    default: kite_unreachable("not a bit builtin");
  }
}

Operand IrGen::fp_test(BuiltinOp op, Operand x, const CType* t) {
  x = Operand::var(to_var(x));
  Op eq = by_fp(t, Op::FEq, Op::DEq, Op::LDEq), ne = by_fp(t, Op::FNe, Op::DNe, Op::LDNe);
  Op ge = by_fp(t, Op::FGe, Op::DGe, Op::LDGe), le = by_fp(t, Op::FLe, Op::DLe, Op::LDLe);
  long double inf = HUGE_VALL;
  switch (op) {
    case BuiltinOp::IsNan: return bin(ne, x, x);
    case BuiltinOp::IsInf: return bin(Op::Or, bin(eq, x, fp_const(t, inf)), bin(eq, x, fp_const(t, -inf)));
    case BuiltinOp::IsInfSign: return bin(Op::Sub, bin(eq, x, fp_const(t, inf)), bin(eq, x, fp_const(t, -inf)));
    case BuiltinOp::IsFinite: {  // x - x is 0 for finite x, NaN for infinities and NaNs
      VarId d = temp(var_type(t));
      emit(by_fp(t, Op::FSub, Op::DSub, Op::LDSub), {Operand::var(d), x, x});
      return bin(eq, Operand::var(d), fp_const(t, 0));
    }
    case BuiltinOp::IsNormal: {
      long double lo = t->kind == TypeKind::Float ? FLT_MIN : t->kind == TypeKind::Double ? DBL_MIN : LDBL_MIN;
      long double hi = t->kind == TypeKind::Float ? FLT_MAX : t->kind == TypeKind::Double ? DBL_MAX : LDBL_MAX;
      Operand pos = bin(Op::And, bin(ge, x, fp_const(t, lo)), bin(le, x, fp_const(t, hi)));
      Operand neg = bin(Op::And, bin(le, x, fp_const(t, -lo)), bin(ge, x, fp_const(t, -hi)));
      return bin(Op::Or, pos, neg);
    }
    case BuiltinOp::SignBit: {  // the top bit of the value in memory (byte 9 of an x87 long double)
      int64_t slot = frame_slot(t);
      emit_mov(f_->mem(var_type(t), slot, frame_), x, var_type(t));
      int64_t top = t->kind == TypeKind::Float ? 3 : t->kind == TypeKind::Double ? 7 : 9;
      VarId b = temp(Type::I64);
      emit(Op::Mov, {Operand::var(b), f_->mem(Type::U8, slot + top, frame_)});
      return bin(Op::URsh, Operand::var(b), Operand::int64(7));
    }
    default: kite_unreachable("not a floating test");
  }
}

// The exact (infinite-precision) a op b as a 128-bit two's complement pair; the result is
// stored truncated and the flag says whether it did not fit the result type. Operands are
// canonical 64-bit values: their two's complement pattern is their value except for unsigned
// 64-bit types, whose high word is 0 rather than the sign copy.
Operand IrGen::overflow_builtin(const Expr* e) {
  BuiltinOp op = static_cast<BuiltinOp>(e->ival);
  const CType* at = e->args[0]->type->unqual;
  const CType* bt = e->args[1]->type->unqual;
  const CType* rt = e->args[2]->type->unqual->base->unqual;
  Operand a = Operand::var(to_var(rv(e->args[0])));
  Operand b = Operand::var(to_var(rv(e->args[1])));
  VarId res = to_var(rv(e->args[2]));
  set_loc(e->loc);
  auto wide_unsigned = [](const CType* t) { return !is_signed(t) && t->size == 8; };
  auto high = [&](Operand x, const CType* t) { return wide_unsigned(t) ? Operand::int64(0) : bin(Op::Rsh, x, Operand::int64(63)); };
  Operand lo, hi;
  if (op == BuiltinOp::AddOverflow) {
    lo = bin(Op::Add, a, b);
    hi = bin(Op::Add, bin(Op::Add, high(a, at), high(b, bt)), bin(Op::ULt, lo, a));
  } else if (op == BuiltinOp::SubOverflow) {
    lo = bin(Op::Sub, a, b);
    hi = bin(Op::Sub, bin(Op::Sub, high(a, at), high(b, bt)), bin(Op::ULt, a, b));
  } else {
    // Unsigned 64x64 -> 128 from 32-bit halves, then the signed correction: a negative
    // operand's pattern is its value + 2^64, so the other operand is subtracted from hi.
    Operand m32 = Operand::int64(0xffffffff), s32 = Operand::int64(32);
    Operand a0 = bin(Op::And, a, m32), a1 = bin(Op::URsh, a, s32);
    Operand b0 = bin(Op::And, b, m32), b1 = bin(Op::URsh, b, s32);
    Operand p00 = bin(Op::Mul, a0, b0), p01 = bin(Op::Mul, a0, b1), p10 = bin(Op::Mul, a1, b0), p11 = bin(Op::Mul, a1, b1);
    Operand mid = bin(Op::Add, bin(Op::Add, bin(Op::URsh, p00, s32), bin(Op::And, p01, m32)), bin(Op::And, p10, m32));
    lo = bin(Op::Or, bin(Op::Lsh, mid, s32), bin(Op::And, p00, m32));
    hi = bin(Op::Add, bin(Op::Add, bin(Op::Add, p11, bin(Op::URsh, p01, s32)), bin(Op::URsh, p10, s32)), bin(Op::URsh, mid, s32));
    if (!wide_unsigned(at)) hi = bin(Op::Sub, hi, bin(Op::And, bin(Op::Rsh, a, Operand::int64(63)), b));
    if (!wide_unsigned(bt)) hi = bin(Op::Sub, hi, bin(Op::And, bin(Op::Rsh, b, Operand::int64(63)), a));
  }
  // It fits when the result type's canonical form of lo is lo itself and hi is its extension.
  Operand w = Operand::var(to_var(extend(lo, rt)));
  Operand want_hi = high(w, rt);
  Operand ovf = bin(Op::Or, bin(Op::Ne, w, lo), bin(Op::Ne, hi, want_hi));
  LVal l;
  l.base = res;
  l.type = rt;
  store(l, lo);
  return ovf;
}

Operand IrGen::builtin(const Expr* e) {
  BuiltinOp op = static_cast<BuiltinOp>(e->ival);
  switch (op) {
    case BuiltinOp::Trap: {
      const CType* ft = types_.func(types_.void_t(), {}, false, false);
      ItemId proto = proto_for(ft, e);
      emit(Op::Call, {Operand::item(proto), Operand::item(import_named("abort"))});
      return Operand::int64(0);
    }
    case BuiltinOp::Alloca: {
      Operand n = rv(e->args[0]);
      set_loc(e->loc);
      VarId r = temp(Type::I64);
      emit(Op::Alloca, {Operand::var(r), n});
      return Operand::var(r);
    }
    case BuiltinOp::Bswap:
    case BuiltinOp::Clz:
    case BuiltinOp::Ctz:
    case BuiltinOp::Popcount:
    case BuiltinOp::Parity:
    case BuiltinOp::Ffs:
    case BuiltinOp::Clrsb: {
      Operand x = rv(e->args[0]);
      set_loc(e->loc);
      return bit_op(op, x, static_cast<unsigned>(e->args[0]->type->size));
    }
    case BuiltinOp::IsNan:
    case BuiltinOp::IsInf:
    case BuiltinOp::IsFinite:
    case BuiltinOp::IsNormal:
    case BuiltinOp::IsInfSign:
    case BuiltinOp::SignBit: {
      Operand x = rv(e->args[0]);
      set_loc(e->loc);
      return fp_test(op, x, e->args[0]->type->unqual);
    }
    case BuiltinOp::IsLessGreater:
    case BuiltinOp::IsUnordered: {
      const CType* t = e->args[0]->type->unqual;
      Operand x = Operand::var(to_var(rv(e->args[0])));
      Operand y = Operand::var(to_var(rv(e->args[1])));
      set_loc(e->loc);
      if (op == BuiltinOp::IsUnordered) {
        Op ne = by_fp(t, Op::FNe, Op::DNe, Op::LDNe);
        return bin(Op::Or, bin(ne, x, x), bin(ne, y, y));
      }
      return bin(Op::Or, bin(by_fp(t, Op::FLt, Op::DLt, Op::LDLt), x, y), bin(by_fp(t, Op::FGt, Op::DGt, Op::LDGt), x, y));
    }
    case BuiltinOp::FpClassify: {
      // The five class values are evaluated first, then the one of the class of x is chosen.
      Operand v[5];
      for (int i = 0; i < 5; i++) v[i] = Operand::var(to_var(rv(e->args[i])));
      const CType* t = e->args[5]->type->unqual;
      Operand x = Operand::var(to_var(rv(e->args[5])));
      set_loc(e->loc);
      Operand flags[4] = {bin(by_fp(t, Op::FEq, Op::DEq, Op::LDEq), x, fp_const(t, 0)), fp_test(BuiltinOp::IsNormal, x, t),
                          fp_test(BuiltinOp::IsInf, x, t), fp_test(BuiltinOp::IsNan, x, t)};
      const int value_of[4] = {4, 2, 1, 0};  // zero, normal, infinite, nan
      VarId r = temp(Type::I64);
      emit(Op::Mov, {Operand::var(r), v[3]});  // subnormal: none of the others
      for (int i = 0; i < 4; i++) {
        LabelId skip = new_label();
        emit(Op::Bf, {Operand::label(skip), flags[i]});
        emit(Op::Mov, {Operand::var(r), v[value_of[i]]});
        place(skip);
      }
      return Operand::var(r);
    }
    case BuiltinOp::AddOverflow:
    case BuiltinOp::SubOverflow:
    case BuiltinOp::MulOverflow: return overflow_builtin(e);
    case BuiltinOp::AtomicLoad:
    case BuiltinOp::AtomicStore:
    case BuiltinOp::AtomicExchange:
    case BuiltinOp::AtomicCmpxchg:
    case BuiltinOp::AtomicFetchOp:
    case BuiltinOp::AtomicLoadPtr:
    case BuiltinOp::AtomicStorePtr:
    case BuiltinOp::AtomicExchangePtr:
    case BuiltinOp::AtomicCmpxchgPtr:
    case BuiltinOp::AtomicTestAndSet:
    case BuiltinOp::AtomicClear:
    case BuiltinOp::AtomicFence:
    case BuiltinOp::SyncCmpxchg: return atomic_builtin(e);
  }
  kite_unreachable("unknown builtin");
}

}  // namespace kite::c

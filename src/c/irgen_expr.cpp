// IR generation for expressions (see irgen.h). Integer values are kept in 64-bit variables in
// canonical form: sign- or zero-extended from their C type's width, so comparisons, division
// and right shifts can use the 64-bit instructions, and only the operations that can carry
// into the upper bits (add, sub, mul, shl, neg, not) and narrowing conversions re-extend.
#include <cstring>

#include "irgen.h"

namespace kite::c {

namespace {

// Operation selection by value class: int, float, double, long double.
int cls(const CType* t) {
  switch (t->kind) {
    case TypeKind::Float: return 1;
    case TypeKind::Double: return 2;
    case TypeKind::LDouble: return 3;
    default: return 0;
  }
}

Op arith_op(Punct p, const CType* t) {
  static const Op add[] = {Op::Add, Op::FAdd, Op::DAdd, Op::LDAdd};
  static const Op sub[] = {Op::Sub, Op::FSub, Op::DSub, Op::LDSub};
  static const Op mul[] = {Op::Mul, Op::FMul, Op::DMul, Op::LDMul};
  static const Op div[] = {Op::Div, Op::FDiv, Op::DDiv, Op::LDDiv};
  int c = cls(t);
  bool u = !is_signed(t);
  switch (p) {
    case Punct::Plus: return add[c];
    case Punct::Minus: return sub[c];
    case Punct::Star: return mul[c];
    case Punct::Slash: return c == 0 && u ? Op::UDiv : div[c];
    case Punct::Percent: return u ? Op::UMod : Op::Mod;
    case Punct::Amp: return Op::And;
    case Punct::Pipe: return Op::Or;
    case Punct::Caret: return Op::Xor;
    case Punct::Shl: return Op::Lsh;
    case Punct::Shr: return u ? Op::URsh : Op::Rsh;
    default: return Op::Add;
  }
}

int cmp_index(Punct p) {
  switch (p) {
    case Punct::EqEq: return 0;
    case Punct::Ne: return 1;
    case Punct::Lt: return 2;
    case Punct::Le: return 3;
    case Punct::Gt: return 4;
    default: return 5;  // Ge
  }
}

bool is_compare(Punct p) {
  return p == Punct::EqEq || p == Punct::Ne || p == Punct::Lt || p == Punct::Le || p == Punct::Gt || p == Punct::Ge;
}

// [class 0 signed, 0 unsigned, F, D, LD][eq ne lt le gt ge]
const Op kCmp[5][6] = {{Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge},
                       {Op::Eq, Op::Ne, Op::ULt, Op::ULe, Op::UGt, Op::UGe},
                       {Op::FEq, Op::FNe, Op::FLt, Op::FLe, Op::FGt, Op::FGe},
                       {Op::DEq, Op::DNe, Op::DLt, Op::DLe, Op::DGt, Op::DGe},
                       {Op::LDEq, Op::LDNe, Op::LDLt, Op::LDLe, Op::LDGt, Op::LDGe}};
const Op kBranch[5][6] = {{Op::Beq, Op::Bne, Op::Blt, Op::Ble, Op::Bgt, Op::Bge},
                          {Op::Beq, Op::Bne, Op::UBlt, Op::UBle, Op::UBgt, Op::UBge},
                          {Op::FBeq, Op::FBne, Op::FBlt, Op::FBle, Op::FBgt, Op::FBge},
                          {Op::DBeq, Op::DBne, Op::DBlt, Op::DBle, Op::DBgt, Op::DBge},
                          {Op::LDBeq, Op::LDBne, Op::LDBlt, Op::LDBle, Op::LDBgt, Op::LDBge}};
const int kInverse[6] = {1, 0, 5, 4, 3, 2};

int cmp_row(const CType* t) {
  int c = cls(t);
  if (c) return c + 1;
  return is_signed(t) ? 0 : 1;
}

}  // namespace

Type IrGen::class_type(const Operand& o) const {
  switch (o.kind) {
    case OperandKind::Var: {
      Type t = f_->var(o.a).type;
      return is_int_type(t) ? Type::I64 : t;
    }
    case OperandKind::Float: return Type::F;
    case OperandKind::Double: return Type::D;
    case OperandKind::LDouble: return Type::LD;
    case OperandKind::Mem: return is_int_type(o.type) ? Type::I64 : o.type;
    default: return Type::I64;
  }
}

void IrGen::emit_mov(Operand d, Operand s, Type t) {
  Op op = t == Type::F ? Op::FMov : t == Type::D ? Op::DMov : t == Type::LD ? Op::LDMov : Op::Mov;
  emit(op, {d, s});
}

VarId IrGen::to_var(Operand o) {
  if (o.kind == OperandKind::Var) return o.a;
  Type t = class_type(o);
  VarId v = temp(t);
  emit_mov(Operand::var(v), o, t);
  return v;
}

static Operand zero_of(Context& ctx, const CType* t) {
  switch (t->kind) {
    case TypeKind::Float: return Operand::float32(0);
    case TypeKind::Double: return Operand::float64(0);
    case TypeKind::LDouble: return ctx.ldouble_operand(0);
    default: return Operand::int64(0);
  }
}


Operand IrGen::extend(Operand v, const CType* t) {
  if (!is_integer(t) || int_bits(t) >= 64) return v;
  if (v.kind == OperandKind::Int) return Operand::int64(wrap_to_type(v.int_value(), t));
  VarId r = temp(Type::I64);
  if (t->bits) {  // an N-bit bit-field type: the shift pair
    emit(Op::Lsh, {Operand::var(r), v, Operand::int64(64 - t->bits)});
    emit(is_signed(t) ? Op::Rsh : Op::URsh, {Operand::var(r), Operand::var(r), Operand::int64(64 - t->bits)});
    return Operand::var(r);
  }
  if (t->kind == TypeKind::Bool) {
    emit(Op::Ne, {Operand::var(r), v, Operand::int64(0)});
    return Operand::var(r);
  }
  bool s = is_signed(t);
  Op op = t->size == 1 ? (s ? Op::Ext8 : Op::UExt8) : t->size == 2 ? (s ? Op::Ext16 : Op::UExt16) : (s ? Op::Ext32 : Op::UExt32);
  emit(op, {Operand::var(r), v});
  return Operand::var(r);
}

Operand IrGen::convert(Operand v, const CType* from, const CType* to) {
  from = from->unqual;
  to = to->unqual;
  if (from == to || is_void(to)) return v;
  if (is_array(from) || is_func(from)) from = types_.pointer_to(from->base);
  bool fi = !is_floating(from), ti = !is_floating(to);
  if (to->kind == TypeKind::Bool) {
    if (fi) return extend(v, to);
    VarId r = temp(Type::I64);
    emit(kCmp[cmp_row(from)][1], {Operand::var(r), v, zero_of(ctx_, from)});
    return Operand::var(r);
  }
  if (fi && ti) {
    unsigned wt = int_bits(to), wf = int_bits(from);
    if (wt < 64 && (wt < wf || is_signed(to) != is_signed(from))) return extend(v, to);
    return v;
  }
  if (fi) {  // integer to floating
    bool u = !is_signed(from) && from->size == 8;
    if (v.kind == OperandKind::Int) {
      long double x = u ? static_cast<long double>(static_cast<uint64_t>(v.int_value())) : static_cast<long double>(v.int_value());
      return to->kind == TypeKind::Float ? Operand::float32(static_cast<float>(x))
             : to->kind == TypeKind::Double ? Operand::float64(static_cast<double>(x)) : ctx_.ldouble_operand(x);
    }
    static const Op s_ops[] = {Op::I2F, Op::I2D, Op::I2LD}, u_ops[] = {Op::UI2F, Op::UI2D, Op::UI2LD};
    VarId r = temp(var_type(to));
    emit((u ? u_ops : s_ops)[cls(to) - 1], {Operand::var(r), v});
    return Operand::var(r);
  }
  if (ti && !is_signed(to) && to->size == 8 && !to->bits) {
    // To a 64-bit unsigned type: the IR converts to signed, so a value of 2^63 or more is
    // converted after subtracting 2^63, which then comes back as the top bit.
    static const Op to_int[] = {Op::F2I, Op::D2I, Op::LD2I}, sub[] = {Op::FSub, Op::DSub, Op::LDSub},
                    bge[] = {Op::FBge, Op::DBge, Op::LDBge};
    int c = cls(from) - 1;
    const long double two63 = 9223372036854775808.0L;
    Operand lim = c == 0 ? Operand::float32(static_cast<float>(two63)) : c == 1 ? Operand::float64(static_cast<double>(two63)) : ctx_.ldouble_operand(two63);
    VarId r = temp(Type::I64), x = temp(var_type(from));
    LabelId big = new_label(), done = new_label();
    emit(bge[c], {Operand::label(big), v, lim});
    emit(to_int[c], {Operand::var(r), v});
    emit(Op::Jmp, {Operand::label(done)});
    place(big);
    emit(sub[c], {Operand::var(x), v, lim});
    emit(to_int[c], {Operand::var(r), Operand::var(x)});
    emit(Op::Xor, {Operand::var(r), Operand::var(r), Operand::int64(INT64_MIN)});
    place(done);
    return Operand::var(r);
  }
  if (ti) {  // floating to integer
    static const Op ops[] = {Op::F2I, Op::D2I, Op::LD2I};
    VarId r = temp(Type::I64);
    emit(ops[cls(from) - 1], {Operand::var(r), v});
    return extend(Operand::var(r), to);
  }
  static const Op ops[3][3] = {{Op::FMov, Op::F2D, Op::F2LD}, {Op::D2F, Op::DMov, Op::D2LD}, {Op::LD2F, Op::LD2D, Op::LDMov}};
  VarId r = temp(var_type(to));
  emit(ops[cls(from) - 1][cls(to) - 1], {Operand::var(r), v});
  return Operand::var(r);
}

Operand IrGen::arith(Punct op, const CType* t, Operand a, Operand b) {
  VarId r = temp(var_type(t));
  emit(arith_op(op, t), {Operand::var(r), a, b});
  if (op == Punct::Plus || op == Punct::Minus || op == Punct::Star || op == Punct::Shl) return extend(Operand::var(r), t);
  return Operand::var(r);
}

Operand IrGen::compare(Punct op, const CType* t, Operand a, Operand b) {
  VarId r = temp(Type::I64);
  emit(kCmp[cmp_row(t->unqual)][cmp_index(op)], {Operand::var(r), a, b});
  return Operand::var(r);
}

Operand IrGen::ptr_add(Operand p, Operand n, const CType* ptr_type, bool minus) {
  const CType* base = ptr_type->unqual->base;
  VarId r = temp(Type::I64);
  if (base->vm) {  // a pointer to a VLA: the stride is computed
    VarId m = temp(Type::I64);
    emit(Op::Mul, {Operand::var(m), n, type_size(base)});
    emit(minus ? Op::Sub : Op::Add, {Operand::var(r), p, Operand::var(m)});
    return Operand::var(r);
  }
  int64_t size = is_void(base) || is_func(base) ? 1 : static_cast<int64_t>(base->size);
  if (n.kind == OperandKind::Int) {
    int64_t off = n.int_value() * size;
    emit(minus ? Op::Sub : Op::Add, {Operand::var(r), p, Operand::int64(off)});
    return Operand::var(r);
  }
  Operand s = n;
  if (size != 1) {
    VarId m = temp(Type::I64);
    emit(Op::Mul, {Operand::var(m), n, Operand::int64(size)});
    s = Operand::var(m);
  }
  emit(minus ? Op::Sub : Op::Add, {Operand::var(r), p, s});
  return Operand::var(r);
}

IrGen::LVal IrGen::lv(const Expr* e) {
  LVal l;
  l.type = e->type;
  switch (e->kind) {
    case ExprKind::VarRef: {
      Symbol* s = e->sym;
      if (s->by_ref) {
        l.base = s->ir_id;
      } else if (s->global) {
        l.base = to_var(Operand::item(item_of(s)));
      } else if (s->addr_taken || is_aggregate(s->type) || (s->type->quals & (kVolatile | kAtomic))) {  // in_memory()
        l.base = frame_;
        l.disp = s->value;
      } else {
        l.is_var = true;
        l.var = s->ir_id;
      }
      return l;
    }
    case ExprKind::Deref: {
      const Expr* a = e->a;
      if (a->kind == ExprKind::PtrAdd && !a->type->unqual->base->vm) {
        const CType* base = a->type->unqual->base;
        uint64_t size = is_void(base) ? 1 : base->size;
        if (a->b->kind == ExprKind::IntLit) {
          l.base = to_var(rv(a->a));
          int64_t d = a->b->ival * static_cast<int64_t>(size);
          l.disp = a->op == Punct::Minus ? -d : d;
          return l;
        }
        if (a->op == Punct::Plus && (size == 1 || size == 2 || size == 4 || size == 8)) {
          l.base = to_var(rv(a->a));
          l.index = to_var(rv(a->b));
          l.scale = static_cast<uint8_t>(size);
          return l;
        }
      }
      l.base = to_var(rv(a));
      return l;
    }
    case ExprKind::Member: {
      if (e->a->lvalue) {
        l = lv(e->a);
      } else {
        l.base = to_var(rv(e->a));
      }
      l.disp += static_cast<int64_t>(e->member->offset);
      l.type = e->type;
      l.bit_pos = e->member->bit_pos;
      l.bit_width = e->member->is_bitfield ? e->member->bit_width : 0;
      l.unit_bytes = e->member->unit_bytes;
      return l;
    }
    case ExprKind::CompoundLit: {
      Symbol* s = e->sym;
      if (s->ir_id == kNone) {  // its frame slot, made on first use
        s->value = frame_slot(s->type);
        s->ir_id = 0;
      }
      gen_local_init(s);
      l.base = frame_;
      l.disp = s->value;
      return l;
    }
    default: l.base = to_var(rv(e)); return l;
  }
}

Operand IrGen::address(const LVal& l) {
  if (l.is_var) {
    VarId r = temp(Type::I64);
    emit(Op::Addr, {Operand::var(r), Operand::var(l.var)});
    return Operand::var(r);
  }
  if (l.disp == 0 && l.index == kNone) return Operand::var(l.base);
  VarId r = temp(Type::I64);
  if (l.index != kNone) {
    Operand idx = Operand::var(l.index);
    if (l.scale != 1) {
      VarId m = temp(Type::I64);
      emit(Op::Mul, {Operand::var(m), idx, Operand::int64(l.scale)});
      idx = Operand::var(m);
    }
    emit(Op::Add, {Operand::var(r), Operand::var(l.base), idx});
    if (l.disp) emit(Op::Add, {Operand::var(r), Operand::var(r), Operand::int64(l.disp)});
  } else {
    emit(Op::Add, {Operand::var(r), Operand::var(l.base), Operand::int64(l.disp)});
  }
  return Operand::var(r);
}

Operand IrGen::load(const LVal& l) {
  if (l.is_var) return Operand::var(l.var);
  if (!is_scalar(l.type)) return address(l);
  if (is_atomic(l.type)) return atomic_load(address(l), l.type, Operand::int64(kSeqCst));
  Type vt = var_type(l.type);
  VarId r = temp(vt);
  if (l.bit_width && l.unit_bytes == 9) return load_split_bitfield(l, r);
  emit_mov(Operand::var(r), f_->mem(unit_type(l), l.disp, l.base, l.index, l.scale), vt);
  if (l.bit_width) {  // shift the field to the top, then back down with its sign (or zeros)
    int64_t up = 64 - l.bit_pos - l.bit_width, down = 64 - l.bit_width;
    emit(Op::Lsh, {Operand::var(r), Operand::var(r), Operand::int64(up)});
    emit(is_signed(l.type) ? Op::Rsh : Op::URsh, {Operand::var(r), Operand::var(r), Operand::int64(down)});
  }
  return Operand::var(r);
}

void IrGen::store(const LVal& l, Operand v) {
  if (l.is_var) {
    emit_mov(Operand::var(l.var), v, var_type(l.type));
    return;
  }
  if (is_record(l.type) || is_array(l.type)) {
    Operand dst = address(l);
    copy_bytes(to_var(dst), 0, to_var(v), 0, l.type->size);
    return;
  }
  if (is_atomic(l.type) && is_scalar(l.type)) return atomic_store(address(l), l.type, v, Operand::int64(kSeqCst));
  if (l.bit_width && l.unit_bytes == 9) return store_split_bitfield(l, v);
  if (l.bit_width) {  // read, clear the field's bits, or in the new value, write back
    uint64_t ones = l.bit_width == 64 ? ~uint64_t(0) : (uint64_t(1) << l.bit_width) - 1;
    Operand unit = f_->mem(unit_type(l), l.disp, l.base, l.index, l.scale);
    VarId u = temp(Type::I64), x = temp(Type::I64);
    emit(Op::Mov, {Operand::var(u), unit});
    emit(Op::And, {Operand::var(u), Operand::var(u), Operand::int64(static_cast<int64_t>(~(ones << l.bit_pos)))});
    emit(Op::And, {Operand::var(x), v, Operand::int64(static_cast<int64_t>(ones))});
    emit(Op::Lsh, {Operand::var(x), Operand::var(x), Operand::int64(l.bit_pos)});
    emit(Op::Or, {Operand::var(u), Operand::var(u), Operand::var(x)});
    emit(Op::Mov, {f_->mem(unit_type(l), l.disp, l.base, l.index, l.scale), Operand::var(u)});
    return;
  }
  emit_mov(f_->mem(mem_type(l.type), l.disp, l.base, l.index, l.scale), v, var_type(l.type));
}

void IrGen::copy_bytes(VarId dst, int64_t dd, VarId src, int64_t sd, uint64_t size) {
  if (size > 128) {
    if (memcpy_ == kNone) memcpy_ = import_named("memcpy");
    const CType* vp = types_.pointer_to(types_.void_t());
    ItemId proto = proto_for(types_.func(vp, {vp, vp, types_.basic(TypeKind::ULong)}, false, false), nullptr);
    VarId r = temp(Type::I64), a = temp(Type::I64), b = temp(Type::I64);
    emit(Op::Add, {Operand::var(a), Operand::var(dst), Operand::int64(dd)});
    emit(Op::Add, {Operand::var(b), Operand::var(src), Operand::int64(sd)});
    emit(Op::Call, {Operand::item(proto), Operand::item(memcpy_), Operand::var(r), Operand::var(a), Operand::var(b),
                    Operand::int64(static_cast<int64_t>(size))});
    return;
  }
  VarId t = temp(Type::I64);
  for (uint64_t off = 0; off < size;) {
    uint64_t n = size - off >= 8 ? 8 : size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;
    Type mt = n == 8 ? Type::I64 : n == 4 ? Type::U32 : n == 2 ? Type::U16 : Type::U8;
    emit(Op::Mov, {Operand::var(t), f_->mem(mt, sd + static_cast<int64_t>(off), src)});
    emit(Op::Mov, {f_->mem(mt, dd + static_cast<int64_t>(off), dst), Operand::var(t)});
    off += n;
  }
}

void IrGen::zero_bytes(VarId dst, int64_t disp, uint64_t size) {
  if (size > 128) {
    if (memset_ == kNone) memset_ = import_named("memset");
    const CType* vp = types_.pointer_to(types_.void_t());
    ItemId proto = proto_for(types_.func(vp, {vp, types_.int_t(), types_.basic(TypeKind::ULong)}, false, false), nullptr);
    VarId r = temp(Type::I64), a = temp(Type::I64);
    emit(Op::Add, {Operand::var(a), Operand::var(dst), Operand::int64(disp)});
    emit(Op::Call, {Operand::item(proto), Operand::item(memset_), Operand::var(r), Operand::var(a), Operand::int64(0),
                    Operand::int64(static_cast<int64_t>(size))});
    return;
  }
  for (uint64_t off = 0; off < size;) {
    uint64_t n = size - off >= 8 ? 8 : size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;
    Type mt = n == 8 ? Type::I64 : n == 4 ? Type::U32 : n == 2 ? Type::U16 : Type::U8;
    emit(Op::Mov, {f_->mem(mt, disp + static_cast<int64_t>(off), dst), Operand::int64(0)});
    off += n;
  }
}

void IrGen::branch(const Expr* e, bool when, LabelId target) {
  switch (e->kind) {
    case ExprKind::Unary:
      if (e->op == Punct::Bang) return branch(e->a, !when, target);
      break;
    case ExprKind::LogAnd:
    case ExprKind::LogOr: {
      bool is_and = e->kind == ExprKind::LogAnd;
      if (when != is_and) {  // and-false or or-true: either operand decides
        branch(e->a, when, target);
        branch(e->b, when, target);
      } else {
        LabelId skip = new_label();
        branch(e->a, !when, skip);
        branch(e->b, when, target);
        place(skip);
      }
      return;
    }
    case ExprKind::IntLit:
      if ((e->ival != 0) == when) emit(Op::Jmp, {Operand::label(target)});
      return;
    case ExprKind::Binary:
      if (is_compare(e->op)) {
        const CType* t = e->a->type->unqual;
        Operand a = rv(e->a), b = rv(e->b);
        set_loc(e->loc);
        int idx = cmp_index(e->op);
        if (!when && is_floating(t)) {  // NaN: "not less" is not "greater or equal"
          emit(Op::Bf, {Operand::label(target), compare(e->op, t, a, b)});
          return;
        }
        emit(kBranch[cmp_row(t)][when ? idx : kInverse[idx]], {Operand::label(target), a, b});
        return;
      }
      break;
    default: break;
  }
  Operand v = rv(e);
  const CType* t = e->type->unqual;
  if (is_floating(t)) v = compare(Punct::Ne, t, v, zero_of(ctx_, t));
  emit(when ? Op::Bt : Op::Bf, {Operand::label(target), v});
}

Operand IrGen::call(const Expr* e) {
  const CType* ft = e->a->type->unqual->base;
  ItemId proto = proto_for(ft, e);
  Operand callee;
  if (e->a->kind == ExprKind::AddrOf && e->a->a->kind == ExprKind::FuncRef) callee = Operand::item(item_of(e->a->a->sym));
  else callee = Operand::var(to_var(rv(e->a)));
  std::vector<Operand> args;
  for (uint32_t i = 0; i < e->nargs; i++) {
    const Expr* a = e->args[i];
    Operand v = rv(a);
    if (is_record(a->type)) {
      AbiClass c = classify(a->type->unqual);
      v = f_->mem(c.memory ? Type::Blk0 : c.blk, static_cast<int64_t>(a->type->size), to_var(v));
    }
    args.push_back(v);
  }
  set_loc(e->loc);
  std::vector<Operand> ops{Operand::item(proto), callee};
  Operand result = Operand::int64(0);
  const CType* rec = is_record(ft->base) ? ft->base->unqual : nullptr;
  AbiClass rc;
  int64_t slot = 0;
  std::vector<VarId> parts;
  if (rec) {
    rc = classify(rec);
    slot = frame_slot(rec);
    if (rc.memory) {
      VarId addr = temp(Type::I64);
      emit(Op::Add, {Operand::var(addr), Operand::var(frame_), Operand::int64(slot)});
      args.insert(args.begin(), f_->mem(Type::RBlk, static_cast<int64_t>(rec->size), addr));
    } else {
      for (uint32_t k = 0; k < rc.nparts; k++) {
        parts.push_back(temp(rc.part_result[k]));
        ops.push_back(Operand::var(parts.back()));
      }
    }
  } else if (!is_void(ft->base)) {
    result = Operand::var(temp(var_type(ft->base)));
    ops.push_back(result);
  }
  ops.insert(ops.end(), args.begin(), args.end());
  emit(Op::Call, ops);
  if (rec) {
    for (uint32_t k = 0; k < parts.size(); k++)
      emit_mov(f_->mem(rc.part_mem[k], slot + 8 * k, frame_), Operand::var(parts[k]), rc.part_result[k]);
    VarId addr = temp(Type::I64);
    emit(Op::Add, {Operand::var(addr), Operand::var(frame_), Operand::int64(slot)});
    return Operand::var(addr);
  }
  // Native callees (libc through imports) leave the upper bits of a narrow result undefined,
  // as the SysV ABI allows: re-extend it to the canonical form.
  const CType* rt = ft->base->unqual;
  if (is_integer(rt) && rt->size < 8) {
    if (rt->kind == TypeKind::Bool) {
      VarId r = temp(Type::I64);
      emit(Op::UExt8, {Operand::var(r), result});
      return Operand::var(r);
    }
    VarId r = temp(Type::I64);
    bool s = is_signed(rt);
    Op op = rt->size == 1 ? (s ? Op::Ext8 : Op::UExt8) : rt->size == 2 ? (s ? Op::Ext16 : Op::UExt16) : (s ? Op::Ext32 : Op::UExt32);
    emit(op, {Operand::var(r), result});
    return Operand::var(r);
  }
  return result;
}

void IrGen::effect(const Expr* e) {
  if (e->kind == ExprKind::IncDec) incdec(e, false);  // `i++;` needs no copy of the old value
  else rv(e);
}

Operand IrGen::incdec(const Expr* e, bool value_used) {
  LVal l = lv(e->a);
  if (is_atomic(l.type) && !l.is_var) return atomic_update(e, l);
  const CType* t = e->type;
  Operand old = load(l);
  if (e->postfix && value_used && l.is_var) {
    VarId c = temp(var_type(t));
    emit_mov(Operand::var(c), old, var_type(t));
    old = Operand::var(c);
  }
  bool minus = e->op == Punct::MinusMinus;
  Operand nv;
  if (is_ptr(t)) {
    nv = ptr_add(old, Operand::int64(1), t, minus);
  } else if (is_floating(t)) {
    Operand one = t->kind == TypeKind::Float ? Operand::float32(1) : t->kind == TypeKind::Double ? Operand::float64(1) : ctx_.ldouble_operand(1);
    nv = arith(minus ? Punct::Minus : Punct::Plus, t, old, one);
  } else {
    VarId r = temp(Type::I64);
    emit(minus ? Op::Sub : Op::Add, {Operand::var(r), old, Operand::int64(1)});
    nv = extend(Operand::var(r), t);
  }
  store(l, nv);
  return e->postfix ? old : bitfield_value(l, nv);
}

Operand IrGen::op_assign(const Expr* e) {
  LVal l = lv(e->a);
  if (is_atomic(l.type) && !l.is_var) return atomic_update(e, l);
  const CType* t = e->a->type->unqual;
  Operand old = load(l);
  Operand nv;
  if (is_ptr(e->ctype)) {
    nv = ptr_add(old, rv(e->b), t, e->op == Punct::Minus);
  } else {
    Operand x = convert(old, t, e->ctype);
    Operand b = rv(e->b);
    set_loc(e->loc);
    nv = convert(arith(e->op, e->ctype, x, b), e->ctype, t);
  }
  store(l, nv);
  return bitfield_value(l, nv);
}

Type IrGen::unit_type(const LVal& l) const {
  switch (l.unit_bytes) {
    case 1: return Type::U8;
    case 2: return Type::U16;
    case 4: return Type::U32;
    case 8: return Type::U64;
    default: return mem_type(l.type);
  }
}

// A packed bit-field over 9 bytes: bits bit_pos..63 of the 8-byte unit at disp and the low
// bits of the byte at disp + 8 (bit_pos > 0, since the field has at most 64 bits).
Operand IrGen::load_split_bitfield(const LVal& l, VarId r) {
  int64_t low_bits = 64 - l.bit_pos;
  VarId h = temp(Type::I64);
  emit(Op::Mov, {Operand::var(r), f_->mem(Type::U64, l.disp, l.base, l.index, l.scale)});
  emit(Op::URsh, {Operand::var(r), Operand::var(r), Operand::int64(l.bit_pos)});
  emit(Op::Mov, {Operand::var(h), f_->mem(Type::U8, l.disp + 8, l.base, l.index, l.scale)});
  emit(Op::Lsh, {Operand::var(h), Operand::var(h), Operand::int64(low_bits)});
  emit(Op::Or, {Operand::var(r), Operand::var(r), Operand::var(h)});
  if (l.bit_width < 64) {
    emit(Op::Lsh, {Operand::var(r), Operand::var(r), Operand::int64(64 - l.bit_width)});
    emit(is_signed(l.type) ? Op::Rsh : Op::URsh,
         {Operand::var(r), Operand::var(r), Operand::int64(64 - l.bit_width)});
  }
  return Operand::var(r);
}

void IrGen::store_split_bitfield(const LVal& l, Operand v) {
  uint64_t ones = l.bit_width == 64 ? ~uint64_t(0) : (uint64_t(1) << l.bit_width) - 1;
  int64_t low_bits = 64 - l.bit_pos;
  uint64_t high_ones = (uint64_t(1) << (l.bit_width - low_bits)) - 1;
  VarId x = temp(Type::I64), u = temp(Type::I64), y = temp(Type::I64);
  emit(Op::And, {Operand::var(x), v, Operand::int64(static_cast<int64_t>(ones))});
  Operand low = f_->mem(Type::U64, l.disp, l.base, l.index, l.scale);
  emit(Op::Mov, {Operand::var(u), low});
  emit(Op::And, {Operand::var(u), Operand::var(u), Operand::int64((int64_t(1) << l.bit_pos) - 1)});
  emit(Op::Lsh, {Operand::var(y), Operand::var(x), Operand::int64(l.bit_pos)});
  emit(Op::Or, {Operand::var(u), Operand::var(u), Operand::var(y)});
  emit(Op::Mov, {f_->mem(Type::U64, l.disp, l.base, l.index, l.scale), Operand::var(u)});
  Operand high = f_->mem(Type::U8, l.disp + 8, l.base, l.index, l.scale);
  emit(Op::Mov, {Operand::var(u), high});
  emit(Op::And, {Operand::var(u), Operand::var(u), Operand::int64(static_cast<int64_t>(~high_ones))});
  emit(Op::URsh, {Operand::var(y), Operand::var(x), Operand::int64(low_bits)});
  emit(Op::Or, {Operand::var(u), Operand::var(u), Operand::var(y)});
  emit(Op::Mov, {f_->mem(Type::U8, l.disp + 8, l.base, l.index, l.scale), Operand::var(u)});
}

// The value a bit-field holds after `v` is stored in it: v's low bits, sign- or zero-extended.
Operand IrGen::bitfield_value(const LVal& l, Operand v) {
  if (!l.bit_width || l.bit_width >= 64) return v;
  VarId r = temp(Type::I64);
  emit(Op::Lsh, {Operand::var(r), v, Operand::int64(64 - l.bit_width)});
  emit(is_signed(l.type) ? Op::Rsh : Op::URsh, {Operand::var(r), Operand::var(r), Operand::int64(64 - l.bit_width)});
  return Operand::var(r);
}

Operand IrGen::rv(const Expr* e) {
  uint32_t saved = loc_;
  set_loc(e->loc);
  Operand r;
  switch (e->kind) {
    case ExprKind::IntLit: r = Operand::int64(e->ival); break;
    case ExprKind::FloatLit:
      r = e->type->kind == TypeKind::Float ? Operand::float32(static_cast<float>(e->fval))
          : e->type->kind == TypeKind::Double ? Operand::float64(static_cast<double>(e->fval)) : ctx_.ldouble_operand(e->fval);
      break;
    case ExprKind::StrLit:
      r = Operand::str(ctx_.add_string(std::string_view(e->str, static_cast<size_t>(e->type->size))));
      break;
    case ExprKind::VarRef:
    case ExprKind::Deref:
    case ExprKind::CompoundLit:
    case ExprKind::Member: r = load(lv(e)); break;
    case ExprKind::FuncRef: r = Operand::item(item_of(e->sym)); break;
    case ExprKind::AddrOf: {
      const Expr* a = e->a;
      if (a->kind == ExprKind::FuncRef) r = Operand::item(item_of(a->sym));
      else if (a->kind == ExprKind::Deref) r = rv(a->a);
      else if (a->kind == ExprKind::StrLit) r = rv(a);
      else r = address(lv(a));
      break;
    }
    case ExprKind::Unary: {
      Operand a = rv(e->a);
      set_loc(e->loc);
      const CType* t = e->a->type->unqual;
      if (e->op == Punct::Bang) {
        r = compare(Punct::EqEq, t, a, zero_of(ctx_, t));
      } else if (e->op == Punct::Minus) {
        static const Op ops[] = {Op::Neg, Op::FNeg, Op::DNeg, Op::LDNeg};
        VarId v = temp(var_type(t));
        emit(ops[cls(t)], {Operand::var(v), a});
        r = extend(Operand::var(v), t);
      } else {
        VarId v = temp(Type::I64);
        emit(Op::Xor, {Operand::var(v), a, Operand::int64(-1)});
        r = extend(Operand::var(v), t);
      }
      break;
    }
    case ExprKind::Binary: {
      Operand a = rv(e->a);
      Operand b = rv(e->b);
      set_loc(e->loc);
      r = is_compare(e->op) ? compare(e->op, e->a->type, a, b) : arith(e->op, e->type, a, b);
      break;
    }
    case ExprKind::PtrAdd: {
      Operand a = rv(e->a);
      Operand b = rv(e->b);
      set_loc(e->loc);
      r = ptr_add(a, b, e->type, e->op == Punct::Minus);
      break;
    }
    case ExprKind::PtrDiff: {
      Operand a = rv(e->a);
      Operand b = rv(e->b);
      set_loc(e->loc);
      VarId v = temp(Type::I64);
      emit(Op::Sub, {Operand::var(v), a, b});
      const CType* base = e->a->type->unqual->base;
      if (base->vm) {
        emit(Op::Div, {Operand::var(v), Operand::var(v), type_size(base)});
        r = Operand::var(v);
        break;
      }
      uint64_t size = is_void(base) ? 1 : base->size;
      if (size > 1) emit(Op::Div, {Operand::var(v), Operand::var(v), Operand::int64(static_cast<int64_t>(size))});
      r = Operand::var(v);
      break;
    }
    case ExprKind::LogAnd:
    case ExprKind::LogOr: {
      bool is_and = e->kind == ExprKind::LogAnd;
      VarId v = temp(Type::I64);
      LabelId done = new_label();
      emit(Op::Mov, {Operand::var(v), Operand::int64(is_and ? 0 : 1)});
      branch(e->a, !is_and, done);
      branch(e->b, !is_and, done);
      emit(Op::Mov, {Operand::var(v), Operand::int64(is_and ? 1 : 0)});
      place(done);
      r = Operand::var(v);
      break;
    }
    case ExprKind::Assign: {
      if (is_record(e->type)) {
        Operand src = rv(e->b);
        LVal l = lv(e->a);
        store(l, src);
        r = address(l);
        break;
      }
      Operand v = rv(e->b);
      LVal l = lv(e->a);
      set_loc(e->loc);
      store(l, v);
      r = bitfield_value(l, v);
      break;
    }
    case ExprKind::OpAssign: r = op_assign(e); break;
    case ExprKind::IncDec: r = incdec(e, true); break;
    case ExprKind::VlaSizeof: r = type_size(e->ctype); break;
    case ExprKind::Cond: {
      LabelId els = new_label(), end = new_label();
      bool is_void_t = is_void(e->type);
      Type vt = is_void_t ? Type::I64 : var_type(e->type);
      VarId v = is_void_t ? kNone : temp(vt);
      branch(e->a, false, els);
      Operand b = rv(e->b);
      if (!is_void_t) emit_mov(Operand::var(v), b, vt);
      emit(Op::Jmp, {Operand::label(end)});
      place(els);
      Operand c = rv(e->c);
      if (!is_void_t) emit_mov(Operand::var(v), c, vt);
      place(end);
      r = is_void_t ? Operand::int64(0) : Operand::var(v);
      break;
    }
    case ExprKind::Call: r = call(e); break;
    case ExprKind::Cast:
      if (is_void(e->type)) {
        effect(e->a);
        r = Operand::int64(0);
      } else {
        r = convert(rv(e->a), e->a->type, e->type);
      }
      break;
    case ExprKind::Comma:
      effect(e->a);
      r = rv(e->b);
      break;
    case ExprKind::VaStart:
    case ExprKind::VaEnd: {
      Operand ap = rv(e->a);
      set_loc(e->loc);
      emit(e->kind == ExprKind::VaStart ? Op::VaStart : Op::VaEnd, {Operand::var(to_var(ap))});
      r = Operand::int64(0);
      break;
    }
    case ExprKind::Builtin: r = builtin(e); break;
    case ExprKind::StmtExpr: r = stmt_expr(e); break;
    case ExprKind::LabelAddr: {
      VarId v = temp(Type::I64);
      emit(Op::LAddr, {Operand::var(v), Operand::label(user_label(e->label, e->loc))});
      r = Operand::var(v);
      break;
    }
    case ExprKind::VaArg: {
      Operand ap = rv(e->a);
      set_loc(e->loc);
      VarId addr = temp(Type::I64);
      if (is_record(e->type)) {
        // A struct comes whole into a frame slot, from registers or the stack as its SysV class
        // says (va_block_arg's case is the blkN number; 0 = memory).
        AbiClass c = classify(e->type);
        int64_t slot = frame_slot(e->type);
        emit(Op::Add, {Operand::var(addr), Operand::var(frame_), Operand::int64(slot)});
        int64_t blk_case = c.memory ? 0 : static_cast<int64_t>(c.blk) - static_cast<int64_t>(Type::Blk0);
        emit(Op::VaBlockArg, {Operand::var(addr), Operand::var(to_var(ap)), Operand::int64(static_cast<int64_t>(e->type->size)),
                              Operand::int64(blk_case)});
        r = Operand::var(addr);
        break;
      }
      // The memory operand's type selects the argument class; promoted types are read whole.
      Type cls_t = is_floating(e->type) ? (e->type->kind == TypeKind::LDouble ? Type::LD : Type::D) : Type::I64;
      emit(Op::VaArg, {Operand::var(addr), Operand::var(to_var(ap)), f_->mem(cls_t, 0)});
      LVal l;
      l.base = addr;
      l.type = e->type;
      r = load(l);
      break;
    }
  }
  loc_ = saved;
  return r;
}

}  // namespace kite::c

// Lowering of C11 atomics: reads, assignments, ++/-- and compound assignments of _Atomic
// lvalues, and the __atomic_* / __sync_* builtins. The IR has no atomic instructions, so each
// operation is a call of a runtime function with libatomic's name and signature
// (`__atomic_load_4(const volatile void *, int)`, `__atomic_fetch_add_8`, ...; N = 1, 2, 4, 8),
// which the linker supplies from Kite itself (src/link/atomic_runtime.cpp) before looking in
// the process, and one Kite-specific fence, `__kite_atomic_thread_fence(int)`. A call is a
// compiler barrier for every execution mode as it stands, and keeps the IR small; the
// optimizing level may later turn the calls it recognises into instructions. Values travel as
// unsigned integers of the object's size: floating objects are moved through a frame slot to
// reinterpret their bits (the IR has no bitcast).
#include <cstdio>

#include "irgen.h"

namespace kite::c {

namespace {

TypeKind bits_kind(uint64_t size) {
  return size == 1 ? TypeKind::UChar : size == 2 ? TypeKind::UShort : size == 4 ? TypeKind::UInt : TypeKind::ULong;
}

Type bits_mem(uint64_t size) {
  return size == 1 ? Type::U8 : size == 2 ? Type::U16 : size == 4 ? Type::U32 : Type::U64;
}

// The runtime name of an operation on N bytes: "__atomic_load_4".
std::string runtime_name(const char* op, uint64_t size) {
  char buf[48];
  snprintf(buf, sizeof buf, "__atomic_%s_%u", op, static_cast<unsigned>(size));
  return buf;
}

const char* fetch_op_name(Punct op, bool old_value) {
  switch (op) {
    case Punct::Plus: return old_value ? "fetch_add" : "add_fetch";
    case Punct::Minus: return old_value ? "fetch_sub" : "sub_fetch";
    case Punct::Amp: return old_value ? "fetch_and" : "and_fetch";
    case Punct::Pipe: return old_value ? "fetch_or" : "or_fetch";
    case Punct::Caret: return old_value ? "fetch_xor" : "xor_fetch";
    default: return old_value ? "fetch_nand" : "nand_fetch";
  }
}

}  // namespace

Operand IrGen::runtime_call(const char* name, const CType* ft, const std::vector<Operand>& args) {
  ItemId proto = proto_for(ft, nullptr);
  std::vector<Operand> ops{Operand::item(proto), Operand::item(import_named(name))};
  Operand result = Operand::int64(0);
  if (!is_void(ft->base)) {
    result = Operand::var(temp(var_type(ft->base)));
    ops.push_back(result);
  }
  ops.insert(ops.end(), args.begin(), args.end());
  emit(Op::Call, ops);
  return result;
}

Operand IrGen::value_bits(Operand v, const CType* t) {
  if (!is_floating(t)) return v;
  int64_t slot = frame_slot(t);
  emit_mov(f_->mem(mem_type(t), slot, frame_), v, var_type(t));
  VarId r = temp(Type::I64);
  emit(Op::Mov, {Operand::var(r), f_->mem(bits_mem(t->size), slot, frame_)});
  return Operand::var(r);
}

// A native callee leaves the bits above the result's size undefined (SysV): they are
// cleared, then the value is made canonical for t.
Operand IrGen::bits_value(Operand raw, const CType* t) {
  t = t->unqual;
  if (is_floating(t)) {
    int64_t slot = frame_slot(t);
    emit(Op::Mov, {f_->mem(bits_mem(t->size), slot, frame_), raw});
    VarId r = temp(var_type(t));
    emit_mov(Operand::var(r), f_->mem(mem_type(t), slot, frame_), var_type(t));
    return Operand::var(r);
  }
  if (t->size >= 8) return raw;
  if (t->kind == TypeKind::Bool) {
    VarId r = temp(Type::I64);
    emit(Op::UExt8, {Operand::var(r), raw});
    return Operand::var(r);
  }
  return extend(raw, t);
}

Operand IrGen::atomic_load(Operand addr, const CType* t, Operand order) {
  const CType* vp = types_.pointer_to(types_.void_t());
  const CType* ft = types_.func(types_.basic(bits_kind(t->size)), {vp, types_.int_t()}, false, false);
  Operand raw = runtime_call(runtime_name("load", t->size).c_str(), ft, {addr, order});
  return bits_value(raw, t);
}

void IrGen::atomic_store(Operand addr, const CType* t, Operand v, Operand order) {
  const CType* vp = types_.pointer_to(types_.void_t());
  const CType* ft = types_.func(types_.void_t(), {vp, types_.basic(bits_kind(t->size)), types_.int_t()}, false, false);
  Operand bits = value_bits(v, t);
  runtime_call(runtime_name("store", t->size).c_str(), ft, {addr, bits, order});
}

Operand IrGen::atomic_fetch_op(Punct op, bool old_value, Operand addr, const CType* t, Operand v, Operand order) {
  const CType* vp = types_.pointer_to(types_.void_t());
  const CType* ut = types_.basic(bits_kind(t->size));
  const CType* ft = types_.func(ut, {vp, ut, types_.int_t()}, false, false);
  Operand raw = runtime_call(runtime_name(fetch_op_name(op, old_value), t->size).c_str(), ft, {addr, v, order});
  return bits_value(raw, t);
}

// Strong always: a weak compare-exchange may fail spuriously, so a strong one implements it.
Operand IrGen::atomic_cmpxchg(Operand addr, uint64_t size, Operand expected_addr, Operand desired_bits, Operand success,
                              Operand failure) {
  const CType* vp = types_.pointer_to(types_.void_t());
  const CType* it = types_.int_t();
  const CType* bt = types_.basic(TypeKind::Bool);
  const CType* ft = types_.func(bt, {vp, vp, types_.basic(bits_kind(size)), bt, it, it}, false, false);
  Operand raw = runtime_call(runtime_name("compare_exchange", size).c_str(), ft,
                             {addr, expected_addr, desired_bits, Operand::int64(0), success, failure});
  VarId r = temp(Type::I64);
  emit(Op::UExt8, {Operand::var(r), raw});
  return Operand::var(r);
}

// ++, --, and op= on an atomic object (6.5.2.4p2, 6.5.16.2p3): one read-modify-write. Integer
// +, -, &, |, ^ (whatever the computation type: they commute with the truncation to the
// object's width) and pointer steps are one fetch-op call; everything else (*, /, %, shifts,
// floating and _Bool objects) a compare-exchange loop that recomputes from the value found.
Operand IrGen::atomic_update(const Expr* e, const LVal& l) {
  const CType* t = l.type->unqual;
  Operand addr = Operand::var(to_var(address(l)));
  Operand seq = Operand::int64(kSeqCst);
  bool incdec = e->kind == ExprKind::IncDec;
  bool minus = incdec ? e->op == Punct::MinusMinus : e->op == Punct::Minus;
  Punct op = incdec ? (minus ? Punct::Minus : Punct::Plus) : e->op;
  bool bitwise_or_add = op == Punct::Plus || op == Punct::Minus || op == Punct::Amp || op == Punct::Pipe || op == Punct::Caret;
  bool int_object = is_integer(t) && t->kind != TypeKind::Bool;
  bool ptr_object = is_ptr(t) && !t->base->vm;
  int64_t step = ptr_object ? (is_void(t->base) ? 1 : static_cast<int64_t>(t->base->size)) : 1;
  Operand b;
  if (!incdec) b = rv(e->b);  // evaluated once, before any attempt
  set_loc(e->loc);
  if ((int_object && (incdec || (bitwise_or_add && is_integer(e->ctype)))) || (ptr_object && (incdec || is_ptr(e->ctype)))) {
    Operand v = incdec ? Operand::int64(step) : b;
    if (!incdec && ptr_object && step != 1) v = bin(Op::Mul, v, Operand::int64(step));
    return atomic_fetch_op(op, incdec && e->postfix, addr, t, v, seq);
  }
  Type vt = var_type(t);
  VarId old = temp(vt);
  emit_mov(Operand::var(old), atomic_load(addr, t, seq), vt);
  int64_t slot = frame_slot(t);  // the expected value, overwritten with the one found
  LabelId loop = new_label(), done = new_label();
  place(loop);
  Operand nv;
  if (incdec) {
    if (is_ptr(t)) {
      nv = ptr_add(Operand::var(old), Operand::int64(1), t, minus);
    } else if (is_floating(t)) {
      nv = arith(op, t, Operand::var(old), fp_const(t, 1));
    } else {
      nv = extend(bin(minus ? Op::Sub : Op::Add, Operand::var(old), Operand::int64(1)), t);
    }
  } else if (is_ptr(e->ctype)) {
    nv = ptr_add(Operand::var(old), b, t, minus);
  } else {
    Operand x = convert(Operand::var(old), t, e->ctype);
    nv = convert(arith(op, e->ctype, x, b), e->ctype, t);
  }
  nv = Operand::var(to_var(nv));
  emit_mov(f_->mem(mem_type(t), slot, frame_), Operand::var(old), vt);
  VarId expected = temp(Type::I64);
  emit(Op::Add, {Operand::var(expected), Operand::var(frame_), Operand::int64(slot)});
  Operand ok = atomic_cmpxchg(addr, t->size, Operand::var(expected), value_bits(nv, t), seq, seq);
  emit(Op::Bt, {Operand::label(done), ok});
  emit_mov(Operand::var(old), f_->mem(mem_type(t), slot, frame_), vt);
  emit(Op::Jmp, {Operand::label(loop)});
  place(done);
  return incdec && e->postfix ? Operand::var(old) : nv;
}

Operand IrGen::atomic_builtin(const Expr* e) {
  BuiltinOp op = static_cast<BuiltinOp>(e->ival);
  const CType* vp = types_.pointer_to(types_.void_t());
  const CType* int_t = types_.int_t();
  if (op == BuiltinOp::AtomicFence) {
    Operand order = rv(e->args[0]);
    set_loc(e->loc);
    runtime_call("__kite_atomic_thread_fence", types_.func(types_.void_t(), {int_t}, false, false), {order});
    return Operand::int64(0);
  }
  // Every operand is evaluated first, left to right, into variables.
  std::vector<Operand> a;
  for (uint32_t i = 0; i < e->nargs; i++) a.push_back(Operand::var(to_var(rv(e->args[i]))));
  set_loc(e->loc);
  const CType* pt = e->args[0]->type->unqual;
  const CType* t = is_void(pt->base) ? types_.basic(TypeKind::UChar) : pt->base->unqual;
  uint64_t size = t->size;
  const CType* ut = types_.basic(bits_kind(size));
  auto mem_at = [&](const Operand& p) { return f_->mem(bits_mem(size), 0, p.a); };
  auto exchange = [&](Operand bits, Operand order) {
    const CType* ft = types_.func(ut, {vp, ut, int_t}, false, false);
    return runtime_call(runtime_name("exchange", size).c_str(), ft, {a[0], bits, order});
  };
  switch (op) {
    case BuiltinOp::AtomicLoad: return atomic_load(a[0], t, a[1]);
    case BuiltinOp::AtomicStore: atomic_store(a[0], t, a[1], a[2]); return Operand::int64(0);
    case BuiltinOp::AtomicExchange: return bits_value(exchange(value_bits(a[1], t), a[2]), t);
    case BuiltinOp::AtomicCmpxchg: return atomic_cmpxchg(a[0], size, a[1], value_bits(a[2], t), a[4], a[5]);
    case BuiltinOp::AtomicFetchOp: return atomic_fetch_op(e->op, e->postfix, a[0], t, a[1], a[2]);
    case BuiltinOp::AtomicLoadPtr: {
      const CType* ft = types_.func(ut, {vp, int_t}, false, false);
      Operand raw = runtime_call(runtime_name("load", size).c_str(), ft, {a[0], a[2]});
      emit(Op::Mov, {mem_at(a[1]), raw});
      return Operand::int64(0);
    }
    case BuiltinOp::AtomicStorePtr: {
      VarId bits = temp(Type::I64);
      emit(Op::Mov, {Operand::var(bits), mem_at(a[1])});
      const CType* ft = types_.func(types_.void_t(), {vp, ut, int_t}, false, false);
      runtime_call(runtime_name("store", size).c_str(), ft, {a[0], Operand::var(bits), a[2]});
      return Operand::int64(0);
    }
    case BuiltinOp::AtomicExchangePtr: {
      VarId bits = temp(Type::I64);
      emit(Op::Mov, {Operand::var(bits), mem_at(a[1])});
      Operand raw = exchange(Operand::var(bits), a[3]);
      emit(Op::Mov, {mem_at(a[2]), raw});
      return Operand::int64(0);
    }
    case BuiltinOp::AtomicCmpxchgPtr: {
      VarId bits = temp(Type::I64);
      emit(Op::Mov, {Operand::var(bits), mem_at(a[2])});
      return atomic_cmpxchg(a[0], size, a[1], Operand::var(bits), a[4], a[5]);
    }
    case BuiltinOp::AtomicTestAndSet: {
      // gcc's flag is the byte at the address: set to 1, true when it was set before.
      size = 1;
      ut = types_.basic(TypeKind::UChar);
      Operand raw = exchange(Operand::int64(1), a[1]);
      return bin(Op::Ne, bin(Op::And, raw, Operand::int64(0xff)), Operand::int64(0));
    }
    case BuiltinOp::AtomicClear:
      atomic_store(a[0], types_.basic(TypeKind::UChar), Operand::int64(0), a[1]);
      return Operand::int64(0);
    case BuiltinOp::SyncCmpxchg: {
      int64_t slot = frame_slot(t);
      emit(Op::Mov, {f_->mem(bits_mem(size), slot, frame_), a[1]});
      VarId expected = temp(Type::I64);
      emit(Op::Add, {Operand::var(expected), Operand::var(frame_), Operand::int64(slot)});
      Operand seq = Operand::int64(kSeqCst);
      Operand ok = atomic_cmpxchg(a[0], size, Operand::var(expected), a[2], seq, seq);
      if (!e->postfix) return ok;
      // The value found: the old one on success (equal to the expected), else what the
      // failed attempt wrote back.
      VarId r = temp(Type::I64);
      emit(Op::Mov, {Operand::var(r), f_->mem(mem_type(t), slot, frame_)});
      return Operand::var(r);
    }
    default: break;
  }
  kite_unreachable("not an atomic builtin");
}

}  // namespace kite::c

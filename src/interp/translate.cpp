// Translation of one IR function into threaded code (code.h). Linear in the number of
// operands: memory operands become loads into temporaries before the micro-op and stores
// after it; immediates, strings and item addresses become frame constants; branch targets
// are patched to code addresses once the whole function is laid out.
#include "translate.h"

#include <algorithm>
#include <cstring>

#include "kite/verify.h"

namespace kite::interp {
namespace {

// in() returns frame offsets; a constant's offset is not known until the end, so it comes
// back flagged and slot() records the word for patching.
constexpr uint64_t kConstFlag = uint64_t(1) << 62;
constexpr uint32_t kZeroSlot = 0;

// Hard-register globals share one cell per register name across all functions (and
// contexts: the name, not a context's NameId, picks the cell). Few names exist.
Value* hard_reg_cell(std::string_view reg) {
  static std::vector<std::pair<std::string, std::unique_ptr<Value>>> cells;
  for (auto& [name, cell] : cells)
    if (name == reg) return cell.get();
  cells.emplace_back(std::string(reg), std::make_unique<Value>());
  memset(cells.back().second.get(), 0, sizeof(Value));
  return cells.back().second.get();
}

MicroOp direct_op(Op op) {
  switch (op) {
#define KITE_SAME(name) \
  case Op::name: return MicroOp::name;
    KITE_SAME(Ext8) KITE_SAME(Ext16) KITE_SAME(Ext32) KITE_SAME(UExt8) KITE_SAME(UExt16) KITE_SAME(UExt32)
    KITE_SAME(I2F) KITE_SAME(I2D) KITE_SAME(I2LD) KITE_SAME(UI2F) KITE_SAME(UI2D) KITE_SAME(UI2LD)
    KITE_SAME(F2I) KITE_SAME(D2I) KITE_SAME(LD2I) KITE_SAME(F2D) KITE_SAME(F2LD) KITE_SAME(D2F)
    KITE_SAME(D2LD) KITE_SAME(LD2F) KITE_SAME(LD2D)
    KITE_SAME(Neg) KITE_SAME(NegS) KITE_SAME(FNeg) KITE_SAME(DNeg) KITE_SAME(LDNeg)
    KITE_SAME(Add) KITE_SAME(AddS) KITE_SAME(FAdd) KITE_SAME(DAdd) KITE_SAME(LDAdd)
    KITE_SAME(Sub) KITE_SAME(SubS) KITE_SAME(FSub) KITE_SAME(DSub) KITE_SAME(LDSub)
    KITE_SAME(Mul) KITE_SAME(MulS) KITE_SAME(FMul) KITE_SAME(DMul) KITE_SAME(LDMul)
    KITE_SAME(Div) KITE_SAME(DivS) KITE_SAME(UDiv) KITE_SAME(UDivS) KITE_SAME(FDiv) KITE_SAME(DDiv) KITE_SAME(LDDiv)
    KITE_SAME(Mod) KITE_SAME(ModS) KITE_SAME(UMod) KITE_SAME(UModS)
    KITE_SAME(And) KITE_SAME(AndS) KITE_SAME(Or) KITE_SAME(OrS) KITE_SAME(Xor) KITE_SAME(XorS)
    KITE_SAME(Lsh) KITE_SAME(LshS) KITE_SAME(Rsh) KITE_SAME(RshS) KITE_SAME(URsh) KITE_SAME(URshS)
    KITE_SAME(Eq) KITE_SAME(EqS) KITE_SAME(FEq) KITE_SAME(DEq) KITE_SAME(LDEq)
    KITE_SAME(Ne) KITE_SAME(NeS) KITE_SAME(FNe) KITE_SAME(DNe) KITE_SAME(LDNe)
    KITE_SAME(Lt) KITE_SAME(LtS) KITE_SAME(ULt) KITE_SAME(ULtS) KITE_SAME(FLt) KITE_SAME(DLt) KITE_SAME(LDLt)
    KITE_SAME(Le) KITE_SAME(LeS) KITE_SAME(ULe) KITE_SAME(ULeS) KITE_SAME(FLe) KITE_SAME(DLe) KITE_SAME(LDLe)
    KITE_SAME(Gt) KITE_SAME(GtS) KITE_SAME(UGt) KITE_SAME(UGtS) KITE_SAME(FGt) KITE_SAME(DGt) KITE_SAME(LDGt)
    KITE_SAME(Ge) KITE_SAME(GeS) KITE_SAME(UGe) KITE_SAME(UGeS) KITE_SAME(FGe) KITE_SAME(DGe) KITE_SAME(LDGe)
    KITE_SAME(AddO) KITE_SAME(AddOS) KITE_SAME(SubO) KITE_SAME(SubOS)
    KITE_SAME(MulO) KITE_SAME(MulOS) KITE_SAME(UMulO) KITE_SAME(UMulOS)
    KITE_SAME(Jmp) KITE_SAME(Bt) KITE_SAME(BtS) KITE_SAME(Bf) KITE_SAME(BfS)
    KITE_SAME(Beq) KITE_SAME(BeqS) KITE_SAME(FBeq) KITE_SAME(DBeq) KITE_SAME(LDBeq)
    KITE_SAME(Bne) KITE_SAME(BneS) KITE_SAME(FBne) KITE_SAME(DBne) KITE_SAME(LDBne)
    KITE_SAME(Blt) KITE_SAME(BltS) KITE_SAME(UBlt) KITE_SAME(UBltS) KITE_SAME(FBlt) KITE_SAME(DBlt) KITE_SAME(LDBlt)
    KITE_SAME(Ble) KITE_SAME(BleS) KITE_SAME(UBle) KITE_SAME(UBleS) KITE_SAME(FBle) KITE_SAME(DBle) KITE_SAME(LDBle)
    KITE_SAME(Bgt) KITE_SAME(BgtS) KITE_SAME(UBgt) KITE_SAME(UBgtS) KITE_SAME(FBgt) KITE_SAME(DBgt) KITE_SAME(LDBgt)
    KITE_SAME(Bge) KITE_SAME(BgeS) KITE_SAME(UBge) KITE_SAME(UBgeS) KITE_SAME(FBge) KITE_SAME(DBge) KITE_SAME(LDBge)
    KITE_SAME(Bo) KITE_SAME(UBo) KITE_SAME(Bno) KITE_SAME(UBno)
#undef KITE_SAME
    default: return MicroOp::Count;
  }
}

MicroOp load_op(Type t) {
  switch (t) {
    case Type::I8: return MicroOp::LdI8;
    case Type::U8: return MicroOp::LdU8;
    case Type::I16: return MicroOp::LdI16;
    case Type::U16: return MicroOp::LdU16;
    case Type::I32: return MicroOp::LdI32;
    case Type::U32: return MicroOp::LdU32;
    case Type::F: return MicroOp::LdF;
    case Type::LD: return MicroOp::LdLD;
    default: return MicroOp::Ld64;
  }
}

MicroOp store_op(Type t) {
  switch (t) {
    case Type::I8: case Type::U8: return MicroOp::St8;
    case Type::I16: case Type::U16: return MicroOp::St16;
    case Type::I32: case Type::U32: return MicroOp::St32;
    case Type::F: return MicroOp::StF;
    case Type::LD: return MicroOp::StLD;
    default: return MicroOp::St64;
  }
}

// The extension that makes a narrow integer of type t a proper 64-bit value.
MicroOp ext_op(Type t) {
  switch (t) {
    case Type::I8: return MicroOp::Ext8;
    case Type::U8: return MicroOp::UExt8;
    case Type::I16: return MicroOp::Ext16;
    case Type::U16: return MicroOp::UExt16;
    case Type::I32: return MicroOp::Ext32;
    case Type::U32: return MicroOp::UExt32;
    default: return MicroOp::Count;
  }
}

// The C library's setjmp entry points (sigsetjmp is a glibc macro for __sigsetjmp, but other
// libraries export it). Interpreted calls to them cannot go through call glue: setjmp would
// save the glue's frame, which is gone when longjmp comes back.
bool is_setjmp_name(std::string_view n) {
  return n == "setjmp" || n == "_setjmp" || n == "sigsetjmp" || n == "__sigsetjmp";
}

Type mem_type_of_var(Type var_type) { return var_type == Type::I64 ? Type::I64 : var_type; }

class Translator {
 public:
  Translator(Linker& lk, FuncState& fs, Code& code)
      : lk_(lk), ctx_(lk.context()), f_(*fs.func), code_(code), table_(handler_table()) {}

  bool run(Diagnostics& diags);

 private:
  struct Store {
    MicroOp op;
    uint64_t src;
    uint64_t m[4];
  };

  void emit(MicroOp op) { code_.words.push_back(reinterpret_cast<uint64_t>(table_[static_cast<int>(op)])); }
  void word(uint64_t w) { code_.words.push_back(w); }
  // A frame-offset operand (possibly a constant, patched at the end).
  void slot(uint64_t v) {
    if (v & kConstFlag) const_fixups_.emplace_back(code_.words.size(), v & ~kConstFlag);
    code_.words.push_back(v & ~kConstFlag);
  }
  void label_word(LabelId l) {
    label_fixups_.emplace_back(code_.words.size(), l);
    code_.words.push_back(0);
  }

  uint64_t temp() {
    uint64_t t = temp_base_ + 16 * ntemps_++;
    if (ntemps_ > max_temps_) max_temps_ = ntemps_;
    return t;
  }
  uint64_t constant(const void* bytes, uint32_t size);
  uint64_t int_constant(uint64_t v) { return constant(&v, 8); }
  // Memory address words: base, index, scale, disp.
  void address_words(const Operand& o, uint64_t out[4], bool block_arg = false);
  uint64_t in(const Operand& o);
  uint64_t out(const Operand& o);
  void flush_stores();
  void emit_mem(MicroOp op, uint64_t value, const uint64_t m[4]) {
    emit(op);
    slot(value);
    slot(m[0]);
    slot(m[1]);
    word(m[2]);
    word(m[3]);
  }
  void move(const Operand& d, const Operand& s);
  void call(const Insn& in);
  bool is_setjmp_call(const Insn& in) const;
  bool may_call_setjmp(const Insn& in) const;
  void setjmp_call(const Insn& in, MicroOp op = MicroOp::Setjmp);
  void ret(const Insn& in);
  void insn(const Insn& in);

  Linker& lk_;
  Context& ctx_;
  Func& f_;
  Code& code_;
  const void* const* table_;
  std::vector<uint32_t> var_off_;
  uint64_t temp_base_ = 0;
  uint32_t ntemps_ = 0, max_temps_ = 0;
  std::vector<uint8_t> consts_;
  std::vector<Store> stores_;
  std::vector<std::pair<size_t, uint64_t>> const_fixups_;  // word position, constant offset
  std::vector<std::pair<size_t, LabelId>> label_fixups_;
  struct ConstArg {
    CallSite* site;
    uint32_t index;
    uint64_t slot;
  };
  std::vector<ConstArg> call_const_args_;
  std::vector<size_t> record_fixups_;  // words holding a setjmp record's index
  uint32_t nrecords_ = 0;
};

uint64_t Translator::constant(const void* bytes, uint32_t size) {
  // Constants are few per function; a linear search keeps equal values in one slot.
  uint32_t slot = size > 8 ? 16 : 8;
  for (size_t off = 0; off + slot <= consts_.size(); off += 8)
    if ((slot == 8 || off % 16 == 0) && memcmp(consts_.data() + off, bytes, size) == 0 &&
        (size == slot || std::all_of(consts_.begin() + off + size, consts_.begin() + off + slot,
                                     [](uint8_t b) { return b == 0; })))
      return kConstFlag | off;
  if (slot == 16) consts_.resize((consts_.size() + 15) & ~size_t(15));
  size_t off = consts_.size();
  consts_.resize(off + slot, 0);
  memcpy(consts_.data() + off, bytes, size);
  return kConstFlag | off;
}

void Translator::address_words(const Operand& o, uint64_t m[4], bool block_arg) {
  const MemRef& r = f_.mem_ref(o);
  m[0] = r.base == kNone ? kZeroSlot : in(Operand::var(r.base));
  m[1] = r.index == kNone ? kZeroSlot : in(Operand::var(r.index));
  m[2] = o.scale;  // any scale from 1 to 255 (c2m writes struct sizes)
  m[3] = block_arg ? 0 : static_cast<uint64_t>(r.disp);  // a block argument's "disp" is its size
}

uint64_t Translator::in(const Operand& o) {
  switch (o.kind) {
    case OperandKind::Var: {
      const Var& v = f_.var(o.a);
      if (!v.is_global) return var_off_[o.a];
      uint64_t t = temp();
      uint64_t m[4] = {kZeroSlot, kZeroSlot, 0, reinterpret_cast<uint64_t>(hard_reg_cell(ctx_.name(v.hard_reg)))};
      emit_mem(load_op(mem_type_of_var(v.type)), t, m);
      return t;
    }
    case OperandKind::Int: return int_constant(o.bits());
    case OperandKind::Float: {
      float v = o.float_value();
      return constant(&v, 4);
    }
    case OperandKind::Double: {
      double v = o.double_value();
      return constant(&v, 8);
    }
    case OperandKind::LDouble: {
      long double v = ctx_.ldouble(o.a);
      uint8_t bytes[16] = {0};
      memcpy(bytes, &v, 10);
      return constant(bytes, 16);
    }
    case OperandKind::Str: {
      std::string_view s = ctx_.string_literal(o.a);
      return int_constant(reinterpret_cast<uint64_t>(lk_.copy_string(s)));
    }
    case OperandKind::Item: return int_constant(reinterpret_cast<uint64_t>(lk_.item_address(o.a)));
    case OperandKind::Mem: {
      uint64_t m[4];
      address_words(o, m);
      uint64_t t = temp();
      emit_mem(load_op(o.type), t, m);
      return t;
    }
    case OperandKind::Label:
    case OperandKind::None: break;
  }
  return kZeroSlot;
}

uint64_t Translator::out(const Operand& o) {
  if (o.kind == OperandKind::Var && !f_.var(o.a).is_global) return var_off_[o.a];
  uint64_t t = temp();
  Store s;
  s.src = t;
  if (o.kind == OperandKind::Var) {
    const Var& v = f_.var(o.a);
    s.op = store_op(mem_type_of_var(v.type));
    s.m[0] = s.m[1] = kZeroSlot;
    s.m[2] = 0;
    s.m[3] = reinterpret_cast<uint64_t>(hard_reg_cell(ctx_.name(v.hard_reg)));
  } else {
    s.op = store_op(o.type);
    address_words(o, s.m);
  }
  stores_.push_back(s);
  return t;
}

void Translator::flush_stores() {
  for (const Store& s : stores_) emit_mem(s.op, s.src, s.m);
  stores_.clear();
}

void Translator::move(const Operand& d, const Operand& s) {
  bool d_plain = d.kind == OperandKind::Var && !f_.var(d.a).is_global;
  if (d_plain && s.kind == OperandKind::Mem) {  // a load straight into the variable
    uint64_t m[4];
    address_words(s, m);
    emit_mem(load_op(s.type), var_off_[d.a], m);
    return;
  }
  uint64_t src = in(s);
  if (d.kind == OperandKind::Mem) {  // a store straight from the source
    uint64_t m[4];
    address_words(d, m);
    emit_mem(store_op(d.type), src, m);
    return;
  }
  uint64_t dst = out(d);
  bool wide = (d.kind == OperandKind::Var && f_.var(d.a).type == Type::LD);
  emit(wide ? MicroOp::Mov128 : MicroOp::Mov64);
  slot(dst);
  slot(src);
  flush_stores();
}

// A direct call of an imported setjmp-family function (one not defined by an IR module), with
// the C signature: one or two scalar arguments, at most one result.
bool Translator::is_setjmp_call(const Insn& in) const {
  if (in.op != Op::Call && in.op != Op::Inline) return false;
  const Operand* ops = in.ops();
  if (ops[1].kind != OperandKind::Item) return false;
  const Item& callee = ctx_.item(ops[1].a);
  if (callee.kind != ItemKind::Import || !is_setjmp_name(ctx_.name(callee.name))) return false;
  if (lk_.func_state(ops[1].a)) return false;  // resolved to an IR function: an ordinary call
  const Signature& sig = *ctx_.item(definition_of(ctx_, ops[0].a)).proto;
  uint32_t nargs = in.nops - 2 - sig.nresults;
  if (sig.nresults > 1 || nargs < 1 || nargs > 2) return false;
  if (sig.nresults == 1 && class_of(sig.results[0]) != ValueClass::Int) return false;
  for (uint32_t i = 0; i < nargs; i++) {
    const Operand& a = ops[2 + sig.nresults + i];
    if (a.kind == OperandKind::Mem && is_blk_type(a.type)) return false;
  }
  return true;
}

// A call through a function pointer with setjmp's shape: one or two integer arguments, an int
// result (or none) going straight to a local variable. setjmp may be called that way (C
// takes its address like any function's), and then it must run as a direct call would.
bool Translator::may_call_setjmp(const Insn& in) const {
  if (in.op != Op::Call) return false;
  const Operand* ops = in.ops();
  if (ops[1].kind == OperandKind::Item) return false;
  const Signature& sig = *ctx_.item(definition_of(ctx_, ops[0].a)).proto;
  uint32_t nargs = in.nops - 2 - sig.nresults;
  if (sig.vararg || sig.nresults > 1 || nargs < 1 || nargs > 2 || sig.nparams != nargs) return false;
  if (sig.nresults == 1 && sig.results[0] != Type::I32 && sig.results[0] != Type::I64) return false;
  if (sig.nresults == 1 && (ops[2].kind != OperandKind::Var || f_.var(ops[2].a).is_global)) return false;
  for (uint32_t i = 0; i < nargs; i++)
    if (is_blk_type(sig.params[i].type) || class_of(sig.params[i].type) != ValueClass::Int) return false;
  return true;
}

// Setjmp d fn buf mask record advance: run.cpp calls fn(buf, mask) from the dispatch loop's
// frame, then moves `advance` words on. SetjmpIf does so only when fn is a setjmp; else the
// ordinary call after it runs (its advance skips that call).
void Translator::setjmp_call(const Insn& in, MicroOp op) {
  const Operand* ops = in.ops();
  const Signature& sig = *ctx_.item(definition_of(ctx_, ops[0].a)).proto;
  uint32_t nargs = in.nops - 2 - sig.nresults;
  uint64_t fn = this->in(ops[1]);
  uint64_t buf = this->in(ops[2 + sig.nresults]);
  uint64_t mask = nargs > 1 ? this->in(ops[3 + sig.nresults]) : kZeroSlot;
  uint64_t d = sig.nresults ? out(ops[2]) : temp();  // the result is written even when unused
  emit(op);
  slot(d);
  slot(fn);
  slot(buf);
  slot(mask);
  record_fixups_.push_back(code_.words.size());
  word(nrecords_++);
  word(7);
  if (op == MicroOp::SetjmpIf) return;  // the result is an int in a local: no extension, no store
  // The handler leaves the int result sign-extended; other result types get their extension.
  MicroOp ext = sig.nresults ? ext_op(sig.results[0]) : MicroOp::Count;
  if (ext != MicroOp::Count && ext != MicroOp::Ext32) {
    emit(ext);
    slot(d);
    slot(d);
  }
  flush_stores();
}

void Translator::call(const Insn& in) {
  if (is_setjmp_call(in)) {
    setjmp_call(in);
    return;
  }
  size_t setjmp_if = SIZE_MAX;
  if (may_call_setjmp(in)) {
    setjmp_if = code_.words.size();
    setjmp_call(in, MicroOp::SetjmpIf);
  }
  const Operand* ops = in.ops();
  ItemId proto_id = definition_of(ctx_, ops[0].a);
  const Signature& sig = *ctx_.item(proto_id).proto;
  auto cs = std::make_unique<CallSite>();
  cs->nres = sig.nresults;
  cs->nargs = in.nops - 2 - sig.nresults;
  cs->shape.results.assign(sig.results, sig.results + sig.nresults);
  cs->shape.vararg = sig.vararg;
  cs->shape.nfixed = sig.nparams;
  for (uint32_t i = 0; i < cs->nargs; i++) {
    const Operand& a = ops[2 + cs->nres + i];
    ArgShape shape{Type::I64, 0};
    uint64_t arg;
    if (a.kind == OperandKind::Mem && is_blk_type(a.type)) {
      shape = ArgShape{a.type, static_cast<uint32_t>(f_.mem_ref(a).disp)};
      uint64_t m[4];
      address_words(a, m, /*block_arg=*/true);
      arg = temp();
      emit_mem(MicroOp::Lea, arg, m);
    } else {
      if (i < sig.nparams) {
        shape.type = sig.params[i].type;
      } else {
        switch (a.kind == OperandKind::Var ? class_of(f_.var(a.a).type)
                : a.kind == OperandKind::Mem ? class_of(a.type)
                : a.kind == OperandKind::Double ? ValueClass::Double
                : a.kind == OperandKind::LDouble ? ValueClass::LDouble
                : a.kind == OperandKind::Float ? ValueClass::Float
                                               : ValueClass::Int) {
          case ValueClass::Float: shape.type = Type::F; break;
          case ValueClass::Double: shape.type = Type::D; break;
          case ValueClass::LDouble: shape.type = Type::LD; break;
          default: shape.type = Type::I64; break;
        }
      }
      arg = this->in(a);
    }
    cs->shape.args.push_back(shape);
    cs->args.push_back(static_cast<uint32_t>(arg & ~kConstFlag));  // constants patched at the end
    cs->arg_is_ld.push_back(shape.type == Type::LD);
    if (arg & kConstFlag) call_const_args_.push_back({cs.get(), i, arg & ~kConstFlag});
  }
  for (uint32_t k = 0; k < cs->nres; k++) cs->results.push_back(static_cast<uint32_t>(out(ops[2 + k])));
  const Operand& callee = ops[1];
  MicroOp op;
  uint64_t callee_slot = kZeroSlot;
  FuncState* target = callee.kind == OperandKind::Item ? lk_.func_state(callee.a) : nullptr;
  cs->glue = lk_.call_glue(cs->shape);  // also used when the callee stops being interpreted
  if (target && !target->shape.vararg && !sig.vararg && target->shape.args.size() == cs->nargs) {
    cs->callee = target;
    callee_slot = int_constant(reinterpret_cast<uint64_t>(target->thunk));
    op = in.op == Op::JCall ? MicroOp::JCall : MicroOp::CallInterp;
  } else {
    cs->callee = nullptr;
    callee_slot = this->in(callee);
    op = callee.kind == OperandKind::Item ? MicroOp::CallNative : MicroOp::CallIndirect;
    if (in.op == Op::JCall) op = MicroOp::CallIndirect;
  }
  emit(op);
  word(reinterpret_cast<uint64_t>(cs.get()));
  slot(callee_slot);
  code_.calls.push_back(std::move(cs));
  flush_stores();
  if (setjmp_if != SIZE_MAX) code_.words[setjmp_if + 6] = code_.words.size() - setjmp_if;
}

void Translator::ret(const Insn& in) {
  const Signature& sig = f_.sig();
  std::vector<uint64_t> slots;
  for (uint32_t k = 0; k < in.nops && k < sig.nresults; k++) {
    uint64_t s = this->in(in.ops()[k]);
    MicroOp ext = ext_op(sig.results[k]);
    if (ext != MicroOp::Count) {  // narrow results reach the caller extended
      uint64_t t = temp();
      emit(ext);
      slot(t);
      slot(s);
      s = t;
    }
    slots.push_back(s);
  }
  emit(MicroOp::Ret);
  word(slots.size());
  for (uint32_t k = 0; k < slots.size(); k++) {
    slot(slots[k]);
    word(sig.results[k] == Type::LD ? 16 : 8);
  }
}

void Translator::insn(const Insn& in) {
  const Operand* ops = in.ops();
  ntemps_ = 0;
  MicroOp direct = direct_op(in.op);
  if (direct != MicroOp::Count) {
    const OpInfo& info = op_info(in.op);
    if (op_has(in.op, kJump)) {
      uint64_t a = info.nfixed > 1 ? this->in(ops[1]) : 0;
      uint64_t b = info.nfixed > 2 ? this->in(ops[2]) : 0;
      emit(direct);
      label_word(ops[0].a);
      if (info.nfixed > 1) slot(a);
      if (info.nfixed > 2) slot(b);
      return;
    }
    uint64_t a = this->in(ops[1]);
    uint64_t b = info.nfixed > 2 ? this->in(ops[2]) : 0;
    uint64_t d = out(ops[0]);
    emit(direct);
    slot(d);
    slot(a);
    if (info.nfixed > 2) slot(b);
    flush_stores();
    return;
  }
  switch (in.op) {
    case Op::Mov:
    case Op::FMov:
    case Op::DMov:
    case Op::LDMov: move(ops[0], ops[1]); return;
    case Op::Addr:
    case Op::Addr8:
    case Op::Addr16:
    case Op::Addr32: {
      const Var& v = f_.var(ops[1].a);
      uint64_t d = out(ops[0]);
      if (v.is_global) {
        uint64_t c = int_constant(reinterpret_cast<uint64_t>(hard_reg_cell(ctx_.name(v.hard_reg))));
        emit(MicroOp::Mov64);
        slot(d);
        slot(c);
      } else {
        emit(MicroOp::AddrOf);  // little-endian: every view starts at the same byte
        slot(d);
        word(var_off_[ops[1].a]);
      }
      flush_stores();
      return;
    }
    case Op::Switch: {
      uint64_t a = this->in(ops[0]);
      emit(MicroOp::Switch);
      slot(a);
      word(in.nops - 1);
      for (uint32_t i = 1; i < in.nops; i++) label_word(ops[i].a);
      return;
    }
    case Op::LAddr: {
      uint64_t d = out(ops[0]);
      emit(MicroOp::LAddr);
      slot(d);
      label_word(ops[1].a);
      flush_stores();
      return;
    }
    case Op::JmpI: {
      uint64_t a = this->in(ops[0]);
      emit(MicroOp::JmpI);
      slot(a);
      return;
    }
    case Op::Call:
    case Op::Inline:
    case Op::JCall: call(in); return;
    case Op::Ret: ret(in); return;
    case Op::JRet: {
      uint64_t a = this->in(ops[0]);
      emit(MicroOp::JRet);
      slot(a);
      return;
    }
    case Op::Alloca: {
      uint64_t size = this->in(ops[1]);
      uint64_t d = out(ops[0]);
      emit(MicroOp::Alloca);
      slot(d);
      slot(size);
      flush_stores();
      return;
    }
    case Op::BStart: {
      uint64_t d = out(ops[0]);
      emit(MicroOp::BStart);
      slot(d);
      flush_stores();
      return;
    }
    case Op::BEnd: {
      uint64_t a = this->in(ops[0]);
      emit(MicroOp::BEnd);
      slot(a);
      return;
    }
    case Op::VaStart: {
      uint64_t a = ops[0].kind == OperandKind::Mem && ops[0].type == Type::Undef ? 0 : this->in(ops[0]);
      if (ops[0].kind == OperandKind::Mem && ops[0].type == Type::Undef) {
        uint64_t m[4];
        address_words(ops[0], m);
        a = temp();
        emit_mem(MicroOp::Lea, a, m);
      }
      emit(MicroOp::VaStart);
      slot(a);
      return;
    }
    case Op::VaEnd: return;  // nothing to release
    case Op::VaArg: {
      uint64_t va = this->in(ops[1]);
      uint64_t d = out(ops[0]);
      emit(MicroOp::VaArg);
      slot(d);
      slot(va);
      word(static_cast<uint64_t>(ops[2].type));
      flush_stores();
      return;
    }
    case Op::VaBlockArg: {
      uint64_t s[4];
      for (int k = 0; k < 4; k++) s[k] = this->in(ops[k]);
      emit(MicroOp::VaBlockArg);
      for (int k = 0; k < 4; k++) slot(s[k]);
      return;
    }
    case Op::Label: code_.label_words[ops[0].a] = code_.words.size(); return;
    case Op::PrSet: return;
    case Op::PrBeq:  // with no known properties the property is 0
    case Op::PrBne:
      if ((in.op == Op::PrBeq) == (ops[2].int_value() == 0)) {
        emit(MicroOp::Jmp);
        label_word(ops[0].a);
      }
      return;
    default: break;
  }
  kite_unreachable("opcode without a translation");
}

bool Translator::run(Diagnostics& diags) {
  (void)diags;
  const Signature& sig = f_.sig();
  // Frame: [0,16) zero slot, then variables, then temporaries, then constants.
  uint32_t off = 16;
  var_off_.resize(f_.num_vars(), 0);
  for (VarId v = 0; v < f_.num_vars(); v++) {
    const Var& var = f_.var(v);
    if (var.is_global) continue;
    if (var.type == Type::LD) off = (off + 15) & ~15u;
    var_off_[v] = off;
    off += var.type == Type::LD ? 16 : 8;
  }
  off = (off + 15) & ~15u;
  temp_base_ = off;
  // Temporaries needed by the busiest instruction: one per memory operand, global variable
  // or result, plus two (address bases of globals, extensions).
  uint32_t need = 2;
  for (InsnId id = f_.first(); id != kNone; id = f_.insn(id).next) {
    const Insn& in = f_.insn(id);
    uint32_t n = 2 + 2 * in.nops;
    for (uint32_t k = 0; k < in.nops; k++)
      if (in.ops()[k].kind == OperandKind::Mem) n += 2;  // the value and a global base/index
    if (in.op == Op::Call && may_call_setjmp(in)) n *= 2;  // SetjmpIf reads the operands too
    need = std::max(need, n);
  }
  uint32_t records_base = temp_base_ + 16 * need;
  uint32_t nsites = 0;  // setjmp records sit between the temporaries and the constants
  for (InsnId id = f_.first(); id != kNone; id = f_.insn(id).next)
    if (f_.insn(id).op == Op::Call || f_.insn(id).op == Op::Inline)
      nsites += is_setjmp_call(f_.insn(id)) || may_call_setjmp(f_.insn(id));
  if (nsites) lk_.resolve_setjmp_entries();
  uint32_t const_base = records_base + kSetjmpRecordSize * nsites;

  code_.label_words.assign(f_.num_labels(), 0);
  code_.param_offsets.clear();
  for (uint32_t p = 0; p < sig.nparams; p++) {
    code_.param_offsets.push_back(var_off_[p]);
    code_.param_is_ld.push_back(sig.params[p].type == Type::LD);
  }
  // Entry: narrow parameters are extended by the callee; block parameters get own copies.
  for (uint32_t p = 0; p < sig.nparams; p++) {
    Type t = sig.params[p].type;
    MicroOp ext = ext_op(t);
    if (ext != MicroOp::Count) {
      emit(ext);
      slot(var_off_[p]);
      slot(var_off_[p]);
    } else if (is_blk_type(t) && t != Type::RBlk) {
      emit(MicroOp::CopyBlock);
      slot(var_off_[p]);
      word(sig.params[p].size);
    }
  }
  for (InsnId id = f_.first(); id != kNone; id = f_.insn(id).next) insn(f_.insn(id));
  // Falling off the end (or a label before endfunc) returns zeros.
  {
    ntemps_ = 0;
    emit(MicroOp::Ret);
    word(sig.nresults);
    uint8_t zero[16] = {0};
    for (uint32_t k = 0; k < sig.nresults; k++) {
      slot(constant(zero, sig.results[k] == Type::LD ? 16 : 8));
      word(sig.results[k] == Type::LD ? 16 : 8);
    }
  }
  if (max_temps_ > need) kite_unreachable("temporary estimate too small");
  if (nrecords_ != nsites) kite_unreachable("setjmp site count changed during translation");
  for (size_t pos : record_fixups_) code_.words[pos] = records_base + kSetjmpRecordSize * code_.words[pos];
  // Patch constants and labels now that the layout is final.
  for (auto& [pos, off] : const_fixups_) code_.words[pos] = const_base + off;
  for (const ConstArg& c : call_const_args_) c.site->args[c.index] = static_cast<uint32_t>(const_base + c.slot);
  const uint64_t* base = code_.words.data();
  for (auto& [pos, l] : label_fixups_) code_.words[pos] = reinterpret_cast<uint64_t>(base + code_.label_words[l]);
  code_.frame_template.assign(const_base + consts_.size(), 0);
  code_.temps_begin = static_cast<uint32_t>(temp_base_);
  code_.temps_end = const_base;
  if (!consts_.empty()) memcpy(code_.frame_template.data() + const_base, consts_.data(), consts_.size());
  code_.frame_size = static_cast<uint32_t>((code_.frame_template.size() + 16 + 15) & ~size_t(15));
  return true;
}

}  // namespace

bool translate(Linker& lk, FuncState& fs, Code& code, Diagnostics& diags) {
  code.fs = &fs;
  code.linker = &lk;
  Translator t(lk, fs, code);
  return t.run(diags);
}

}  // namespace kite::interp

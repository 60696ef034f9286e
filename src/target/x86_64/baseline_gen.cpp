// The baseline x86-64 code generator: one pass over the IR, each instruction loading what it
// cannot use in place into temporaries, computing, and storing the result (long doubles go
// through the x87 stack). Temporaries are taken by role (machinize.h) from the caller-saved
// registers no live variable holds at that instruction; rax, rcx, r10, r11, xmm0 and xmm1
// are preferred, so -O0 code always uses those.
// -O0 keeps every variable in a frame slot below rbp. -O1 first allocates registers with
// linear scan over liveness intervals (codegen/linear_scan.h) across the whole register file
// but rsp and rbp, under the constraints and hints machinize computes; the rest stay in their
// slots. Both levels use register, immediate and memory operands directly where x86 can.
#include "baseline_gen.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "abi.h"
#include "analysis/cfg.h"
#include "analysis/liveness.h"
#include "assembler.h"
#include "codegen/frame_slots.h"
#include "codegen/linear_scan.h"
#include "jit/code_memory.h"
#include "kite/verify.h"
#include "machinize.h"
#include "registers.h"

namespace kite::x86_64 {

// Helpers called from generated code for the varargs ABI (see target.cpp).
extern "C" void kite_x86_64_va_start(void* va, const uint8_t* reg_save, const uint8_t* stack, const CallShape* fixed);
extern "C" void* kite_x86_64_va_arg(void* va, uint64_t type);
extern "C" void kite_x86_64_va_block_arg(void* dst, void* va, uint64_t size, uint64_t blk_case);

namespace {

Width width_of(Type t) {
  switch (t) {
    case Type::I8: case Type::U8: return Width::W8;
    case Type::I16: case Type::U16: return Width::W16;
    case Type::I32: case Type::U32: case Type::F: return Width::W32;
    default: return Width::W64;
  }
}
bool is_signed_type(Type t) { return t == Type::I8 || t == Type::I16 || t == Type::I32; }

// An operand usable as a 32-bit immediate of an instruction of that width (a 32-bit one
// uses only the low half).
bool imm32_of(const Operand& o, bool w64, int32_t* v) {
  if (o.kind != OperandKind::Int) return false;
  int64_t x = o.int_value();
  if (w64 && (x < INT32_MIN || x > INT32_MAX)) return false;
  *v = static_cast<int32_t>(x);
  return true;
}


// A register a `global` variable may live in without clashing with this generator's use of
// registers (scratch, arguments, frame).
bool global_reg(std::string_view name, Reg* gpr, Xmm* xmm, bool* is_xmm) {
  static constexpr std::pair<std::string_view, Reg> kGprs[] = {{"rbx", RBX}, {"r12", R12}, {"r13", R13},
                                                                {"r14", R14}, {"r15", R15}};
  for (auto& [n, r] : kGprs)
    if (name == n) {
      *gpr = r;
      *is_xmm = false;
      return true;
    }
  if (name.size() == 4 && name.substr(0, 3) == "xmm" && name[3] >= '8' && name[3] <= '9') {
    *xmm = static_cast<Xmm>(name[3] - '0');
    *is_xmm = true;
    return true;
  }
  if (name.size() == 5 && name.substr(0, 4) == "xmm1" && name[4] >= '0' && name[4] <= '5') {
    *xmm = static_cast<Xmm>(10 + name[4] - '0');
    *is_xmm = true;
    return true;
  }
  return false;
}

class Generator {
 public:
  Generator(const Func& f, const CallShape& shape, int opt_level, CompileEnv& env)
      : f_(f), ctx_(f.context()), shape_(shape), env_(env), opt_level_(opt_level), labels_(f.num_labels()) {}

  bool run(std::string* why, std::string* listing);
  const Assembler& assembler() const { return a_; }
  uint32_t label_offset(LabelId l) const { return static_cast<uint32_t>(labels_[l].pos < 0 ? 0 : labels_[l].pos); }

 private:
  struct VarHome {
    int32_t off;  // [rbp + off] when in memory
    bool unused;  // a parameter never read or written (-O1): not even stored
    bool global;  // a `global` hard-register variable
    bool in_reg;  // lives in gpr/xmm (globals, and variables promoted at -O1)
    bool is_xmm;
    Reg gpr;
    Xmm xmm;
  };

  bool fail(const char* msg) {
    if (why_->empty()) *why_ = msg;
    return false;
  }
  // Temporaries of the current instruction, by role (see machinize.h).
  void begin_insn(uint32_t index, const Insn& in);
  uint8_t take_temp(uint8_t role, uint8_t preferred, uint16_t* free, uint8_t* bound);
  Reg gpr_temp(int i, Reg preferred) {
    return static_cast<Reg>(take_temp(static_cast<uint8_t>(kT0 << i), preferred, &free_gpr_, &role_gpr_[i]));
  }
  Xmm xmm_temp(int i, Xmm preferred) {
    return static_cast<Xmm>(take_temp(static_cast<uint8_t>(kX0 << i), preferred, &free_xmm_, &role_xmm_[i]));
  }
  Reg T0() { return gpr_temp(0, RAX); }  // values
  Reg T1() { return gpr_temp(1, RCX); }
  Reg A0() { return gpr_temp(2, R10); }  // address parts, constants
  Reg A1() { return gpr_temp(3, R11); }
  Xmm X0() { return xmm_temp(0, XMM0); }
  Xmm X1() { return xmm_temp(1, XMM1); }
  Mem slot(VarId v) const { return Mem{RBP, homes_[v].off}; }
  Mem scratch(int32_t k = 0) const { return Mem{RBP, scratch_off_ + k}; }

  // Operand access. Addresses use r10/r11 only; values go to the register asked for.
  Mem address(const Operand& o, bool block_arg = false);
  void int_in(const Operand& o, Reg r);
  void int_out(const Operand& o, Reg r);
  void fp_in(const Operand& o, Xmm x, bool dbl);
  void fp_out(const Operand& o, Xmm x, bool dbl);
  void ld_in(const Operand& o);   // pushes onto the x87 stack
  void ld_out(const Operand& o);  // pops from the x87 stack
  void copy_bytes(Reg src, Mem dst, uint32_t size);  // via rax; src must not be rax

  bool insn(InsnId id);
  void int_binary(Op op, const Operand* ops);
  void fp_compare(Op op, const Operand* ops, Label* target);  // a value result goes to T0
  void ld_compare(Op op, const Operand* ops, Label* target);
  bool call(const Insn& in);
  void ret(const Insn& in);
  void prologue();
  void epilogue_zero();
  void allocate_registers();
  FrameSlots frame_slots_;  // -O1: variables that share frame slots (empty: none do)
  void restore_saved();  // callee-saved registers this function used, before leaving
  bool fast_int_binary(Op op, const Operand* ops);
  bool store_immediate(const Operand& dst, const Operand& src);
  // o read straight from memory by an instruction reading `type` (i64, f or d): a spilled
  // variable's slot, or a memory operand of that width. memory_of gives the address (a
  // memory operand's may take address temporaries, so take it right before the use).
  bool in_memory(const Operand& o, Type type) const {
    if (o.kind == OperandKind::Var)
      return !homes_[o.a].in_reg && f_.var(o.a).type == type;
    return o.kind == OperandKind::Mem && (o.type == type || (type == Type::I64 && o.type == Type::U64));
  }
  Mem memory_of(const Operand& o) { return o.kind == OperandKind::Var ? slot(o.a) : address(o); }
  bool reads_reg(const Operand& o, Reg r) const {  // o is, or its address uses, register r
    if (o.kind == OperandKind::Var) return reg_of(o) == r;
    if (o.kind != OperandKind::Mem) return false;
    const MemRef& m = f_.mem_ref(o);
    return (m.base != kNone && reg_of(Operand::var(m.base)) == r) || (m.index != kNone && reg_of(Operand::var(m.index)) == r);
  }
  bool fast_int_branch(Op op, const Operand* ops);
  static constexpr Xmm kNoXmm = static_cast<Xmm>(0xFF);
  Xmm xmm_of(const Operand& o) const {  // the register holding a float/double variable, or kNoXmm
    if (o.kind != OperandKind::Var) return kNoXmm;
    const VarHome& h = homes_[o.a];
    return h.in_reg && h.is_xmm ? h.xmm : kNoXmm;
  }
  Reg reg_of(const Operand& o) const {  // the register holding an integer variable, or kNoReg
    if (o.kind != OperandKind::Var) return kNoReg;
    const VarHome& h = homes_[o.a];
    return h.in_reg && !h.is_xmm ? h.gpr : kNoReg;
  }

  const Func& f_;
  const Context& ctx_;
  const CallShape& shape_;
  CompileEnv& env_;
  int opt_level_;
  Assembler a_;
  std::vector<std::pair<Reg, int32_t>> saved_;  // callee-saved register, its save slot
  std::vector<Label> labels_;
  std::vector<VarHome> homes_;
  int32_t scratch_off_ = 0;     // 32 bytes of scratch
  int32_t reg_save_off_ = 0;    // vararg functions: the register save area
  int32_t blk_scratch_off_ = 0;  // block arguments in registers: 16 bytes each
  std::vector<int32_t> param_blk_off_;
  uint32_t frame_size_ = 0;
  std::string* why_ = nullptr;
  struct Table {
    Label label;
    std::vector<LabelId> targets;
  };
  std::vector<std::unique_ptr<Table>> tables_;

  // Registers temporaries may come from: caller-saved ones outside any global's.
  uint16_t pool_gpr_ = 0, pool_xmm_ = 0;
  // Allocated variables by the instruction where they start and the one after they end, so
  // the registers they hold at each instruction are known while emitting.
  struct Span {
    uint32_t insn;
    uint8_t cls, reg;
  };
  std::vector<Span> starts_, ends_;
  size_t next_start_ = 0, next_end_ = 0;
  uint8_t held_[2][16] = {};
  // The current instruction: its register needs, free registers, temporaries taken.
  std::vector<InsnRegs> insn_regs_;  // from machinize (-O1)
  InsnRegs cur_;
  uint16_t free_gpr_ = 0, free_xmm_ = 0;
  uint8_t used_roles_ = 0;
  uint8_t role_gpr_[4];  // the register bound to each role, once taken
  uint8_t role_xmm_[2];
  bool temp_error_ = false;
};

void Generator::begin_insn(uint32_t index, const Insn& in) {
  for (; next_start_ < starts_.size() && starts_[next_start_].insn <= index; next_start_++)
    held_[starts_[next_start_].cls][starts_[next_start_].reg]++;
  for (; next_end_ < ends_.size() && ends_[next_end_].insn <= index; next_end_++)
    held_[ends_[next_end_].cls][ends_[next_end_].reg]--;
  cur_ = index < insn_regs_.size() ? insn_regs_[index] : insn_regs(f_, in);
  free_gpr_ = static_cast<uint16_t>(pool_gpr_ & ~cur_.fixed_gpr);
  free_xmm_ = static_cast<uint16_t>(pool_xmm_ & ~cur_.fixed_xmm);
  for (int r = 0; r < 16; r++) {
    if (held_[0][r]) free_gpr_ &= static_cast<uint16_t>(~(1u << r));
    if (held_[1][r]) free_xmm_ &= static_cast<uint16_t>(~(1u << r));
  }
  used_roles_ = 0;

}

// The preferred register when free, else the first free one. Calls name their registers
// (every caller-saved one is theirs), so there the preferred register is the temporary.
uint8_t Generator::take_temp(uint8_t role, uint8_t preferred, uint16_t* free, uint8_t* bound) {
  if (used_roles_ & role) return *bound;
  used_roles_ |= role;
  if (!(cur_.roles & role) && !cur_.calls) temp_error_ = true;
  uint8_t r = preferred;
  if (!cur_.calls && !(*free & (1u << preferred))) {
    if (!*free) {
      temp_error_ = true;
      return *bound = preferred;
    }
    r = static_cast<uint8_t>(__builtin_ctz(*free));
  }
  *free &= static_cast<uint16_t>(~(1u << r));
  return *bound = r;
}

Mem Generator::address(const Operand& o, bool block_arg) {
  const MemRef& m = f_.mem_ref(o);
  int64_t disp = block_arg ? 0 : m.disp;
  bool have_base = m.base != kNone, have_index = m.index != kNone;
  Reg base = kNoReg, index = kNoReg;
  if (have_base) {
    base = reg_of(Operand::var(m.base));
    if (base == kNoReg) {
      base = A0();
      int_in(Operand::var(m.base), base);
    }
  }
  if (have_index) {
    index = reg_of(Operand::var(m.index));
    if (index == kNoReg) {
      index = A1();
      int_in(Operand::var(m.index), index);
    }
  }
  uint8_t scale = o.scale;
  if (have_index && scale != 1 && scale != 2 && scale != 4 && scale != 8) {
    // x86-64 encodes only 1, 2, 4 and 8: scale the index into its address temporary first.
    Reg t = A1();
    a_.imul_imm(t, index, scale);
    index = t;
    scale = 1;
  }
  bool fits = disp >= INT32_MIN && disp <= INT32_MAX;
  if (!have_base && !have_index) {
    Reg t = A0();
    a_.mov_imm64(t, static_cast<uint64_t>(disp));
    return Mem{t, 0};
  }
  if (!fits) {  // fold base + index*scale first, then the wide displacement (lea keeps flags)
    Reg t = A0();
    if (have_index)
      a_.lea(t, have_base ? Mem{base, 0, index, scale} : Mem{kNoReg, 0, index, scale});
    else
      a_.mov(t, base);
    Reg u = A1();
    a_.mov_imm64(u, static_cast<uint64_t>(disp));
    a_.lea(t, Mem{t, 0, u, 1});
    return Mem{t, 0};
  }
  if (!have_base) return Mem{kNoReg, static_cast<int32_t>(disp), index, scale};
  if (!have_index) return Mem{base, static_cast<int32_t>(disp)};
  return Mem{base, static_cast<int32_t>(disp), index, scale};
}

void Generator::int_in(const Operand& o, Reg r) {
  switch (o.kind) {
    case OperandKind::Var: {
      const VarHome& h = homes_[o.a];
      if (h.in_reg) {
        if (h.is_xmm)
          a_.movq_from_xmm(r, h.xmm);
        else if (h.gpr != r)
          a_.mov(r, h.gpr);
      } else {
        a_.mov(r, slot(o.a));
      }
      return;
    }
    case OperandKind::Int: a_.mov_imm64(r, o.bits()); return;
    case OperandKind::Str:
      a_.mov_imm64(r, reinterpret_cast<uint64_t>(env_.string_address(ctx_.string_literal(o.a))));
      return;
    case OperandKind::Item: a_.mov_imm64(r, reinterpret_cast<uint64_t>(env_.item_address(o.a))); return;
    case OperandKind::Mem: {
      Mem m = address(o);
      a_.load_ext(r, m, width_of(o.type), is_signed_type(o.type));
      return;
    }
    case OperandKind::Float: a_.mov_imm64(r, o.a); return;
    case OperandKind::Double: a_.mov_imm64(r, o.bits()); return;
    case OperandKind::LDouble:
    case OperandKind::Label:
    case OperandKind::None: a_.mov_imm64(r, 0); return;
  }
}

void Generator::int_out(const Operand& o, Reg r) {
  if (o.kind == OperandKind::Var) {
    const VarHome& h = homes_[o.a];
    if (h.in_reg) {
      if (h.is_xmm)
        a_.movq_to_xmm(h.xmm, r);
      else if (h.gpr != r)
        a_.mov(h.gpr, r);
    } else {
      a_.mov(slot(o.a), r);
    }
    return;
  }
  Mem m = address(o);
  a_.store(m, r, width_of(o.type));
}

void Generator::fp_in(const Operand& o, Xmm x, bool dbl) {
  switch (o.kind) {
    case OperandKind::Var: {
      const VarHome& h = homes_[o.a];
      if (h.in_reg) {
        if (h.xmm != x) a_.sse(0, 0x28, x, h.xmm);  // movaps
        return;
      }
      dbl ? a_.movsd(x, slot(o.a)) : a_.movss(x, slot(o.a));
      return;
    }
    case OperandKind::Float:
    case OperandKind::Double: {
      Reg t = A1();
      a_.mov_imm64(t, o.kind == OperandKind::Float ? o.a : o.bits());
      a_.movq_to_xmm(x, t);
      return;
    }
    case OperandKind::Mem: {
      Mem m = address(o);
      dbl ? a_.movsd(x, m) : a_.movss(x, m);
      return;
    }
    default: return;
  }
}

void Generator::fp_out(const Operand& o, Xmm x, bool dbl) {
  if (o.kind == OperandKind::Var) {
    const VarHome& h = homes_[o.a];
    if (h.in_reg) {
      if (h.xmm != x) a_.sse(0, 0x28, h.xmm, x);
      return;
    }
    dbl ? a_.movsd(slot(o.a), x) : a_.movss(slot(o.a), x);
    return;
  }
  Mem m = address(o);
  dbl ? a_.movsd(m, x) : a_.movss(m, x);
}

void Generator::ld_in(const Operand& o) {
  switch (o.kind) {
    case OperandKind::Var: a_.fld80(slot(o.a)); return;
    case OperandKind::LDouble: {
      long double v = ctx_.ldouble(o.a);
      uint64_t w[2] = {0, 0};
      memcpy(w, &v, 10);
      Reg t = A1();
      a_.mov_imm64(t, w[0]);
      a_.mov(scratch(16), t);
      a_.mov_imm64(t, w[1]);
      a_.mov(scratch(24), t);
      a_.fld80(scratch(16));
      return;
    }
    case OperandKind::Mem: a_.fld80(address(o)); return;
    default: return;
  }
}

void Generator::ld_out(const Operand& o) {
  if (o.kind == OperandKind::Var) {
    a_.fstp80(slot(o.a));
    return;
  }
  a_.fstp80(address(o));
}

void Generator::copy_bytes(Reg src, Mem dst, uint32_t size) {
  uint32_t k = 0;
  for (; k + 8 <= size; k += 8) {
    a_.mov(RAX, Mem{src, static_cast<int32_t>(k)});
    a_.mov(Mem{dst.base, dst.disp + static_cast<int32_t>(k), dst.index, dst.scale}, RAX);
  }
  for (; k < size; k++) {
    a_.mov8(RAX, Mem{src, static_cast<int32_t>(k)});
    a_.mov8(Mem{dst.base, dst.disp + static_cast<int32_t>(k), dst.index, dst.scale}, RAX);
  }
}

Cond int_cond(Op op) {
  switch (op) {
    case Op::Eq: case Op::EqS: case Op::Beq: case Op::BeqS: return E;
    case Op::Ne: case Op::NeS: case Op::Bne: case Op::BneS: return NE;
    case Op::Lt: case Op::LtS: case Op::Blt: case Op::BltS: return L;
    case Op::Le: case Op::LeS: case Op::Ble: case Op::BleS: return LE;
    case Op::Gt: case Op::GtS: case Op::Bgt: case Op::BgtS: return G;
    case Op::Ge: case Op::GeS: case Op::Bge: case Op::BgeS: return GE;
    case Op::ULt: case Op::ULtS: case Op::UBlt: case Op::UBltS: return B;
    case Op::ULe: case Op::ULeS: case Op::UBle: case Op::UBleS: return BE;
    case Op::UGt: case Op::UGtS: case Op::UBgt: case Op::UBgtS: return A;
    case Op::UGe: case Op::UGeS: case Op::UBge: case Op::UBgeS: return AE;
    default: return E;
  }
}

// Floating comparison kinds, shared by f/d/ld and by value and branch forms.
enum class FCmp { Eq, Ne, Lt, Le, Gt, Ge };
FCmp fcmp_of(Op op) {
  switch (op) {
    case Op::FEq: case Op::DEq: case Op::LDEq: case Op::FBeq: case Op::DBeq: case Op::LDBeq: return FCmp::Eq;
    case Op::FNe: case Op::DNe: case Op::LDNe: case Op::FBne: case Op::DBne: case Op::LDBne: return FCmp::Ne;
    case Op::FLt: case Op::DLt: case Op::LDLt: case Op::FBlt: case Op::DBlt: case Op::LDBlt: return FCmp::Lt;
    case Op::FLe: case Op::DLe: case Op::LDLe: case Op::FBle: case Op::DBle: case Op::LDBle: return FCmp::Le;
    case Op::FGt: case Op::DGt: case Op::LDGt: case Op::FBgt: case Op::DBgt: case Op::LDBgt: return FCmp::Gt;
    default: return FCmp::Ge;
  }
}

}  // namespace

// After a ucomis/fucomip of (x, y) flags describe x versus y; lt/le compare (y, x) so that
// "above" means the wanted order and unordered (CF=ZF=PF=1) reads false.
// A value result goes to v (w is a second temporary); a branch needs neither.
static void flags_to_result(Assembler& a, FCmp c, Label* target, Reg v, Reg w) {
  switch (c) {
    case FCmp::Eq:
      if (target) {
        Label skip;
        a.jcc(P, skip);
        a.jcc(E, *target);
        a.bind(skip);
      } else {
        a.setcc(E, v);
        a.setcc(NP, w);
        a.alu(Alu::And, v, w, false);
        a.extend(v, v, Width::W8, false);
      }
      return;
    case FCmp::Ne:
      if (target) {
        a.jcc(P, *target);
        a.jcc(NE, *target);
      } else {
        a.setcc(NE, v);
        a.setcc(P, w);
        a.alu(Alu::Or, v, w, false);
        a.extend(v, v, Width::W8, false);
      }
      return;
    case FCmp::Lt:
    case FCmp::Gt:
      if (target)
        a.jcc(A, *target);
      else {
        a.setcc(A, v);
        a.extend(v, v, Width::W8, false);
      }
      return;
    case FCmp::Le:
    case FCmp::Ge:
      if (target)
        a.jcc(AE, *target);
      else {
        a.setcc(AE, v);
        a.extend(v, v, Width::W8, false);
      }
      return;
  }
}

void Generator::fp_compare(Op op, const Operand* ops, Label* target) {
  bool dbl = op_info(op).roles[1] == OperandRole::InDouble;
  FCmp c = fcmp_of(op);
  bool swap = c == FCmp::Lt || c == FCmp::Le;
  // x is compared with y: operands in registers are used where they are.
  const Operand& first = swap ? ops[2] : ops[1];
  const Operand& second = swap ? ops[1] : ops[2];
  Xmm x = xmm_of(first), y = xmm_of(second);
  if (x == kNoXmm) fp_in(first, x = X0(), dbl);
  if (y == kNoXmm && in_memory(second, dbl ? Type::D : Type::F))
    a_.sse(dbl ? 0x66 : 0, 0x2E, x, memory_of(second));  // ucomisd / ucomiss
  else {
    if (y == kNoXmm) fp_in(second, y = X1(), dbl);
    a_.sse(dbl ? 0x66 : 0, 0x2E, x, y);
  }
  if (target)
    flags_to_result(a_, c, target, kNoReg, kNoReg);
  else
    flags_to_result(a_, c, nullptr, T0(), T1());
}

void Generator::ld_compare(Op op, const Operand* ops, Label* target) {
  FCmp c = fcmp_of(op);
  bool swap = c == FCmp::Lt || c == FCmp::Le;
  // st0 = x, st1 = y, then fucomip compares x with y and pops x; fstp pops y.
  ld_in(swap ? ops[1] : ops[2]);
  ld_in(swap ? ops[2] : ops[1]);
  a_.raw({0xDF, 0xE9}, "fucomip st(1)");
  a_.raw({0xDD, 0xD8}, "fstp st(0)");
  if (target)
    flags_to_result(a_, c, target, kNoReg, kNoReg);
  else
    flags_to_result(a_, c, nullptr, T0(), T1());
}

void Generator::int_binary(Op op, const Operand* ops) {
  if (fast_int_binary(op, ops)) return;
  bool s = op_has(op, kShort);
  // Division and unsigned multiplication work in rax:rdx and shifts count in cl; everything
  // else uses temporaries.
  bool in_rax = op == Op::Div || op == Op::DivS || op == Op::Mod || op == Op::ModS || op == Op::UDiv ||
                op == Op::UDivS || op == Op::UMod || op == Op::UModS || op == Op::UMulO || op == Op::UMulOS;
  bool shift = op == Op::Lsh || op == Op::LshS || op == Op::Rsh || op == Op::RshS || op == Op::URsh ||
               op == Op::URshS;
  // A constant second operand is an immediate where x86 takes one (not for division).
  int32_t imm = 0;
  const bool b_imm = !in_rax && imm32_of(ops[2], !s, &imm);
  // The result is computed in the destination's register when it has one that the second
  // operand does not read (and that is not the shift count's).
  Reg v = in_rax ? RAX : kNoReg;
  if (Reg d = reg_of(ops[0]); v == kNoReg && d != kNoReg && !(shift && d == RCX) && !reads_reg(ops[2], d)) v = d;
  if (v == kNoReg) v = T0();
  // ... or from memory (a spilled variable or a 64-bit memory operand) for 64-bit arithmetic
  const bool b_mem = !b_imm && !in_rax && !shift && !s && in_memory(ops[2], Type::I64) && !reads_reg(ops[2], v);
  const Reg w = b_imm || b_mem ? kNoReg : shift ? RCX : T1();
  int_in(ops[1], v);
  if (!b_imm && !b_mem) int_in(ops[2], w);
  auto sext = [&] {
    if (s) a_.extend(v, v, Width::W32, true);
  };
  auto alu = [&](Alu k) {
    b_imm ? a_.alu_imm(k, v, imm, !s) : b_mem ? a_.alu(k, v, memory_of(ops[2])) : a_.alu(k, v, w, !s);
  };
  auto shift_by = [&](Shift k) {  // the machine masks the count either way
    b_imm ? a_.shift_imm(k, v, static_cast<uint8_t>(imm & (s ? 31 : 63)), !s) : a_.shift_cl(k, v, !s);
  };
  switch (op) {
    case Op::Add: case Op::AddS: case Op::AddO: case Op::AddOS: alu(Alu::Add); sext(); break;
    case Op::Sub: case Op::SubS: case Op::SubO: case Op::SubOS: alu(Alu::Sub); sext(); break;
    case Op::And: case Op::AndS: alu(Alu::And); sext(); break;
    case Op::Or: case Op::OrS: alu(Alu::Or); sext(); break;
    case Op::Xor: case Op::XorS: alu(Alu::Xor); sext(); break;
    case Op::Mul: case Op::MulS: case Op::MulO: case Op::MulOS:
      b_imm ? a_.imul_imm(v, v, imm, !s) : b_mem ? a_.imul(v, memory_of(ops[2])) : a_.imul(v, w, !s);
      sext();
      break;
    case Op::UMulO: case Op::UMulOS: a_.unary(Unary::Mul, w, !s); sext(); break;
    case Op::Div: case Op::DivS:
      s ? a_.cdq() : a_.cqo();
      a_.unary(Unary::IDiv, w, !s);
      sext();
      break;
    case Op::Mod: case Op::ModS:
      s ? a_.cdq() : a_.cqo();
      a_.unary(Unary::IDiv, w, !s);
      s ? a_.extend(v, RDX, Width::W32, true) : a_.mov(v, RDX);
      break;
    case Op::UDiv: case Op::UDivS:
      a_.alu(Alu::Xor, RDX, RDX, false);
      a_.unary(Unary::Div, w, !s);  // 32-bit forms zero-extend their result
      break;
    case Op::UMod: case Op::UModS:
      a_.alu(Alu::Xor, RDX, RDX, false);
      a_.unary(Unary::Div, w, !s);
      s ? a_.mov32(v, RDX) : a_.mov(v, RDX);
      break;
    case Op::Lsh: case Op::LshS: shift_by(Shift::Shl); sext(); break;
    case Op::Rsh: case Op::RshS: shift_by(Shift::Sar); sext(); break;
    case Op::URsh: case Op::URshS: shift_by(Shift::Shr); break;  // zero-extended
    default:  // integer comparisons
      alu(Alu::Cmp);
      a_.setcc(int_cond(op), v);
      a_.extend(v, v, Width::W8, false);
      break;
  }
  int_out(ops[0], v);
}

namespace {

// Times the generator's stages when the environment asks (--time-passes).
class StageClock {
 public:
  explicit StageClock(CompileEnv& env) : env_(env), on_(env.want_timings()) {
    if (on_) last_ = std::chrono::steady_clock::now();
  }
  void lap(const char* stage) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    env_.add_timing(stage, static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_).count()));
    last_ = now;
  }

 private:
  CompileEnv& env_;
  bool on_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

void Generator::allocate_registers() {
  // Registers taken by hard-register globals are not available, not even as temporaries.
  uint16_t global_gpr = 0, global_xmm = 0;
  for (const VarHome& h : homes_)
    if (h.global) (h.is_xmm ? global_xmm : global_gpr) |= static_cast<uint16_t>(1u << (h.is_xmm ? unsigned(h.xmm) : unsigned(h.gpr)));
  RegisterClass regs[2];
  const uint16_t taken[2] = {global_gpr, global_xmm};
  register_file(taken, regs);
  for (uint8_t r : regs[0].caller_saved) pool_gpr_ |= static_cast<uint16_t>(1u << r);
  for (uint8_t r : regs[1].caller_saved) pool_xmm_ |= static_cast<uint16_t>(1u << r);
  // Frame slots may be shared by 8-byte locals (not parameters, globals or long doubles),
  // unless a setjmp can return into the function after a slot was reused.
  const bool share_slots = !calls_returns_twice(f_);
  std::vector<uint8_t> slot_sharers;
  if (share_slots) {
    slot_sharers.assign(f_.num_vars(), 0);
    for (VarId v = f_.sig().nparams; v < f_.num_vars(); v++)
      slot_sharers[v] = !homes_[v].global && f_.var(v).type != Type::LD;
  }
  if (opt_level_ < 1) {
    if (share_slots) frame_slots_ = share_block_local_slots(f_, slot_sharers);
    return;
  }

  StageClock clock(env_);
  Cfg cfg = build_cfg(f_);
  clock.lap("cfg");
  if (!liveness_affordable(cfg, f_.num_vars())) {  // too big: every variable in memory
    if (share_slots) frame_slots_ = share_block_local_slots(f_, slot_sharers);
    return;
  }
  Liveness lv = compute_liveness(f_, cfg);
  clock.lap("liveness");
  std::vector<int8_t> classes(f_.num_vars(), -1);
  for (VarId v = 0; v < f_.num_vars(); v++) {
    const Var& var = f_.var(v);
    if (homes_[v].in_reg || var.type == Type::LD) continue;  // globals; long doubles live on x87
    classes[v] = var.type == Type::I64 ? 0 : 1;
  }
  const uint16_t pools[2] = {pool_gpr_, pool_xmm_};
  MachineConstraints mc = machinize(f_, cfg, pools);
  clock.lap("machinize");
  if (env_.want_dump("machinize")) {
    std::string text;
    describe(f_, cfg, mc, text);
    env_.add_dump(text);
  }
  regs[0].reserve = mc.reserve[0];
  regs[1].reserve = mc.reserve[1];
  Allocation alloc = linear_scan(lv, classes, regs, mc.clobbers, &mc.hints);
  if (share_slots) frame_slots_ = share_frame_slots(lv, slot_sharers);
  for (VarId p = 0; p < f_.sig().nparams && p < f_.num_vars(); p++)
    homes_[p].unused = lv.intervals[p].empty() && !lv.address_taken[p] && !homes_[p].global;
  clock.lap("linear-scan");
  insn_regs_ = std::move(mc.insns);
  bool saved[16] = {};
  starts_.reserve(f_.num_vars());
  ends_.reserve(f_.num_vars());
  for (VarId v = 0; v < f_.num_vars(); v++) {
    if (alloc.reg[v] == Allocation::kSpilled) continue;
    VarHome& h = homes_[v];
    h.in_reg = true;
    h.is_xmm = classes[v] == 1;
    const Interval& iv = lv.intervals[v];
    uint8_t cls = h.is_xmm ? 1 : 0, reg = static_cast<uint8_t>(alloc.reg[v]);
    starts_.push_back(Span{iv.start / 2, cls, reg});
    ends_.push_back(Span{iv.end / 2 + 1, cls, reg});
    if (h.is_xmm) {
      h.xmm = static_cast<Xmm>(alloc.reg[v]);
    } else {
      h.gpr = static_cast<Reg>(alloc.reg[v]);
      if ((h.gpr == RBX || h.gpr >= R12) && !saved[h.gpr]) {
        saved[h.gpr] = true;
        saved_.emplace_back(h.gpr, 0);
      }
    }
  }
  if (env_.want_dump("linear-scan")) {
    std::string text = "# after linear-scan: " + std::string(ctx_.name(f_.name())) + "\n";
    for (VarId v = 0; v < f_.num_vars(); v++) {
      if (classes[v] < 0 || lv.intervals[v].empty()) continue;
      const VarHome& h = homes_[v];
      text += "  " + std::string(ctx_.name(f_.var(v).name)) + ": " +
              (!h.in_reg ? std::string("spilled") : h.is_xmm ? "xmm" + std::to_string(h.xmm) : gpr_name(h.gpr)) + "\n";
    }
    env_.add_dump(text);
  }
  auto by_insn = [](const Span& x, const Span& y) { return x.insn < y.insn; };
  std::sort(starts_.begin(), starts_.end(), by_insn);
  std::sort(ends_.begin(), ends_.end(), by_insn);
}

// mov [mem], constant without a register: integer (and float/double bit patterns) constants
// that the store's width can take as an immediate.
bool Generator::store_immediate(const Operand& dst, const Operand& src) {
  if (dst.kind != OperandKind::Mem) return false;
  int64_t v;
  if (src.kind == OperandKind::Int || src.kind == OperandKind::Double)
    v = static_cast<int64_t>(src.bits());
  else if (src.kind == OperandKind::Float)
    v = static_cast<int32_t>(src.a);
  else
    return false;
  Width w = width_of(dst.type);
  if (w == Width::W64 && (v < INT32_MIN || v > INT32_MAX)) return false;
  a_.store_imm(address(dst), static_cast<int32_t>(v), w);  // narrower stores keep the low bytes
  return true;
}

bool Generator::fast_int_binary(Op op, const Operand* ops) {
  if (opt_level_ < 1) return false;
  Reg d = reg_of(ops[0]);
  if (d == kNoReg) return false;
  Alu alu;
  bool is_mul = false;
  switch (op) {
    case Op::Add: alu = Alu::Add; break;
    case Op::Sub: alu = Alu::Sub; break;
    case Op::And: alu = Alu::And; break;
    case Op::Or: alu = Alu::Or; break;
    case Op::Xor: alu = Alu::Xor; break;
    case Op::Mul: is_mul = true; alu = Alu::Add; break;
    default: return false;
  }
  const Operand* a = &ops[1];
  const Operand* b = &ops[2];
  if (reg_of(*b) == d) {
    if (op == Op::Sub) return false;
    std::swap(a, b);  // commutative: d op= a
  }
  Reg rb = reg_of(*b);
  int32_t imm = 0;
  bool b_imm = imm32_of(*b, true, &imm);
  if (is_mul && b_imm) {  // three-operand form: d = a * imm straight from a's register
    Reg ra = reg_of(*a);
    if (ra == kNoReg) int_in(*a, ra = d);
    a_.imul_imm(d, ra, imm);
    return true;
  }
  // b from memory as the instruction's operand, unless its address uses d (changed first)
  bool b_mem = rb == kNoReg && !b_imm && in_memory(*b, Type::I64) && !reads_reg(*b, d);
  if (rb == kNoReg && !b_imm && !b_mem) {
    rb = T1();
    int_in(*b, rb);  // before d changes: b's address may use d
  }
  if (reg_of(*a) != d) int_in(*a, d);
  if (is_mul)
    b_mem ? a_.imul(d, memory_of(*b)) : a_.imul(d, rb);
  else if (b_imm)
    a_.alu_imm(alu, d, imm);
  else
    b_mem ? a_.alu(alu, d, memory_of(*b)) : a_.alu(alu, d, rb);
  return true;
}

bool Generator::fast_int_branch(Op op, const Operand* ops) {
  if (opt_level_ < 1) return false;
  Reg ra = reg_of(ops[1]);
  if (ra == kNoReg) return false;
  bool w64 = !op_has(op, kShort);
  const Operand& b = ops[2];
  Reg rb = reg_of(b);
  if (rb != kNoReg) {
    a_.alu(Alu::Cmp, ra, rb, w64);
  } else if (b.kind == OperandKind::Int && b.int_value() >= INT32_MIN && b.int_value() <= INT32_MAX) {
    a_.alu_imm(Alu::Cmp, ra, static_cast<int32_t>(b.int_value()), w64);
  } else if (w64 && in_memory(b, Type::I64)) {
    a_.alu(Alu::Cmp, ra, memory_of(b));
  } else {
    Reg t = T1();
    int_in(b, t);
    a_.alu(Alu::Cmp, ra, t, w64);
  }
  a_.jcc(int_cond(op), labels_[ops[0].a]);
  return true;
}

bool Generator::call(const Insn& in) {
  const Operand* ops = in.ops();
  ItemId proto_id = definition_of(ctx_, ops[0].a);
  if (proto_id == kNone) return fail("call through an unknown prototype");
  const Signature& sig = *ctx_.item(proto_id).proto;
  uint32_t nres = sig.nresults, nargs = in.nops - 2 - nres;
  std::vector<ArgShape> args;
  for (uint32_t i = 0; i < nargs; i++) {
    const Operand& o = ops[2 + nres + i];
    if (o.kind == OperandKind::Mem && is_blk_type(o.type)) {
      args.push_back(ArgShape{o.type, static_cast<uint32_t>(f_.mem_ref(o).disp)});
      continue;
    }
    Type t = Type::I64;
    if (i < sig.nparams) {
      t = sig.params[i].type;
    } else {
      ValueClass c = o.kind == OperandKind::Var ? class_of(f_.var(o.a).type)
                     : o.kind == OperandKind::Mem ? class_of(o.type)
                     : o.kind == OperandKind::Double ? ValueClass::Double
                     : o.kind == OperandKind::LDouble ? ValueClass::LDouble
                     : o.kind == OperandKind::Float ? ValueClass::Float
                                                    : ValueClass::Int;
      t = c == ValueClass::Double ? Type::D : c == ValueClass::LDouble ? Type::LD : c == ValueClass::Float ? Type::F : Type::I64;
    }
    args.push_back(ArgShape{t, 0});
  }
  ArgLayout layout = classify_args(args, args.size());
  // Values read here may live in caller-saved registers (the allocator keeps only values live
  // across the call out of them). The sequence writes its temporaries (rax, r10, r11; rsi
  // when copying blocks, xmm0 for floating-point stack arguments) and the argument registers.
  // An argument value in a temporary goes to its frame slot first and is read from there, as
  // does an address part or a callee in any register the sequence writes; arguments moving
  // between argument registers are a parallel move (step 2).
  uint16_t temps_gpr = (1u << RAX) | (1u << R10) | (1u << R11), temps_xmm = 0;
  for (uint32_t i = 0; i < nargs; i++) {
    const ArgLoc& l = layout.locs[i];
    Type t = args[i].type;
    if (l.kind == ArgLocKind::Regs || (l.kind == ArgLocKind::Stack && is_blk_type(t) && t != Type::RBlk))
      temps_gpr |= 1u << RSI;
    if (l.kind == ArgLocKind::Stack && (t == Type::F || t == Type::D)) temps_xmm |= 1u << XMM0;
  }
  uint16_t written_gpr = temps_gpr, written_xmm = temps_xmm;
  for (uint32_t i = 0; i < nargs; i++) {
    const ArgLoc& l = layout.locs[i];
    if (l.kind == ArgLocKind::IntReg) written_gpr |= static_cast<uint16_t>(1u << kIntArgRegs[l.reg]);
    if (l.kind == ArgLocKind::SseReg) written_xmm |= static_cast<uint16_t>(1u << l.reg);
    for (int k = 0; l.kind == ArgLocKind::Regs && k < l.nregs; k++)
      l.cls[k] == EightbyteClass::Int ? written_gpr |= static_cast<uint16_t>(1u << kIntArgRegs[l.regs[k]])
                                      : written_xmm |= static_cast<uint16_t>(1u << l.regs[k]);
  }
  std::vector<VarId> moved_out;
  auto protect = [&](VarId v, bool as_value) {
    VarHome& h = homes_[v];
    if (!h.in_reg || h.global) return;
    uint8_t r = h.is_xmm ? static_cast<uint8_t>(h.xmm) : static_cast<uint8_t>(h.gpr);
    uint16_t at_risk = as_value ? (h.is_xmm ? temps_xmm : temps_gpr) : (h.is_xmm ? written_xmm : written_gpr);
    if (!(at_risk & (1u << r))) return;
    if (h.is_xmm)
      a_.movsd(slot(v), h.xmm);  // the whole low eightbyte: right for floats too
    else
      a_.mov(slot(v), h.gpr);
    h.in_reg = false;
    moved_out.push_back(v);
  };
  // Address parts and the callee first: they must stay readable until the end.
  for (uint32_t k = 1; k < in.nops; k++) {
    if (k >= 2 && k < 2 + nres) continue;  // results
    const Operand& o = ops[k];
    if (o.kind == OperandKind::Var && k == 1) protect(o.a, false);
    if (o.kind == OperandKind::Mem) {
      const MemRef& m = f_.mem_ref(o);
      if (m.base != kNone) protect(m.base, false);
      if (m.index != kNone) protect(m.index, false);
    }
  }
  for (uint32_t k = 2 + nres; k < in.nops; k++)
    if (ops[k].kind == OperandKind::Var) protect(ops[k].a, true);
  int32_t stack = static_cast<int32_t>((layout.stack_size + 15) & ~15u);
  if (stack) a_.sub_imm(RSP, stack);
  // 1. Stack arguments and block copies (they use rax and rsi).
  int32_t next_blk = blk_scratch_off_;
  std::vector<int32_t> blk_at(nargs, 0);
  for (uint32_t i = 0; i < nargs; i++) {
    const Operand& o = ops[2 + nres + i];
    const ArgLoc& l = layout.locs[i];
    Type t = args[i].type;
    bool block = is_blk_type(t) && t != Type::RBlk;
    if (l.kind == ArgLocKind::Stack) {
      Mem at{RSP, static_cast<int32_t>(l.offset)};
      if (block) {
        Mem src = address(o, /*block_arg=*/true);
        a_.lea(RSI, src);
        copy_bytes(RSI, at, args[i].size);
      } else if (t == Type::LD) {
        ld_in(o);
        a_.fstp80(at);
      } else if (t == Type::F || t == Type::D) {
        fp_in(o, XMM0, t == Type::D);
        t == Type::D ? a_.movsd(at, XMM0) : a_.movss(at, XMM0);
      } else {
        if (t == Type::RBlk)
          a_.lea(RAX, address(o, /*block_arg=*/true));
        else
          int_in(o, RAX);
        a_.mov(at, RAX);
      }
    } else if (l.kind == ArgLocKind::Regs) {
      blk_at[i] = next_blk;
      next_blk += 16;
      Mem src = address(o, /*block_arg=*/true);
      a_.lea(RSI, src);
      copy_bytes(RSI, Mem{RBP, blk_at[i]}, args[i].size);
    }
  }
  // 2. Register arguments. First those whose values are in registers, as one parallel move
  // (a cycle goes through r10, or an XMM register nobody uses here); then the rest (they
  // only use r10/r11 as scratch and read no register step 2 writes).
  struct RegMove {
    uint8_t dst, src;
    bool xmm;
  };
  std::vector<RegMove> moves;
  std::vector<bool> done(nargs, false);
  uint16_t busy_xmm = 0;
  for (uint32_t i = 0; i < nargs; i++) {
    const Operand& o = ops[2 + nres + i];
    const ArgLoc& l = layout.locs[i];
    if (o.kind != OperandKind::Var || !homes_[o.a].in_reg) continue;
    const VarHome& h = homes_[o.a];
    if (l.kind == ArgLocKind::IntReg && !h.is_xmm && args[i].type != Type::RBlk) {
      if (h.gpr != kIntArgRegs[l.reg]) moves.push_back(RegMove{kIntArgRegs[l.reg], h.gpr, false});
      done[i] = true;
    } else if (l.kind == ArgLocKind::SseReg && h.is_xmm) {
      if (h.xmm != l.reg) moves.push_back(RegMove{l.reg, h.xmm, true});
      busy_xmm |= static_cast<uint16_t>((1u << l.reg) | (1u << h.xmm));
      done[i] = true;
    }
  }
  while (!moves.empty()) {
    bool progress = false;
    for (size_t k = 0; k < moves.size(); k++) {
      const RegMove m = moves[k];
      bool read_later = false;  // dst still holds a value another move needs
      for (const RegMove& other : moves) read_later |= other.xmm == m.xmm && other.src == m.dst;
      if (read_later) continue;
      m.xmm ? a_.sse(0, 0x28, static_cast<Xmm>(m.dst), static_cast<Xmm>(m.src))
            : a_.mov(static_cast<Reg>(m.dst), static_cast<Reg>(m.src));
      moves.erase(moves.begin() + static_cast<std::ptrdiff_t>(k));
      progress = true;
      break;
    }
    if (progress) continue;
    // Every destination is still needed: a cycle. Park one source in a spare register.
    RegMove& m = moves.front();
    uint8_t spare = R10;
    if (m.xmm)
      for (spare = XMM15; busy_xmm & (1u << spare); spare--) {
      }
    m.xmm ? a_.sse(0, 0x28, static_cast<Xmm>(spare), static_cast<Xmm>(m.src))
          : a_.mov(static_cast<Reg>(spare), static_cast<Reg>(m.src));
    const uint8_t parked = m.src;
    const bool xmm = m.xmm;
    for (RegMove& other : moves)
      if (other.xmm == xmm && other.src == parked) other.src = spare;
  }
  for (uint32_t i = 0; i < nargs; i++) {
    if (done[i]) continue;
    const Operand& o = ops[2 + nres + i];
    const ArgLoc& l = layout.locs[i];
    Type t = args[i].type;
    if (l.kind == ArgLocKind::IntReg) {
      if (t == Type::RBlk)
        a_.lea(kIntArgRegs[l.reg], address(o, true));
      else
        int_in(o, kIntArgRegs[l.reg]);
    } else if (l.kind == ArgLocKind::SseReg) {
      fp_in(o, static_cast<Xmm>(l.reg), t == Type::D);
    } else if (l.kind == ArgLocKind::Regs) {
      for (int k = 0; k < l.nregs; k++) {
        Mem part{RBP, blk_at[i] + 8 * k};
        if (l.cls[k] == EightbyteClass::Int)
          a_.mov(kIntArgRegs[l.regs[k]], part);
        else
          a_.movsd(static_cast<Xmm>(l.regs[k]), part);
      }
    }
  }
  const Operand& callee = ops[1];
  // A direct call to an IR function goes through its entry slot (call [slot]): one indirect
  // call instead of a call to the thunk plus its jump, and still redirectable.
  void* const* slot = callee.kind == OperandKind::Item ? env_.entry_slot(callee.a) : nullptr;
  if (slot)
    a_.mov_imm64(R11, reinterpret_cast<uint64_t>(slot));
  else
    int_in(callee, R11);
  if (sig.vararg) a_.mov_imm32(RAX, layout.sse_regs);  // %al: SSE registers used (varargs only)
  for (VarId v : moved_out) homes_[v].in_reg = true;
  if (in.op == Op::JCall) {
    a_.sub_imm(RSP, 8);  // stands in for a return address, keeping the callee's frame aligned
    slot ? a_.jmp(Mem{R11, 0}) : a_.jmp(R11);
    return true;
  }
  if (slot)
    a_.call(Mem{R11, 0});
  else
    a_.call(R11);
  if (stack) a_.add_imm(RSP, stack);
  int ints = 0, sses = 0;
  for (uint32_t k = 0; k < nres; k++) {
    const Operand& r = ops[2 + k];
    Type t = sig.results[k];
    if (t == Type::F || t == Type::D) {
      fp_out(r, sses++ ? XMM1 : XMM0, t == Type::D);
    } else if (t == Type::LD) {
      ld_out(r);
    } else {
      int_out(r, ints++ ? RDX : RAX);
    }
  }
  return true;
}

void Generator::ret(const Insn& in) {
  const Signature& sig = f_.sig();
  int ints = 0, sses = 0;
  for (uint32_t k = 0; k < in.nops && k < sig.nresults; k++) {
    Type t = sig.results[k];
    if (t == Type::F || t == Type::D) {
      fp_in(in.ops()[k], sses++ ? XMM1 : XMM0, t == Type::D);
    } else if (t != Type::LD) {
      Reg r = ints++ ? RDX : RAX;
      int_in(in.ops()[k], r);
      if (width_of(t) != Width::W64) a_.extend(r, r, width_of(t), is_signed_type(t));
    }
  }
  for (uint32_t k = std::min<uint32_t>(in.nops, sig.nresults); k-- > 0;)
    if (sig.results[k] == Type::LD) ld_in(in.ops()[k]);
  restore_saved();
  a_.leave();
  a_.ret();
}

void Generator::epilogue_zero() {
  const Signature& sig = f_.sig();
  a_.alu(Alu::Xor, RAX, RAX, false);
  a_.alu(Alu::Xor, RDX, RDX, false);
  a_.sse(0, 0x57, XMM0, XMM0);  // xorps
  a_.sse(0, 0x57, XMM1, XMM1);
  for (Type t : sig.result_types())
    if (t == Type::LD) a_.raw({0xD9, 0xEE}, "fldz");
  restore_saved();
  a_.leave();
  a_.ret();
}

void Generator::prologue() {
  a_.push(RBP);
  a_.mov(RBP, RSP);
  if (frame_size_) a_.sub_imm(RSP, static_cast<int32_t>(frame_size_));
  if (shape_.vararg) {
    for (int r = 0; r < kNumIntArgRegs; r++)
      a_.mov(Mem{RBP, reg_save_off_ + 8 * r}, kIntArgRegs[r]);
    for (int x = 0; x < kNumSseArgRegs; x++)
      a_.movdqu(Mem{RBP, reg_save_off_ + static_cast<int32_t>(kRegSaveSseOffset) + 16 * x}, static_cast<Xmm>(x));
  }
  ArgLayout layout = classify_args(shape_.args, shape_.nfixed);
  // A parameter that arrives in a register and lives in one no argument arrives in is moved
  // there directly, after the others are stored (so no source is overwritten); one that
  // arrives on the stack and lives in a register is loaded straight into it; the rest go
  // through their frame slots. Unused parameters (-O1) are not stored at all.
  auto direct = [&](uint32_t p) {
    if (p >= f_.num_vars()) return false;
    const ArgLoc& l = layout.locs[p];
    const VarHome& h = homes_[p];
    if (!h.in_reg || h.global) return false;
    if (l.kind == ArgLocKind::IntReg)
      return !h.is_xmm && std::find(std::begin(kIntArgRegs), std::end(kIntArgRegs), h.gpr) == std::end(kIntArgRegs);
    if (l.kind == ArgLocKind::Stack)  // loaded from the caller's frame (scalars)
      return !is_blk_type(shape_.args[p].type) && shape_.args[p].type != Type::LD;
    return l.kind == ArgLocKind::SseReg && h.is_xmm && h.xmm >= kNumSseArgRegs;
  };
  for (uint32_t p = 0; p < shape_.nfixed; p++) {
    const ArgLoc& l = layout.locs[p];
    Type t = shape_.args[p].type;
    Mem home = slot(p);
    bool block = is_blk_type(t) && t != Type::RBlk;
    if (direct(p) || (p < f_.num_vars() && homes_[p].unused)) continue;
    switch (l.kind) {
      case ArgLocKind::IntReg: a_.mov(home, kIntArgRegs[l.reg]); break;
      case ArgLocKind::SseReg:
        t == Type::D ? a_.movsd(home, static_cast<Xmm>(l.reg)) : a_.movss(home, static_cast<Xmm>(l.reg));
        break;
      case ArgLocKind::Stack: {
        Mem in{RBP, 16 + static_cast<int32_t>(l.offset)};
        if (block) {
          a_.lea(RAX, in);  // the caller's stack copy is this call's own copy
          a_.mov(home, RAX);
        } else {
          a_.mov(RAX, in);
          a_.mov(home, RAX);
          if (t == Type::LD) {
            a_.mov(RAX, Mem{in.base, in.disp + 8});
            a_.mov(Mem{home.base, home.disp + 8}, RAX);
          }
        }
        break;
      }
      case ArgLocKind::Regs: {
        int32_t area = param_blk_off_[p];
        for (int k = 0; k < l.nregs; k++) {
          Mem part{RBP, area + 8 * k};
          if (l.cls[k] == EightbyteClass::Int)
            a_.mov(part, kIntArgRegs[l.regs[k]]);
          else
            a_.movsd(part, static_cast<Xmm>(l.regs[k]));
        }
        a_.lea(RAX, Mem{RBP, area});
        a_.mov(home, RAX);
        break;
      }
    }
    if (is_int_type(t) && width_of(t) != Width::W64) {
      a_.mov(RAX, home);
      a_.extend(RAX, RAX, width_of(t), is_signed_type(t));
      a_.mov(home, RAX);
    }
  }
  // Promoted variables: save the callee-saved registers they take, move or load promoted
  // parameters.
  for (auto& [r, off] : saved_) a_.mov(Mem{RBP, off}, r);
  for (uint32_t p = 0; p < shape_.nfixed; p++) {
    if (!direct(p)) continue;
    const VarHome& h = homes_[p];
    const ArgLoc& l = layout.locs[p];
    Type t = shape_.args[p].type;
    if (l.kind == ArgLocKind::Stack) {
      Mem in{RBP, 16 + static_cast<int32_t>(l.offset)};
      if (h.is_xmm)
        t == Type::D ? a_.movsd(h.xmm, in) : a_.movss(h.xmm, in);
      else
        a_.load_ext(h.gpr, in, width_of(t), is_signed_type(t));
    } else if (h.is_xmm) {
      a_.sse(0, 0x28, h.xmm, static_cast<Xmm>(l.reg));  // movaps
    } else if (is_int_type(t) && width_of(t) != Width::W64) {
      a_.extend(h.gpr, kIntArgRegs[l.reg], width_of(t), is_signed_type(t));
    } else {
      a_.mov(h.gpr, kIntArgRegs[l.reg]);
    }
  }
  for (uint32_t p = 0; p < shape_.nfixed; p++) {
    const VarHome& h = homes_[p];
    if (!h.in_reg || direct(p)) continue;
    if (h.is_xmm)
      shape_.args[p].type == Type::D ? a_.movsd(h.xmm, slot(p)) : a_.movss(h.xmm, slot(p));
    else
      a_.mov(h.gpr, slot(p));
  }
}

void Generator::restore_saved() {
  for (auto& [r, off] : saved_) a_.mov(r, Mem{RBP, off});
}

bool Generator::insn(InsnId id) {
  const Insn& in = f_.insn(id);
  const Operand* ops = in.ops();
  Op op = in.op;
  switch (op) {
    case Op::Mov: {
      Reg d = reg_of(ops[0]), src = reg_of(ops[1]);
      if (d != kNoReg) {
        int_in(ops[1], d);
      } else if (src != kNoReg) {
        int_out(ops[0], src);
      } else if (!store_immediate(ops[0], ops[1])) {
        Reg t = T0();
        int_in(ops[1], t);
        int_out(ops[0], t);
      }
      return true;
    }
    case Op::FMov: case Op::DMov: {
      Xmm d = xmm_of(ops[0]), src = xmm_of(ops[1]);
      if (store_immediate(ops[0], ops[1])) return true;
      if (d != kNoXmm || src != kNoXmm) {
        d != kNoXmm ? fp_in(ops[1], d, op == Op::DMov) : fp_out(ops[0], src, op == Op::DMov);
        return true;
      }
      Xmm x = X0();
      fp_in(ops[1], x, op == Op::DMov);
      fp_out(ops[0], x, op == Op::DMov);
      return true;
    }
    case Op::LDMov: ld_in(ops[1]); ld_out(ops[0]); return true;
    case Op::Ext8: case Op::Ext16: case Op::Ext32: case Op::UExt8: case Op::UExt16: case Op::UExt32: {
      Reg t = reg_of(ops[0]) != kNoReg ? reg_of(ops[0]) : T0();  // in place when it can
      int_in(ops[1], t);
      Width w = (op == Op::Ext8 || op == Op::UExt8) ? Width::W8 : (op == Op::Ext16 || op == Op::UExt16) ? Width::W16 : Width::W32;
      a_.extend(t, t, w, op == Op::Ext8 || op == Op::Ext16 || op == Op::Ext32);
      int_out(ops[0], t);
      return true;
    }
    case Op::I2F: case Op::I2D: {
      Reg t = T0();
      Xmm x = X0();
      int_in(ops[1], t);
      a_.cvtsi2s(op == Op::I2D, x, t);
      fp_out(ops[0], x, op == Op::I2D);
      return true;
    }
    case Op::UI2F: case Op::UI2D: {
      bool dbl = op == Op::UI2D;
      Label big, done;
      Reg t = T0(), u = T1();
      Xmm x = X0();
      int_in(ops[1], t);
      a_.test(t, t);
      a_.jcc(S, big);
      a_.cvtsi2s(dbl, x, t);
      a_.jmp(done);
      a_.bind(big);  // halve with the low bit kept (round to odd), convert, double
      a_.mov(u, t);
      a_.shift_imm(Shift::Shr, u, 1);
      a_.alu_imm(Alu::And, t, 1);
      a_.alu(Alu::Or, u, t);
      a_.cvtsi2s(dbl, x, u);
      a_.sse(dbl ? 0xF2 : 0xF3, 0x58, x, x);
      a_.bind(done);
      fp_out(ops[0], x, dbl);
      return true;
    }
    case Op::F2I: case Op::D2I: {
      Xmm x = X0();
      Reg t = T0();
      fp_in(ops[1], x, op == Op::D2I);
      a_.cvtts2si(op == Op::D2I, t, x);
      int_out(ops[0], t);
      return true;
    }
    case Op::F2D: case Op::D2F: {
      Xmm x = X0();
      fp_in(ops[1], x, op == Op::D2F);
      a_.sse(op == Op::F2D ? 0xF3 : 0xF2, 0x5A, x, x);
      fp_out(ops[0], x, op == Op::F2D);
      return true;
    }
    case Op::I2LD: case Op::UI2LD: {
      Reg t = T0();
      int_in(ops[1], t);
      a_.mov(scratch(0), t);
      a_.fild64(scratch(0));
      if (op == Op::UI2LD) {
        Label done;
        a_.test(t, t);
        a_.jcc(NS, done);
        Reg u = A1();
        a_.mov_imm64(u, 0x43F0000000000000ull);  // 2^64 as a double
        a_.mov(scratch(8), u);
        a_.fld64(scratch(8));
        a_.raw({0xDE, 0xC1}, "faddp st(1)");
        a_.bind(done);
      }
      ld_out(ops[0]);
      return true;
    }
    case Op::LD2I: {
      Reg t = T0();
      ld_in(ops[1]);
      a_.fisttp64(scratch(0));
      a_.mov(t, scratch(0));
      int_out(ops[0], t);
      return true;
    }
    case Op::F2LD: case Op::D2LD: {
      Xmm x = X0();
      fp_in(ops[1], x, op == Op::D2LD);
      if (op == Op::D2LD) {
        a_.movsd(scratch(0), x);
        a_.fld64(scratch(0));
      } else {
        a_.movss(scratch(0), x);
        a_.fld32(scratch(0));
      }
      ld_out(ops[0]);
      return true;
    }
    case Op::LD2F: case Op::LD2D: {
      Xmm x = X0();
      ld_in(ops[1]);
      if (op == Op::LD2D) {
        a_.fstp64(scratch(0));
        a_.movsd(x, scratch(0));
      } else {
        a_.fstp32(scratch(0));
        a_.movss(x, scratch(0));
      }
      fp_out(ops[0], x, op == Op::LD2D);
      return true;
    }
    case Op::Neg: case Op::NegS: {
      Reg t = reg_of(ops[0]) != kNoReg ? reg_of(ops[0]) : T0();
      int_in(ops[1], t);
      a_.unary(Unary::Neg, t, op == Op::Neg);
      if (op == Op::NegS) a_.extend(t, t, Width::W32, true);
      int_out(ops[0], t);
      return true;
    }
    case Op::FNeg: case Op::DNeg: {
      bool dbl = op == Op::DNeg;
      Xmm x = X0(), y = X1();
      fp_in(ops[1], x, dbl);
      Reg t = A1();
      a_.mov_imm64(t, dbl ? 0x8000000000000000ull : 0x80000000ull);
      a_.movq_to_xmm(y, t);
      a_.sse(0, 0x57, x, y);  // xorps
      fp_out(ops[0], x, dbl);
      return true;
    }
    case Op::LDNeg: ld_in(ops[1]); a_.raw({0xD9, 0xE0}, "fchs"); ld_out(ops[0]); return true;
    case Op::Addr: case Op::Addr8: case Op::Addr16: case Op::Addr32:
      if (homes_[ops[1].a].in_reg) return fail("the address of a hard-register variable");
      a_.lea(T0(), slot(ops[1].a));
      int_out(ops[0], T0());
      return true;
    case Op::FAdd: case Op::DAdd: case Op::FSub: case Op::DSub: case Op::FMul: case Op::DMul: case Op::FDiv: case Op::DDiv: {
      bool dbl = op == Op::DAdd || op == Op::DSub || op == Op::DMul || op == Op::DDiv;
      uint8_t code = (op == Op::FAdd || op == Op::DAdd) ? 0x58 : (op == Op::FSub || op == Op::DSub) ? 0x5C
                     : (op == Op::FMul || op == Op::DMul) ? 0x59 : 0x5E;
      Xmm d = xmm_of(ops[0]);
      if (d != kNoXmm) {  // two-address form in the destination: d = a; d op= b
        const Operand *a = &ops[1], *b = &ops[2];
        bool commutative = code == 0x58 || code == 0x59;
        if (xmm_of(*b) == d && commutative) std::swap(a, b);
        Xmm rb = xmm_of(*b);
        bool b_mem = rb == kNoXmm && in_memory(*b, dbl ? Type::D : Type::F);
        if ((rb == kNoXmm && !b_mem) || rb == d) {  // b a constant, or d itself
          rb = X1();
          fp_in(*b, rb, dbl);
        }
        fp_in(*a, d, dbl);
        b_mem ? a_.sse(dbl ? 0xF2 : 0xF3, code, d, memory_of(*b)) : a_.sse(dbl ? 0xF2 : 0xF3, code, d, rb);
        return true;
      }
      Xmm x = X0();
      fp_in(ops[1], x, dbl);
      if (in_memory(ops[2], dbl ? Type::D : Type::F)) {
        a_.sse(dbl ? 0xF2 : 0xF3, code, x, memory_of(ops[2]));
      } else {
        Xmm y = X1();
        fp_in(ops[2], y, dbl);
        a_.sse(dbl ? 0xF2 : 0xF3, code, x, y);
      }
      fp_out(ops[0], x, dbl);
      return true;
    }
    case Op::LDAdd: case Op::LDSub: case Op::LDMul: case Op::LDDiv:
      ld_in(ops[1]);
      ld_in(ops[2]);
      // st1 = st1 op st0, pop: a op b
      if (op == Op::LDAdd)
        a_.raw({0xDE, 0xC1}, "faddp st(1)");
      else if (op == Op::LDSub)
        a_.raw({0xDE, 0xE9}, "fsubp st(1)");
      else if (op == Op::LDMul)
        a_.raw({0xDE, 0xC9}, "fmulp st(1)");
      else
        a_.raw({0xDE, 0xF9}, "fdivp st(1)");
      ld_out(ops[0]);
      return true;
    case Op::FEq: case Op::DEq: case Op::FNe: case Op::DNe: case Op::FLt: case Op::DLt: case Op::FLe: case Op::DLe:
    case Op::FGt: case Op::DGt: case Op::FGe: case Op::DGe:
      fp_compare(op, ops, nullptr);
      int_out(ops[0], T0());
      return true;
    case Op::LDEq: case Op::LDNe: case Op::LDLt: case Op::LDLe: case Op::LDGt: case Op::LDGe:
      ld_compare(op, ops, nullptr);
      int_out(ops[0], T0());
      return true;
    case Op::Jmp: a_.jmp(labels_[ops[0].a]); return true;
    case Op::Bt: case Op::BtS: case Op::Bf: case Op::BfS: {
      Reg r = reg_of(ops[1]);
      if (r == kNoReg) {
        r = T0();
        int_in(ops[1], r);
      }
      a_.test(r, r, op == Op::Bt || op == Op::Bf);
      a_.jcc(op == Op::Bt || op == Op::BtS ? NE : E, labels_[ops[0].a]);
      return true;
    }
    case Op::Beq: case Op::BeqS: case Op::Bne: case Op::BneS: case Op::Blt: case Op::BltS: case Op::UBlt: case Op::UBltS:
    case Op::Ble: case Op::BleS: case Op::UBle: case Op::UBleS: case Op::Bgt: case Op::BgtS: case Op::UBgt: case Op::UBgtS:
    case Op::Bge: case Op::BgeS: case Op::UBge: case Op::UBgeS:
      if (fast_int_branch(op, ops)) return true;
      int_in(ops[1], T0());
      if (int32_t imm; imm32_of(ops[2], !op_has(op, kShort), &imm)) {
        a_.alu_imm(Alu::Cmp, T0(), imm, !op_has(op, kShort));
      } else if (!op_has(op, kShort) && in_memory(ops[2], Type::I64)) {
        a_.alu(Alu::Cmp, T0(), memory_of(ops[2]));
      } else {
        int_in(ops[2], T1());
        a_.alu(Alu::Cmp, T0(), T1(), !op_has(op, kShort));
      }
      a_.jcc(int_cond(op), labels_[ops[0].a]);
      return true;
    case Op::FBeq: case Op::DBeq: case Op::FBne: case Op::DBne: case Op::FBlt: case Op::DBlt: case Op::FBle: case Op::DBle:
    case Op::FBgt: case Op::DBgt: case Op::FBge: case Op::DBge:
      fp_compare(op, ops, &labels_[ops[0].a]);
      return true;
    case Op::LDBeq: case Op::LDBne: case Op::LDBlt: case Op::LDBle: case Op::LDBgt: case Op::LDBge:
      ld_compare(op, ops, &labels_[ops[0].a]);
      return true;
    case Op::Bo: a_.jcc(O, labels_[ops[0].a]); return true;
    case Op::Bno: a_.jcc(NO, labels_[ops[0].a]); return true;
    case Op::UBo: a_.jcc(B, labels_[ops[0].a]); return true;
    case Op::UBno: a_.jcc(AE, labels_[ops[0].a]); return true;
    case Op::Switch: {
      auto t = std::make_unique<Table>();
      for (uint32_t i = 1; i < in.nops; i++) t->targets.push_back(ops[i].a);
      Label next;
      Reg x = T0(), n = T1(), base = A1();
      int_in(ops[0], x);
      a_.mov_imm64(n, in.nops - 1);
      a_.alu(Alu::Cmp, x, n);
      a_.jcc(AE, next);  // out of range: Kite falls through
      a_.lea_label(base, t->label);
      a_.load_ext(x, Mem{base, 0, x, 4}, Width::W32, true);
      a_.alu(Alu::Add, x, base);
      a_.jmp(x);
      a_.bind(next);
      tables_.push_back(std::move(t));
      return true;
    }
    case Op::LAddr: a_.lea_label(T0(), labels_[ops[1].a]); int_out(ops[0], T0()); return true;
    case Op::JmpI: int_in(ops[0], T0()); a_.jmp(T0()); return true;
    case Op::Call: case Op::Inline: case Op::JCall: return call(in);
    case Op::Ret: ret(in); return true;
    case Op::JRet: {
      Reg t = T0();  // caller-saved, so restoring the saved registers keeps it
      int_in(ops[0], t);
      restore_saved();
      a_.leave();
      a_.add_imm(RSP, 8);  // the return-address slot (real, or jcall's stand-in)
      a_.jmp(t);
      return true;
    }
    case Op::Alloca: {
      Reg t = T0();
      int_in(ops[1], t);
      a_.add_imm(t, 15);
      a_.alu_imm(Alu::And, t, -16);
      a_.alu(Alu::Sub, RSP, t);
      a_.mov(t, RSP);
      int_out(ops[0], t);
      return true;
    }
    case Op::BStart: a_.mov(T0(), RSP); int_out(ops[0], T0()); return true;
    case Op::BEnd: int_in(ops[0], T0()); a_.mov(RSP, T0()); return true;
    case Op::VaStart:
      if (ops[0].kind == OperandKind::Mem && ops[0].type == Type::Undef)
        a_.lea(RDI, address(ops[0]));
      else
        int_in(ops[0], RDI);
      a_.lea(RSI, Mem{RBP, reg_save_off_});
      a_.lea(RDX, Mem{RBP, 16});
      a_.mov_imm64(RCX, reinterpret_cast<uint64_t>(&shape_));
      a_.mov_imm64(RAX, reinterpret_cast<uint64_t>(&kite_x86_64_va_start));
      a_.call(RAX);
      return true;
    case Op::VaArg:
      int_in(ops[1], RDI);
      a_.mov_imm32(RSI, static_cast<uint32_t>(ops[2].type));
      a_.mov_imm64(RAX, reinterpret_cast<uint64_t>(&kite_x86_64_va_arg));
      a_.call(RAX);
      int_out(ops[0], RAX);
      return true;
    case Op::VaBlockArg:
      int_in(ops[0], RDI);
      int_in(ops[1], RSI);
      int_in(ops[2], RDX);
      int_in(ops[3], RCX);
      a_.mov_imm64(RAX, reinterpret_cast<uint64_t>(&kite_x86_64_va_block_arg));
      a_.call(RAX);
      return true;
    case Op::VaEnd: return true;
    case Op::Label: a_.bind(labels_[ops[0].a]); return true;
    case Op::PrSet: return true;
    case Op::PrBeq: case Op::PrBne:  // with no known properties the property is 0
      if ((op == Op::PrBeq) == (ops[2].int_value() == 0)) a_.jmp(labels_[ops[0].a]);
      return true;
    default:
      if (op_info(op).nfixed == 3 && op_info(op).roles[0] == OperandRole::OutInt &&
          op_info(op).roles[1] == OperandRole::InInt) {
        int_binary(op, ops);
        return true;
      }
      return fail("an opcode the baseline generator does not handle");
  }
}

bool Generator::run(std::string* why, std::string* listing) {
  why_ = why;
  a_.set_listing(listing);
  homes_.resize(f_.num_vars());
  for (VarId v = 0; v < f_.num_vars(); v++) {
    const Var& var = f_.var(v);
    VarHome& h = homes_[v];
    h = VarHome{0, false, false, false, false, RAX, XMM0};
    if (var.is_global) {
      if (!global_reg(ctx_.name(var.hard_reg), &h.gpr, &h.xmm, &h.is_xmm))
        return fail("a global variable in a register this generator uses");
      if (var.type == Type::LD) return fail("a long double global variable");
      h.global = h.in_reg = true;
    }
  }
  allocate_registers();
  // Frame layout below rbp: variables (those with slots of their own, then the shared
  // slots), scratch, register save area, block areas.
  int32_t off = 0;
  auto shared = [&](VarId v) { return v < frame_slots_.slot.size() && frame_slots_.slot[v] != FrameSlots::kOwn; };
  for (VarId v = 0; v < f_.num_vars(); v++) {
    if (homes_[v].global || shared(v)) continue;
    bool ld = f_.var(v).type == Type::LD;
    off -= ld ? 16 : 8;
    if (ld) off &= ~15;
    homes_[v].off = off;
  }
  const int32_t shared_base = off;
  for (VarId v = 0; v < f_.num_vars(); v++)
    if (shared(v)) homes_[v].off = shared_base - 8 * (frame_slots_.slot[v] + 1);
  off = shared_base - 8 * static_cast<int32_t>(frame_slots_.count);
  off = (off - 32) & ~15;
  scratch_off_ = off;
  if (shape_.vararg) {
    off = (off - static_cast<int32_t>(kRegSaveSize)) & ~15;
    reg_save_off_ = off;
  }
  param_blk_off_.assign(shape_.nfixed, 0);
  {
    ArgLayout layout = classify_args(shape_.args, shape_.nfixed);
    for (uint32_t p = 0; p < shape_.nfixed; p++)
      if (layout.locs[p].kind == ArgLocKind::Regs) {
        off -= 16;
        param_blk_off_[p] = off;
      }
  }
  uint32_t max_blk = 0;
  for (InsnId id = f_.first(); id != kNone; id = f_.insn(id).next) {
    const Insn& in = f_.insn(id);
    if (!op_has(in.op, kCall)) continue;
    uint32_t n = 0;
    for (uint32_t k = 0; k < in.nops; k++) n += in.ops()[k].kind == OperandKind::Mem && is_blk_type(in.ops()[k].type);
    max_blk = std::max(max_blk, n);
  }
  off -= static_cast<int32_t>(16 * max_blk);
  blk_scratch_off_ = off;
  StageClock clock(env_);
  for (auto& [r, at] : saved_) {
    off -= 8;
    at = off;
  }
  frame_size_ = static_cast<uint32_t>((-off + 15) & ~15);

  prologue();
  uint32_t index = 0;
  for (InsnId id = f_.first(); id != kNone; id = f_.insn(id).next, index++) {
    begin_insn(index, f_.insn(id));
    if (!insn(id)) return false;
    // Internal: the code used a temporary machinize did not declare, or ran out of them.
    if (temp_error_) return fail("internal error: the instruction's temporaries were not reserved");
  }
  epilogue_zero();  // falling off the end returns zeros
  for (auto& t : tables_) {
    a_.align(4);
    a_.bind(t->label);
    uint32_t base = static_cast<uint32_t>(a_.size());
    for (LabelId l : t->targets) a_.label_offset32(labels_[l], base);
  }
  for (const Label& l : labels_)
    if (l.pos < 0 && !l.fixups.empty()) return fail("a jump to a label that is never placed");
  a_.finish_listing();
  clock.lap("emit");
  return true;
}

bool generate_baseline(const Func& f, const CallShape& shape, int opt_level, CompileEnv& env, CodeMemory& mem,
                       CompiledFunc* out, std::string* why) {
  Generator g(f, shape, opt_level, env);
  if (!g.run(why, env.want_listing() ? &out->listing : nullptr)) return false;
  const std::vector<uint8_t>& code = g.assembler().code();
  void* p = mem.install(code.data(), code.size());
  if (!p) {
    *why = "out of executable memory";
    return false;
  }
  out->code = p;
  out->size = static_cast<uint32_t>(code.size());
  out->label_offsets.resize(f.num_labels());
  for (LabelId l = 0; l < f.num_labels(); l++) out->label_offsets[l] = g.label_offset(l);
  return true;
}

}  // namespace kite::x86_64

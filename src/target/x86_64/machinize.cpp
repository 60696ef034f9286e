// Machinize: see machinize.h. The rules here mirror the code baseline_gen.cpp emits; the
// generator checks every temporary it takes against the roles declared here.
#include "machinize.h"

#include <string>

#include "assembler.h"
#include "kite/verify.h"

namespace kite::x86_64 {

namespace {

constexpr uint16_t bit(unsigned r) { return static_cast<uint16_t>(1u << r); }
constexpr uint16_t kCallerSavedGpr = bit(RAX) | bit(RCX) | bit(RDX) | bit(RSI) | bit(RDI) | bit(R8) | bit(R9) |
                                     bit(R10) | bit(R11);

// Bits set in a 16-bit mask (without -mpopcnt the builtin is a libgcc call).
uint32_t count_bits(uint32_t x) {
  static constexpr uint8_t kNibble[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
  uint32_t n = 0;
  for (; x; x >>= 4) n += kNibble[x & 15];
  return n;
}

// Temporaries the operands themselves need: address parts of memory operands (base, index,
// a displacement beyond 32 bits, or an absolute address) and constants that go through a
// general register.
uint8_t operand_roles(const Func& f, const Insn& in) {
  uint8_t roles = 0;
  for (uint32_t k = 0; k < in.nops; k++) {
    const Operand& o = in.ops()[k];
    if (o.kind == OperandKind::Mem) {
      const MemRef& m = f.mem_ref(o);
      bool wide = m.disp < INT32_MIN || m.disp > INT32_MAX;
      if (m.base != kNone) roles |= kA0;
      if (m.index != kNone) roles |= kA1;
      if (wide || (m.base == kNone && m.index == kNone)) roles |= kA0 | kA1;
    } else if (o.kind == OperandKind::Float || o.kind == OperandKind::Double || o.kind == OperandKind::LDouble) {
      roles |= kA1;
    }
  }
  return roles;
}

bool is_int_binary(Op op) {
  const OpInfo& info = op_info(op);
  return info.nfixed == 3 && info.roles[0] == OperandRole::OutInt && info.roles[1] == OperandRole::InInt;
}

// Where a value is wanted: see RegisterHints. The first hint found for a variable stands.
void find_hints(const Func& f, const Cfg& cfg, RegisterHints& hints) {
  hints.reg.assign(f.num_vars(), -1);
  hints.var.assign(f.num_vars(), kNone);
  auto var_of = [](const Operand& o) { return o.kind == OperandKind::Var ? o.a : kNone; };
  auto want_reg = [&](VarId v, bool fp) {
    if (v != kNone && hints.reg[v] < 0) hints.reg[v] = static_cast<int16_t>(fp ? unsigned(XMM0) : unsigned(RAX));
  };
  for (InsnId id : cfg.insns) {
    const Insn& in = f.insn(id);
    const Operand* ops = in.ops();
    switch (in.op) {
      case Op::Mov: case Op::FMov: case Op::DMov: case Op::Ext8: case Op::Ext16: case Op::Ext32: case Op::UExt8:
      case Op::UExt16: case Op::UExt32: case Op::Neg: case Op::NegS: case Op::Add: case Op::Sub: case Op::And:
      case Op::Or: case Op::Xor: case Op::Mul: case Op::FAdd: case Op::DAdd: case Op::FSub: case Op::DSub:
      case Op::FMul: case Op::DMul: case Op::FDiv: case Op::DDiv: {
        VarId d = var_of(ops[0]), s = var_of(ops[1]);
        if (d != kNone && s != d && hints.var[d] == kNone) hints.var[d] = s;
        break;
      }
      case Op::Call: case Op::Inline: {
        ItemId proto = definition_of(f.context(), ops[0].a);
        if (proto == kNone) break;
        const Signature& sig = *f.context().item(proto).proto;
        Type t = sig.nresults == 1 ? sig.results[0] : Type::LD;
        if (t != Type::LD) want_reg(var_of(ops[2]), t == Type::F || t == Type::D);
        // Arguments in their argument registers (up to the first block or long double, after
        // which the layout needs the ABI's classification).
        uint32_t ints = 0, sses = 0;
        for (uint32_t k = 2 + sig.nresults; k < in.nops; k++) {
          const Operand& o = ops[k];
          if (o.kind == OperandKind::Mem && is_blk_type(o.type)) break;
          VarId v = var_of(o);
          Type vt = v != kNone ? f.var(v).type : Type::I64;
          if (vt == Type::LD) break;
          bool fp = vt == Type::F || vt == Type::D;
          uint32_t& n = fp ? sses : ints;
          if (v != kNone && hints.reg[v] < 0 && n < (fp ? 8u : 6u))
            hints.reg[v] = static_cast<int16_t>(fp ? n : unsigned(kIntArgRegs[n]));
          n++;
        }
        break;
      }
      case Op::Ret:
        if (f.sig().nresults == 1 && in.nops >= 1 && f.sig().results[0] != Type::LD)
          want_reg(var_of(ops[0]), f.sig().results[0] == Type::F || f.sig().results[0] == Type::D);
        break;
      default: break;
    }
  }
}

}  // namespace

InsnRegs insn_regs(const Func& f, const Insn& in) {
  InsnRegs r;
  const Op op = in.op;
  if (op == Op::Label || op == Op::Jmp || op == Op::VaEnd || op == Op::PrSet || op == Op::PrBeq || op == Op::PrBne ||
      op == Op::Bo || op == Op::Bno || op == Op::UBo || op == Op::UBno)
    return r;
  if (calls_out(op)) {
    // The call sequence names its registers; temporaries are r10/r11, clobbered anyway.
    r.calls = true;
    r.fixed_gpr = kCallerSavedGpr;
    r.fixed_xmm = 0xFFFF;
    uint32_t nres = op == Op::VaArg ? 1 : 0;
    if (op_has(op, kCall)) {
      ItemId proto = definition_of(f.context(), in.ops()[0].a);
      nres = proto == kNone ? 2 : f.context().item(proto).proto->nresults;
    }
    r.fixed_at_write = nres > 1;
    r.args_in_place = op_has(op, kCall);
    return r;
  }
  r.roles = operand_roles(f, in);
  switch (op) {
    case Op::Ret: {
      const Signature& sig = f.sig();
      int ints = 0, sses = 0;
      for (uint32_t k = 0; k < in.nops && k < sig.nresults; k++) {
        Type t = sig.results[k];
        if (t == Type::F || t == Type::D)
          r.fixed_xmm |= bit(sses++ ? XMM1 : XMM0);
        else if (t != Type::LD)
          r.fixed_gpr |= bit(ints++ ? RDX : RAX);
      }
      r.fixed_in_place = ints + sses <= 1;  // several would need a parallel move
      return r;
    }
    case Op::Div: case Op::DivS: case Op::Mod: case Op::ModS: case Op::UDiv: case Op::UDivS: case Op::UMod:
    case Op::UModS: case Op::UMulO: case Op::UMulOS:
      r.fixed_gpr = bit(RAX) | bit(RDX);
      r.roles |= kT1;
      return r;
    case Op::Lsh: case Op::LshS: case Op::Rsh: case Op::RshS: case Op::URsh: case Op::URshS:
      r.fixed_gpr = bit(RCX);
      r.roles |= kT0;
      return r;
    case Op::Mov: case Op::Ext8: case Op::Ext16: case Op::Ext32: case Op::UExt8: case Op::UExt16: case Op::UExt32:
    case Op::Neg: case Op::NegS: case Op::Addr: case Op::Addr8: case Op::Addr16: case Op::Addr32: case Op::LAddr:
    case Op::JmpI: case Op::JRet: case Op::Alloca: case Op::BStart: case Op::BEnd: case Op::Bt: case Op::BtS:
    case Op::Bf: case Op::BfS: case Op::LD2I:
      r.roles |= kT0;
      return r;
    case Op::I2LD: case Op::UI2LD: r.roles |= kT0 | kA1; return r;
    case Op::I2F: case Op::I2D: case Op::F2I: case Op::D2I: r.roles |= kT0 | kX0; return r;
    case Op::UI2F: case Op::UI2D: r.roles |= kT0 | kT1 | kX0; return r;
    case Op::FMov: case Op::DMov: case Op::F2D: case Op::D2F: case Op::F2LD: case Op::D2LD: case Op::LD2F:
    case Op::LD2D:
      r.roles |= kX0;
      return r;
    case Op::FNeg: case Op::DNeg: r.roles |= kX0 | kX1 | kA1; return r;
    case Op::LDMov: case Op::LDNeg: case Op::LDAdd: case Op::LDSub: case Op::LDMul: case Op::LDDiv:
    case Op::LDBeq: case Op::LDBne: case Op::LDBlt: case Op::LDBle: case Op::LDBgt: case Op::LDBge:
      return r;
    case Op::LDEq: case Op::LDNe: case Op::LDLt: case Op::LDLe: case Op::LDGt: case Op::LDGe:
      r.roles |= kT0 | kT1;
      return r;
    case Op::FAdd: case Op::DAdd: case Op::FSub: case Op::DSub: case Op::FMul: case Op::DMul: case Op::FDiv:
    case Op::DDiv: case Op::FBeq: case Op::DBeq: case Op::FBne: case Op::DBne: case Op::FBlt: case Op::DBlt:
    case Op::FBle: case Op::DBle: case Op::FBgt: case Op::DBgt: case Op::FBge: case Op::DBge:
      r.roles |= kX0 | kX1;
      return r;
    case Op::FEq: case Op::DEq: case Op::FNe: case Op::DNe: case Op::FLt: case Op::DLt: case Op::FLe: case Op::DLe:
    case Op::FGt: case Op::DGt: case Op::FGe: case Op::DGe:
      r.roles |= kX0 | kX1 | kT0 | kT1;
      return r;
    case Op::Switch: r.roles |= kT0 | kT1 | kA1; return r;
    case Op::Beq: case Op::BeqS: case Op::Bne: case Op::BneS: case Op::Blt: case Op::BltS: case Op::UBlt:
    case Op::UBltS: case Op::Ble: case Op::BleS: case Op::UBle: case Op::UBleS: case Op::Bgt: case Op::BgtS:
    case Op::UBgt: case Op::UBgtS: case Op::Bge: case Op::BgeS: case Op::UBge: case Op::UBgeS:
      r.roles |= kT0 | kT1;
      return r;
    default:
      if (is_int_binary(op)) r.roles |= kT0 | kT1;  // integer arithmetic, comparisons, branches
      return r;
  }
}

void describe(const Func& f, const Cfg& cfg, const MachineConstraints& mc, std::string& out) {
  out += "# after machinize: " + std::string(f.context().name(f.name())) + " (reserve: " +
         std::to_string(mc.reserve[0]) + " integer, " + std::to_string(mc.reserve[1]) + " xmm)\n";
  static const char* const kRoleNames[] = {"t0", "t1", "a0", "a1", "x0", "x1"};
  for (uint32_t i = 0; i < mc.insns.size(); i++) {
    const InsnRegs& r = mc.insns[i];
    if (!r.calls && !r.fixed_gpr && !r.fixed_xmm && !r.roles) continue;
    out += "  " + std::to_string(i) + " " + std::string(op_info(f.insn(cfg.insns[i]).op).name) + ":";
    if (r.calls) {
      out += " calls";
      if (r.fixed_at_write) out += " (results in fixed registers)";
    } else {
      if (r.fixed_gpr || r.fixed_xmm) {
        out += " fixed";
        for (unsigned g = 0; g < 16; g++)
          if (r.fixed_gpr & bit(g)) out += std::string(" ") + gpr_name(static_cast<Reg>(g));
        for (unsigned x = 0; x < 16; x++)
          if (r.fixed_xmm & bit(x)) out += " xmm" + std::to_string(x);
        if (r.roles) out += ";";
      }
      if (r.roles) {
        out += " temps";
        for (unsigned k = 0; k < 6; k++)
          if (r.roles & (1u << k)) out += std::string(" ") + kRoleNames[k];
      }
    }
    out += "\n";
  }
}

void register_file(const uint16_t taken[2], RegisterClass regs[2]) {
  static constexpr Reg kCallerSaved[] = {RSI, RDI, R8, R9, RDX, R10, R11, RCX, RAX};
  static constexpr Reg kCalleeSaved[] = {RBX, R12, R13, R14, R15};
  regs[0] = regs[1] = RegisterClass{};
  for (Reg r : kCallerSaved)
    if (!(taken[0] & bit(r))) regs[0].caller_saved.push_back(r);
  for (Reg r : kCalleeSaved)
    if (!(taken[0] & bit(r))) regs[0].callee_saved.push_back(r);
  for (unsigned x = 2; x < 18; x++)  // xmm2..xmm15, then xmm0 and xmm1 (all caller-saved)
    if (!(taken[1] & bit(x % 16))) regs[1].caller_saved.push_back(static_cast<uint8_t>(x % 16));
}

MachineConstraints machinize(const Func& f, const Cfg& cfg, const uint16_t caller_saved[2]) {
  MachineConstraints mc;
  std::vector<InsnRegs>& regs = mc.insns;
  regs.resize(cfg.insns.size());
  for (uint32_t i = 0; i < cfg.insns.size(); i++) {
    const InsnRegs& r = regs[i] = insn_regs(f, f.insn(cfg.insns[i]));
    if (r.calls) continue;
    uint32_t need_gpr = count_bits(r.roles & kGprRoles) + count_bits(r.fixed_gpr & caller_saved[0]);
    uint32_t need_xmm = count_bits(r.roles & kXmmRoles) + count_bits(r.fixed_xmm & caller_saved[1]);
    mc.reserve[0] = std::max(mc.reserve[0], need_gpr);
    mc.reserve[1] = std::max(mc.reserve[1], need_xmm);
  }
  for (uint32_t i = 0; i < regs.size(); i++) {
    const InsnRegs& r = regs[i];
    for (int c = 0; c < 2; c++)
      for (uint32_t fixed = c == 0 ? r.fixed_gpr : r.fixed_xmm; fixed; fixed &= fixed - 1) {
        uint8_t reg = static_cast<uint8_t>(__builtin_ctz(fixed));
        // Reads happen at 2i, writes at 2i+1 (see Liveness). The code writes an output last,
        // when it no longer needs its fixed registers, so an output may live in one of them;
        // several call results are the exception (they come out of fixed registers).
        if (r.fixed_in_place) continue;
        if (r.args_in_place) {
          mc.clobbers.add_between(c, reg, 2 * i);
        } else {
          mc.clobbers.add(c, reg, 2 * i);
        }
        if (r.fixed_at_write) mc.clobbers.add(c, reg, 2 * i + 1);
      }
  }
  find_hints(f, cfg, mc.hints);
  return mc;
}

}  // namespace kite::x86_64

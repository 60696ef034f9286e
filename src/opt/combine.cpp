// combine: merges adjacent instruction pairs whose intermediate variable is used nowhere
// else (its live interval spans exactly the pair):
//  - compare + branch on its result:  lt t, a, b; bt L, t   =>  blt L, a, b
//    (bf inverts integer comparisons; for floating ones only == and != invert safely, as
//    NaN makes !(a < b) differ from a >= b);
//  - address arithmetic into a memory operand:  add t, p, 8; mov r, i64:(t)  =>  mov r, i64:8(p)
// O(insns) after liveness.
#include "analysis/cfg.h"
#include "analysis/liveness.h"
#include "opt/pass.h"

namespace kite {
namespace {

// The compare-and-branch opcode for a comparison (taken when the comparison holds), or
// for its negation; false when there is none.
bool branch_for(Op cmp, bool negate, Op* out) {
  struct Pair {
    Op cmp, br, inv;  // inv: branch for the negated comparison (cmp itself when none)
  };
  static const Pair kPairs[] = {
      {Op::Eq, Op::Beq, Op::Bne},      {Op::EqS, Op::BeqS, Op::BneS},   {Op::Ne, Op::Bne, Op::Beq},
      {Op::NeS, Op::BneS, Op::BeqS},   {Op::Lt, Op::Blt, Op::Bge},      {Op::LtS, Op::BltS, Op::BgeS},
      {Op::Le, Op::Ble, Op::Bgt},      {Op::LeS, Op::BleS, Op::BgtS},   {Op::Gt, Op::Bgt, Op::Ble},
      {Op::GtS, Op::BgtS, Op::BleS},   {Op::Ge, Op::Bge, Op::Blt},      {Op::GeS, Op::BgeS, Op::BltS},
      {Op::ULt, Op::UBlt, Op::UBge},   {Op::ULtS, Op::UBltS, Op::UBgeS}, {Op::ULe, Op::UBle, Op::UBgt},
      {Op::ULeS, Op::UBleS, Op::UBgtS}, {Op::UGt, Op::UBgt, Op::UBle},   {Op::UGtS, Op::UBgtS, Op::UBleS},
      {Op::UGe, Op::UBge, Op::UBlt},   {Op::UGeS, Op::UBgeS, Op::UBltS}, {Op::FEq, Op::FBeq, Op::FBne},
      {Op::FNe, Op::FBne, Op::FBeq},   {Op::DEq, Op::DBeq, Op::DBne},   {Op::DNe, Op::DBne, Op::DBeq},
      {Op::LDEq, Op::LDBeq, Op::LDBne}, {Op::LDNe, Op::LDBne, Op::LDBeq}, {Op::FLt, Op::FBlt, Op::FLt},
      {Op::FLe, Op::FBle, Op::FLe},    {Op::FGt, Op::FBgt, Op::FGt},    {Op::FGe, Op::FBge, Op::FGe},
      {Op::DLt, Op::DBlt, Op::DLt},    {Op::DLe, Op::DBle, Op::DLe},    {Op::DGt, Op::DBgt, Op::DGt},
      {Op::DGe, Op::DBge, Op::DGe},    {Op::LDLt, Op::LDBlt, Op::LDLt}, {Op::LDLe, Op::LDBle, Op::LDLe},
      {Op::LDGt, Op::LDBgt, Op::LDGt}, {Op::LDGe, Op::LDBge, Op::LDGe},
  };
  for (const Pair& p : kPairs)
    if (p.cmp == cmp) {
      Op r = negate ? p.inv : p.br;
      if (r == cmp) return false;
      *out = r;
      return true;
    }
  return false;
}

}  // namespace

// O(insns + accesses) after liveness; steps aside where liveness would be too big.
bool run_combine(Func& f, PassContext&) {
  Cfg cfg = build_cfg(f);
  if (cfg.has_indirect_jump) return false;  // keep it simple where control flow is opaque
  if (!liveness_affordable(cfg, f.num_vars())) return false;
  Liveness lv = compute_liveness(f, cfg, /*intervals=*/false);
  bool changed = false;
  const uint32_t n = static_cast<uint32_t>(cfg.insns.size());
  // t (written by instruction i) must be dead after instruction i+1: its next access in the
  // block is a write, or there is none and it is not live out of the block. Worked out for
  // every instruction in one backward pass per block (next access per variable: 1 read,
  // 2 write), so a long block costs O(accesses), not O(length^2).
  std::vector<uint8_t> dead_after_next(n, 0), next_access(f.num_vars(), 0);
  std::vector<VarId> touched;
  for (uint32_t b = 0; b < cfg.blocks.size(); b++) {
    const Block& blk = cfg.blocks[b];
    for (uint32_t k = blk.end; k-- > blk.first;) {
      // next_access holds accesses after k: the answer for instruction k - 1.
      if (k > blk.first) {
        const Insn& prev = f.insn(cfg.insns[k - 1]);
        if (prev.nops >= 1 && prev.ops()[0].kind == OperandKind::Var) {
          VarId t = prev.ops()[0].a;
          dead_after_next[k - 1] = next_access[t] == 2 || (next_access[t] == 0 && !lv.live_out(b, t));
        }
      }
      uint32_t first_touched = static_cast<uint32_t>(touched.size());
      for_each_var_access(f, f.insn(cfg.insns[k]), [&](VarId v, bool write) {
        touched.push_back(v);
        if (!write) next_access[v] = 3;  // a read here wins over a write here (reads come first)
      });
      for (uint32_t j = first_touched; j < touched.size(); j++) {
        VarId v = touched[j];
        next_access[v] = next_access[v] == 3 ? 1 : 2;
      }
    }
    for (VarId v : touched) next_access[v] = 0;
    touched.clear();
  }
  auto pair_local = [&](VarId t, uint32_t i) {
    return !f.var(t).is_global && !lv.address_taken[t] && dead_after_next[i];
  };
  for (uint32_t i = 0; i + 1 < n; i++) {
    InsnId a_id = cfg.insns[i], b_id = cfg.insns[i + 1];
    if (cfg.block_of[i] != cfg.block_of[i + 1]) continue;
    Insn& a = f.insn(a_id);
    Insn& b = f.insn(b_id);
    if (a.nops < 1 || a.ops()[0].kind != OperandKind::Var) continue;
    VarId t = a.ops()[0].a;
    if (!pair_local(t, i)) continue;
    // compare + branch
    if ((b.op == Op::Bt || b.op == Op::Bf || b.op == Op::BtS || b.op == Op::BfS) && b.ops()[1].kind == OperandKind::Var &&
        b.ops()[1].a == t && a.nops == 3) {
      Op br;
      if (!branch_for(a.op, b.op == Op::Bf || b.op == Op::BfS, &br)) continue;
      Operand ops[3] = {b.ops()[0], a.ops()[1], a.ops()[2]};
      uint32_t loc = b.loc;  // (inserting may move the instruction buffer)
      InsnId fused = f.insert_before(b_id, br, ops);
      f.insn(fused).loc = loc;
      f.remove(a_id);
      f.remove(b_id);
      cfg.insns[i + 1] = fused;  // keeps the indexing of later pairs
      changed = true;
      continue;
    }
    // address arithmetic folded into the next instruction's memory operands
    if (a.op == Op::Add && a.ops()[1].kind == OperandKind::Var && a.ops()[2].kind == OperandKind::Int &&
        !f.var(a.ops()[1].a).is_global) {
      int64_t imm = a.ops()[2].int_value();
      VarId base = a.ops()[1].a;
      bool used_as_base = false, used_otherwise = false;
      for (uint32_t k = 0; k < b.nops; k++) {
        const Operand& o = b.ops()[k];
        if (o.kind == OperandKind::Var && o.a == t) used_otherwise = true;
        if (o.kind == OperandKind::Mem) {
          const MemRef& m = f.mem_ref(o);
          if (m.index == t) used_otherwise = true;
          if (m.base == t) used_as_base = true;
        }
      }
      if (!used_as_base || used_otherwise) continue;
      // Rewrite every memory operand based on t (fresh memory entries: they may be shared).
      std::vector<Operand> ops(b.ops(), b.ops() + b.nops);
      for (Operand& o : ops) {
        if (o.kind != OperandKind::Mem || f.mem_ref(o).base != t) continue;
        MemRef m = f.mem_ref(o);
        bool block = is_blk_type(o.type);  // a block argument's "disp" is its size
        if (block) {
          if (imm != 0) goto next_pair;
        }
        o = f.mem(o.type, block ? m.disp : m.disp + imm, base, m.index, o.scale, m.alias, m.nonalias);
      }
      {
        InsnId folded = f.insert_before(b_id, f.insn(b_id).op, ops);
        f.insn(folded).loc = f.insn(b_id).loc;
        f.remove(a_id);
        f.remove(b_id);
        cfg.insns[i + 1] = folded;
        changed = true;
      }
    }
  next_pair:;
  }
  return changed;
}

}  // namespace kite

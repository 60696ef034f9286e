// CFG construction: one pass to find block starts, one to link blocks.
#include "cfg.h"

#include "kite/ir.h"

namespace kite {

Cfg build_cfg(const Func& f) {
  Cfg g;
  g.insns.reserve(f.num_insns());
  for (InsnId id = f.first(); id != kNone; id = f.insn(id).next) g.insns.push_back(id);
  uint32_t n = static_cast<uint32_t>(g.insns.size());
  std::vector<uint8_t> starts(n + 1, 0);
  std::vector<uint32_t> label_index(f.num_labels(), UINT32_MAX);
  if (n) starts[0] = 1;
  for (uint32_t i = 0; i < n; i++) {
    const Insn& in = f.insn(g.insns[i]);
    if (in.op == Op::Label) {
      starts[i] = 1;
      label_index[in.ops()[0].a] = i;
    }
    if (op_has(in.op, kJump) || op_has(in.op, kTerminator) || in.op == Op::Switch) starts[i + 1] = 1;
    if (in.op == Op::JmpI || in.op == Op::JCall) g.has_indirect_jump = true;
  }
  g.block_of.assign(n, 0);
  uint32_t nblocks = 0;
  for (uint32_t i = 0; i < n; i++) nblocks += starts[i];
  g.blocks.reserve(nblocks);
  g.succ_list.reserve(2 * nblocks);
  for (uint32_t i = 0; i < n; i++) {
    if (starts[i]) g.blocks.push_back(Block{i, i, 0, 0});
    g.block_of[i] = static_cast<uint32_t>(g.blocks.size() - 1);
    g.blocks.back().end = i + 1;
  }
  // Blocks an indirect jump may reach: those of the labels whose address the function takes
  // (laddr, or an lref item of the module resolved to this function), each block once. With
  // a jcall, or an lref not resolved yet, every block a label starts. An interpreter's
  // dispatch loop has a hundred jmpi and labels by the thousand: edges to every label would
  // make liveness too big for it.
  std::vector<uint32_t> label_blocks;
  if (g.has_indirect_jump) {
    std::vector<uint8_t> taken(f.num_labels(), 0);
    bool all = false;
    for (uint32_t i = 0; i < n && !all; i++) {
      const Insn& in = f.insn(g.insns[i]);
      if (in.op == Op::JCall) all = true;
      if (in.op == Op::LAddr && in.nops == 2 && in.ops()[1].a < taken.size()) taken[in.ops()[1].a] = 1;
    }
    const Context& ctx = f.context();
    for (ItemId id : f.module().items) {
      if (all) break;
      const Item& it = ctx.item(id);
      if (it.kind != ItemKind::Lref) continue;
      if (it.lref.func == kNone) {
        all = true;
      } else if (it.lref.func == f.item()) {
        if (it.lref.label < taken.size()) taken[it.lref.label] = 1;
        if (it.lref.label2 != kNone && it.lref.label2 < taken.size()) taken[it.lref.label2] = 1;
      }
    }
    std::vector<uint8_t> seen(g.blocks.size(), 0);
    for (uint32_t i = 0; i < n; i++) {
      const Insn& in = f.insn(g.insns[i]);
      if (in.op != Op::Label || (!all && !taken[in.ops()[0].a]) || seen[g.block_of[i]]) continue;
      seen[g.block_of[i]] = 1;
      label_blocks.push_back(g.block_of[i]);
    }
  }
  auto block_at_label = [&](LabelId l) -> uint32_t {
    uint32_t i = l < label_index.size() ? label_index[l] : UINT32_MAX;
    return i == UINT32_MAX ? UINT32_MAX : g.block_of[i];
  };
  std::vector<uint32_t> added_by(g.blocks.size(), UINT32_MAX);  // the block that last added it
  for (uint32_t b = 0; b < g.blocks.size(); b++) {
    Block& blk = g.blocks[b];
    blk.succ_first = static_cast<uint32_t>(g.succ_list.size());
    const Insn& last = f.insn(g.insns[blk.end - 1]);
    auto add = [&](uint32_t s) {  // once per successor, however many switch cases name it
      if (s == UINT32_MAX || added_by[s] == b) return;
      added_by[s] = b;
      g.succ_list.push_back(s);
      blk.nsuccs++;
    };
    // jcall comes back through jret into labels; switch falls through when out of range.
    bool falls = !op_has(last.op, kTerminator) || last.op == Op::JCall || last.op == Op::Switch;
    if (last.op == Op::Switch) {
      for (uint32_t k = 1; k < last.nops; k++) add(block_at_label(last.ops()[k].a));
    } else if (op_has(last.op, kJump)) {
      add(block_at_label(last.ops()[0].a));
    }
    if (last.op == Op::JmpI || last.op == Op::JCall)
      for (uint32_t s : label_blocks) add(s);
    if (last.op == Op::Jmp) falls = false;
    if (falls && b + 1 < g.blocks.size()) add(b + 1);
  }
  return g;
}

}  // namespace kite

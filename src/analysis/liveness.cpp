// Liveness: per-block use/def bitsets, live-in/live-out to a fixpoint, then hull intervals.
#include "liveness.h"

#include <algorithm>

namespace kite {

bool calls_out(Op op) {
  return op_has(op, kCall) || op == Op::VaStart || op == Op::VaArg || op == Op::VaBlockArg;
}

Liveness compute_liveness(const Func& f, const Cfg& cfg, bool intervals) {
  Liveness lv;
  const uint32_t nvars = f.num_vars();
  const uint32_t words = (nvars + 63) / 64;
  const uint32_t nblocks = static_cast<uint32_t>(cfg.blocks.size());
  lv.intervals.assign(nvars, Interval{});
  lv.address_taken.assign(nvars, 0);
  std::vector<uint64_t> use(size_t(nblocks) * words, 0), def(size_t(nblocks) * words, 0);
  std::vector<uint64_t> in(size_t(nblocks) * words, 0), out(size_t(nblocks) * words, 0);
  auto bit = [](std::vector<uint64_t>& v, uint32_t b, uint32_t words, uint32_t x) -> bool {
    return (v[size_t(b) * words + x / 64] >> (x % 64)) & 1;
  };
  auto set = [](std::vector<uint64_t>& v, uint32_t b, uint32_t words, uint32_t x) {
    v[size_t(b) * words + x / 64] |= uint64_t(1) << (x % 64);
  };

  // Loop depth: a branch back to an earlier label marks the instructions in between.
  const uint32_t n = static_cast<uint32_t>(cfg.insns.size());
  std::vector<int32_t> delta(n + 1, 0);
  for (uint32_t b = 0; b < nblocks; b++)
    for (uint32_t s : cfg.succs(b))
      if (cfg.blocks[s].first <= cfg.blocks[b].first && !cfg.has_indirect_jump) {
        delta[cfg.blocks[s].first]++;
        delta[cfg.blocks[b].end]--;
      }

  // Every instruction's variable accesses, recorded once: (var << 1) | is_write, reads first.
  std::vector<uint32_t> acc, acc_at(n + 1, 0);
  acc.reserve(2 * size_t(n));
  int32_t depth = 0;
  for (uint32_t b = 0; b < nblocks; b++) {
    const Block& blk = cfg.blocks[b];
    for (uint32_t i = blk.first; i < blk.end; i++) {
      depth += delta[i];
      const Insn& insn = f.insn(cfg.insns[i]);
      if (insn.op == Op::Addr || insn.op == Op::Addr8 || insn.op == Op::Addr16 || insn.op == Op::Addr32)
        lv.address_taken[insn.ops()[1].a] = 1;
      uint64_t w = uint64_t(1) << (3 * std::min(depth, 4));
      acc_at[i] = static_cast<uint32_t>(acc.size());
      for_each_var_access(f, insn, [&](VarId v, bool write) {
        acc.push_back(v << 1 | (write ? 1u : 0u));
        lv.intervals[v].weight += w;
        // Uses before the instruction's own write count as upward-exposed.
        if (!write && !bit(def, b, words, v)) set(use, b, words, v);
      });
      for (uint32_t k = acc_at[i]; k < acc.size(); k++)
        if (acc[k] & 1) set(def, b, words, acc[k] >> 1);
    }
  }
  acc_at[n] = static_cast<uint32_t>(acc.size());
  // Backward dataflow to a fixpoint.
  std::vector<uint64_t> tmp(words);
  for (bool changed = true; changed;) {
    changed = false;
    for (uint32_t b = nblocks; b-- > 0;) {
      uint64_t* o = out.data() + size_t(b) * words;
      for (uint32_t s : cfg.succs(b))
        for (uint32_t w = 0; w < words; w++) o[w] |= in[size_t(s) * words + w];
      uint64_t* i = in.data() + size_t(b) * words;
      for (uint32_t w = 0; w < words; w++) {
        uint64_t v = use[size_t(b) * words + w] | (o[w] & ~def[size_t(b) * words + w]);
        if (v != i[w]) {
          i[w] = v;
          changed = true;
        }
      }
    }
  }
  lv.words = words;
  if (!intervals) {
    lv.out = std::move(out);
    return lv;
  }
  // Exact ranges: backwards through each block, a read opens a range (ending there) unless
  // one is open, a write closes it (starting there). Walking a block from its live-out set
  // leaves exactly its live-in set open, so between two blocks only the difference changes:
  // values live into the later block but not out of the earlier one close at the boundary,
  // values live out of the earlier one but not into the later one open there, the rest stay
  // open (word-wide bit operations, not a step per live value). Blocks go last to first, so
  // each variable's ranges arrive in decreasing order; one that ends where the previous one
  // starts is merged with it.
  lv.first_range.assign(nvars, kNoRange);
  std::vector<uint32_t> open_end(nvars, kNoRange);
  auto add_range = [&](VarId v, uint32_t s, uint32_t e) {
    uint32_t prev = lv.first_range[v];
    if (prev != kNoRange && lv.ranges[prev].start == e + 1) {
      lv.ranges[prev].start = s;
      return;
    }
    lv.ranges.push_back(LiveRange{s, e, prev});
    lv.first_range[v] = static_cast<uint32_t>(lv.ranges.size() - 1);
  };
  auto close_at = [&](VarId v, uint32_t start) {
    add_range(v, start, open_end[v]);
    open_end[v] = kNoRange;
  };
  for (uint32_t b = nblocks; b-- > 0;) {
    const Block& blk = cfg.blocks[b];
    const uint64_t* o = out.data() + size_t(b) * words;
    const uint64_t* later_in = b + 1 < nblocks ? in.data() + size_t(b + 1) * words : nullptr;
    for (uint32_t w = 0; w < words; w++) {
      uint64_t later = later_in ? later_in[w] : 0;
      for (uint64_t x = later & ~o[w]; x; x &= x - 1)
        close_at(w * 64 + static_cast<uint32_t>(__builtin_ctzll(x)), 2 * blk.end);
      for (uint64_t x = o[w] & ~later; x; x &= x - 1)
        open_end[w * 64 + static_cast<uint32_t>(__builtin_ctzll(x))] = 2 * blk.end - 1;
    }
    for (uint32_t i = blk.end; i-- > blk.first;) {
      for (uint32_t k = acc_at[i]; k < acc_at[i + 1]; k++) {
        if (!(acc[k] & 1)) continue;
        VarId v = acc[k] >> 1;
        if (open_end[v] == kNoRange) open_end[v] = 2 * i + 1;  // a dead write: one point
        close_at(v, 2 * i + 1);
      }
      for (uint32_t k = acc_at[i]; k < acc_at[i + 1]; k++)
        if (!(acc[k] & 1) && open_end[acc[k] >> 1] == kNoRange) open_end[acc[k] >> 1] = 2 * i;
    }
  }
  for (uint32_t w = 0; nblocks && w < words; w++)  // live into the function
    for (uint64_t x = in[w]; x; x &= x - 1) close_at(w * 64 + static_cast<uint32_t>(__builtin_ctzll(x)), 0);
  // Hulls: from the first range's start to the last one's end. Parameters are defined on
  // entry (unused ones need no register).
  for (VarId v = 0; v < nvars; v++) {
    uint32_t k = lv.first_range[v];
    if (k == kNoRange) continue;
    Interval& iv = lv.intervals[v];
    iv.start = v < f.sig().nparams ? 0 : lv.ranges[k].start;
    for (; lv.ranges[k].next != kNoRange; k = lv.ranges[k].next) {
    }
    iv.end = lv.ranges[k].end;
  }
  lv.words = words;
  lv.out = std::move(out);
  return lv;
}

}  // namespace kite

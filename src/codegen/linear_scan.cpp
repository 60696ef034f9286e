// Linear scan: see linear_scan.h.
#include "linear_scan.h"

#include <algorithm>
#include <cassert>

namespace kite {

void RegisterClobbers::add_half(int cls, uint8_t reg, uint32_t half) {
  std::vector<uint32_t>& v = at_[cls][reg];
  assert(v.empty() || v.back() <= half);
  if (v.empty() || v.back() != half) v.push_back(half);
}

bool RegisterClobbers::any_in_list(const std::vector<uint32_t>& v, uint32_t start, uint32_t end) {
  auto it = std::lower_bound(v.begin(), v.end(), 2 * start);
  return it != v.end() && *it <= 2 * end;
}

Allocation linear_scan(const Liveness& lv, const std::vector<int8_t>& classes, const RegisterClass regs[2],
                       const RegisterClobbers& clobbers, const RegisterHints* hints) {
  const uint32_t nvars = static_cast<uint32_t>(lv.intervals.size());
  Allocation out;
  out.reg.assign(nvars, Allocation::kSpilled);
  std::vector<VarId> order;
  for (VarId v = 0; v < nvars; v++)
    if (classes[v] >= 0 && !lv.intervals[v].empty() && !lv.address_taken[v]) order.push_back(v);
  std::sort(order.begin(), order.end(), [&](VarId a, VarId b) {
    const Interval &x = lv.intervals[a], &y = lv.intervals[b];
    return x.start != y.start ? x.start < y.start : a < b;
  });
  // For each class and register: the variable that last took it (kNone when never taken).
  // A holder whose interval ended before the current start no longer occupies it.
  VarId holder[2][kMaxClassRegs];
  for (auto& row : holder) std::fill(std::begin(row), std::end(row), kNone);
  uint32_t cap[2];
  for (int c = 0; c < 2; c++) {
    uint32_t n = static_cast<uint32_t>(regs[c].caller_saved.size());
    cap[c] = regs[c].reserve >= n ? 0 : n - regs[c].reserve;
  }
  auto end_of = [&](VarId h) { return lv.intervals[h].end; };
  // Clobbers matter only where the value is live: a register a call clobbers stays usable
  // for a variable that is dead across the call (a hole in its interval).
  auto clobbered = [&](VarId v, int c, uint8_t r) {
    if (!clobbers.any_in(c, r, lv.intervals[v].start, lv.intervals[v].end)) return false;  // the common case
    if (lv.first_range.empty()) return true;
    for (uint32_t k = lv.first_range[v]; k != kNoRange; k = lv.ranges[k].next)
      if (clobbers.any_in(c, r, lv.ranges[k].start, lv.ranges[k].end)) return true;
    return false;
  };

  for (VarId v : order) {
    const Interval& iv = lv.intervals[v];
    const int c = classes[v];
    const RegisterClass& rc = regs[c];
    // Candidates: registers not clobbered where the value is live, caller-saved first.
    uint8_t cand[2 * kMaxClassRegs];
    uint32_t ncand = 0, ncaller = 0;
    for (uint8_t r : rc.caller_saved)
      if (!clobbered(v, c, r)) cand[ncand++] = r;
    ncaller = ncand;
    for (uint8_t r : rc.callee_saved)
      if (!clobbered(v, c, r)) cand[ncand++] = r;
    // Caller-saved registers in use at this instruction (its reads and its writes): a
    // register whose holder is read here for the last time still counts.
    const uint32_t insn_start = iv.start & ~1u;
    uint32_t held = 0;
    for (uint8_t r : rc.caller_saved) held += holder[c][r] != kNone && end_of(holder[c][r]) >= insn_start;
    auto usable = [&](uint32_t k) {
      VarId h = holder[c][cand[k]];
      if (h != kNone && end_of(h) >= iv.start) return false;  // occupied
      bool counted = h != kNone && end_of(h) >= insn_start;
      return !(k < ncaller && !counted && held >= cap[c]);  // would crowd out temporaries
    };
    int pick = -1;
    if (hints) {  // the wanted register, then the copy partner's
      int wanted[2] = {hints->reg[v], -1};
      VarId partner = hints->var[v];
      if (partner != kNone && classes[partner] == c) wanted[1] = out.reg[partner];
      for (int w : wanted)
        for (uint32_t k = 0; k < ncand && pick < 0 && w >= 0; k++)
          if (cand[k] == w && usable(k)) pick = w;
    }
    for (uint32_t k = 0; k < ncand && pick < 0; k++)
      if (usable(k)) pick = cand[k];
    if (pick >= 0) {
      holder[c][pick] = v;
      out.reg[v] = static_cast<int16_t>(pick);
      continue;
    }
    // No register: spill the cheapest of the candidates' current holders, or this interval.
    int victim = -1;
    uint64_t cheapest = iv.weight;
    for (uint32_t k = 0; k < ncand; k++) {
      VarId h = holder[c][cand[k]];
      if (h != kNone && end_of(h) >= iv.start && out.reg[h] == cand[k] && lv.intervals[h].weight < cheapest) {
        cheapest = lv.intervals[h].weight;
        victim = cand[k];
      }
    }
    if (victim < 0) continue;  // this interval stays in memory
    out.reg[holder[c][victim]] = Allocation::kSpilled;
    holder[c][victim] = v;
    out.reg[v] = static_cast<int16_t>(victim);
  }
  return out;
}

}  // namespace kite

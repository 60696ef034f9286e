// Linear scan: see linear_scan.h.
#include "linear_scan.h"

#include <algorithm>

namespace kite {

Allocation linear_scan(const Liveness& lv, const std::vector<int8_t>& classes, const RegisterPool pools[2]) {
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
  // For each class and register: the variable holding it now (kNone when free).
  std::vector<VarId> holder[2];
  uint32_t max_reg = 0;
  for (int c = 0; c < 2; c++) {
    for (uint8_t r : pools[c].caller_saved) max_reg = std::max<uint32_t>(max_reg, r + 1);
    for (uint8_t r : pools[c].callee_saved) max_reg = std::max<uint32_t>(max_reg, r + 1);
  }
  for (int c = 0; c < 2; c++) holder[c].assign(max_reg, kNone);

  for (VarId v : order) {
    const Interval& iv = lv.intervals[v];
    int c = classes[v];
    bool crosses = lv.crosses_call(iv);
    // Registers this interval may use: preserved ones first when it crosses a call.
    std::vector<uint8_t> allowed = pools[c].callee_saved;
    if (!crosses) allowed.insert(allowed.begin(), pools[c].caller_saved.begin(), pools[c].caller_saved.end());
    // Expire intervals that ended before this one starts.
    for (uint8_t r : allowed) {
      VarId h = holder[c][r];
      if (h != kNone && lv.intervals[h].end < iv.start) holder[c][r] = kNone;
    }
    int free_reg = -1;
    for (uint8_t r : allowed)
      if (holder[c][r] == kNone) {
        free_reg = r;
        break;
      }
    if (free_reg >= 0) {
      holder[c][free_reg] = v;
      out.reg[v] = free_reg;
      continue;
    }
    // No free register: spill the cheapest of the holders and this interval.
    int victim_reg = -1;
    uint64_t cheapest = iv.weight;
    for (uint8_t r : allowed) {
      VarId h = holder[c][r];
      if (h != kNone && lv.intervals[h].weight < cheapest) {
        cheapest = lv.intervals[h].weight;
        victim_reg = r;
      }
    }
    if (victim_reg < 0) continue;  // this interval stays in memory
    out.reg[holder[c][victim_reg]] = Allocation::kSpilled;
    holder[c][victim_reg] = v;
    out.reg[v] = victim_reg;
  }
  return out;
}

}  // namespace kite

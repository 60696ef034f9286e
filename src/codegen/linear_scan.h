// Linear-scan register allocation (Poletto and Sarkar) over whole-variable live intervals:
// intervals are visited by start; a free register of the variable's class is taken when one
// is available; otherwise the cheapest of the competing intervals (by loop-weighted uses) is
// spilled to its frame slot for the whole function. Intervals that contain a call can only
// take registers the calling convention preserves. O(V log V + V * R).
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/liveness.h"

namespace kite {

struct RegisterPool {
  std::vector<uint8_t> caller_saved;  // free between calls (target register numbers)
  std::vector<uint8_t> callee_saved;  // kept across calls (the function must save them)
};

struct Allocation {
  static constexpr int16_t kSpilled = -1;
  std::vector<int16_t> reg;  // by VarId: a target register number, or kSpilled
};

// classes[v]: 0 = integer, 1 = floating point, -1 = never in a register (stays in memory).
Allocation linear_scan(const Liveness& lv, const std::vector<int8_t>& classes, const RegisterPool pools[2]);

}  // namespace kite

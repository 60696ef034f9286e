// Variable liveness over the CFG (iterative backward dataflow on bitsets) and, from it, one
// live interval per variable in linear instruction order (its hull), with loop-weighted use
// counts, and the exact live ranges inside it (the hull minus its holes).
// Positions: instruction i reads at 2i and writes at 2i+1.
#pragma once
#include <cstdint>
#include <vector>

#include "cfg.h"

namespace kite {

// For each operand of an instruction, whether it reads and/or writes a variable (memory
// operands read their base and index). Calls visit(var, is_write).
template <typename Visit>
void for_each_var_access(const Func& f, const Insn& in, Visit&& visit);

struct Interval {
  uint32_t start = UINT32_MAX;
  uint32_t end = 0;
  uint64_t weight = 0;  // uses and defs, times 8 per loop level
  bool empty() const { return start > end; }
};

// One stretch [start, end] where a variable holds a value that is still needed; a variable's
// ranges chain through `next` in increasing order, never overlap and never touch.
struct LiveRange {
  uint32_t start, end;
  uint32_t next;  // index in Liveness::ranges, or kNoRange
};
constexpr uint32_t kNoRange = UINT32_MAX;

struct Liveness {
  std::vector<Interval> intervals;      // by VarId
  std::vector<LiveRange> ranges;        // every variable's ranges, chained
  std::vector<uint32_t> first_range;    // by VarId: its first range, or kNoRange
  std::vector<uint8_t> address_taken;   // by VarId: addr* applied (must stay in memory)
  // Whether v is live on exit from block b.
  bool live_out(uint32_t b, VarId v) const { return (out[size_t(b) * words + v / 64] >> (v % 64)) & 1; }

  uint32_t words = 0;          // bitset words per block
  std::vector<uint64_t> out;   // live-out bitsets, by block
};

// Complexity: O(iterations * blocks * vars / 64) for the dataflow, O(operands) otherwise.
// Without `intervals` only live_out and address_taken are filled in (for
// passes that ask whether a value lives on).
Liveness compute_liveness(const Func& f, const Cfg& cfg, bool intervals = true);

// Liveness keeps a bitset of all variables per block, four times over, and each round of
// the dataflow merges one per edge: beyond this many 64-bit words per set (16 MB), counting
// edges too, a function is too big for it, and passes that need it step aside (the code
// generator then keeps every variable in memory, as at -O0).
constexpr uint64_t kLivenessBudgetWords = uint64_t(1) << 21;
inline bool liveness_affordable(const Cfg& cfg, uint32_t nvars) {
  return (uint64_t(cfg.blocks.size()) + cfg.succ_list.size()) * ((nvars + 63) / 64) <= kLivenessBudgetWords;
}

// True for instructions after which caller-saved registers are clobbered.
bool calls_out(Op op);

}  // namespace kite

#include "liveness_inl.h"

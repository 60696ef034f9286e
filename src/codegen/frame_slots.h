// Frame slots shared by variables that are never live at the same time. A variable in memory
// (spilled, or one the code generator parks around a call) touches its slot only where it is
// live: every read and write of it lies inside its live interval (a dead write is a one-point
// range). Two variables whose intervals share no instruction can therefore use one slot, and
// a function with thousands of short-lived temporaries (an interpreter's dispatch loop
// written in C) needs a frame the size of its widest point, not of its variable count.
//
// Greedy interval colouring in order of start with the ends in a min-heap: optimal for
// interval graphs. O(V log V).
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/liveness.h"

namespace kite {

struct FrameSlots {
  static constexpr int32_t kOwn = -1;
  std::vector<int32_t> slot;  // by VarId: a shared slot index, or kOwn (a slot of its own)
  uint32_t count = 0;         // shared slots used
};

// eligible[v]: v takes one 8-byte slot and may share it (not a parameter, not address-taken,
// not wider than 8 bytes). An eligible variable that is never live (it appears only in
// unreachable code) gets a slot that all such variables share.
FrameSlots share_frame_slots(const Liveness& lv, const std::vector<uint8_t>& eligible);

// Without liveness (-O0, where nothing else needs it): the same sharing for the variables
// whose every access is in one basic block, the first a write. Such a value is live from
// that write to its last read and nowhere else, which one pass over the instructions finds;
// the temporaries a C compiler makes for each subexpression are nearly all of this kind.
// The others keep their own slots. O(instructions + V log V).
FrameSlots share_block_local_slots(const Func& f, const std::vector<uint8_t>& eligible);

// Whether f calls setjmp or one of its kin directly. Such a call returns a second time from
// a longjmp, after code the live intervals know nothing of (a variable live across the call
// may have shared its slot with one written later), so f's variables keep their own slots.
bool calls_returns_twice(const Func& f);

}  // namespace kite

// The control-flow graph of a function: basic blocks over the instruction list, in layout
// order, with successor and predecessor lists. O(insns) to build.
#pragma once
#include <cstdint>
#include <vector>

#include "kite/ir.h"

namespace kite {

struct Block {
  uint32_t first;  // index of the first instruction (in Cfg::insns)
  uint32_t end;    // one past the last
  std::vector<uint32_t> succs;
  std::vector<uint32_t> preds;
};

struct Cfg {
  std::vector<InsnId> insns;       // every instruction in layout order
  std::vector<uint32_t> block_of;  // instruction index -> block
  std::vector<Block> blocks;
  bool has_indirect_jump = false;  // jmpi/jcall: successors unknown (treated conservatively)
};

// Builds the CFG. Labels start blocks; branches, switch, ret and jumps end them. An indirect
// jump (jmpi) may reach any label whose address is taken (laddr) or any label at all when
// the address comes from data (lref): it gets every label-started block as a successor.
Cfg build_cfg(const Func& f);

}  // namespace kite

// The control-flow graph of a function: basic blocks over the instruction list, in layout
// order, with successor lists in one flat array. O(insns) to build.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "kite/ir.h"

namespace kite {

struct Block {
  uint32_t first;       // index of the first instruction (in Cfg::insns)
  uint32_t end;         // one past the last
  uint32_t succ_first;  // its successors: Cfg::succ_list[succ_first, succ_first + nsuccs)
  uint32_t nsuccs;
};

struct Cfg {
  std::vector<InsnId> insns;       // every instruction in layout order
  std::vector<uint32_t> block_of;  // instruction index -> block
  std::vector<Block> blocks;
  std::vector<uint32_t> succ_list;  // every block's successors, block after block
  bool has_indirect_jump = false;  // jmpi/jcall: successors unknown (treated conservatively)

  std::span<const uint32_t> succs(uint32_t b) const {
    return {succ_list.data() + blocks[b].succ_first, blocks[b].nsuccs};
  }
};

// Builds the CFG. Labels start blocks; branches, switch, ret and jumps end them. An indirect
// jump (jmpi) may reach any label whose address is taken (laddr) or any label at all when
// the address comes from data (lref): it gets every label-started block as a successor.
Cfg build_cfg(const Func& f);

}  // namespace kite

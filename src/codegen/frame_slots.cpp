// Frame slot sharing: see frame_slots.h.
#include "frame_slots.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <string_view>
#include <utility>

#include "kite/ir.h"

namespace kite {

FrameSlots share_frame_slots(const Liveness& lv, const std::vector<uint8_t>& eligible) {
  const uint32_t nvars = static_cast<uint32_t>(lv.intervals.size());
  FrameSlots out;
  out.slot.assign(nvars, FrameSlots::kOwn);
  std::vector<VarId> order;
  int32_t never_live = FrameSlots::kOwn;
  for (VarId v = 0; v < nvars && v < eligible.size(); v++) {
    if (!eligible[v] || lv.address_taken[v]) continue;
    if (!lv.intervals[v].empty()) {
      order.push_back(v);
    } else {
      if (never_live == FrameSlots::kOwn) never_live = static_cast<int32_t>(out.count++);
      out.slot[v] = never_live;
    }
  }
  // Instruction granularity (positions 2i and 2i+1 are instruction i): a value read for the
  // last time by an instruction never shares with one that instruction writes, whatever
  // order the instruction's code reads and writes its operands in.
  auto first_insn = [&](VarId v) { return lv.intervals[v].start / 2; };
  auto last_insn = [&](VarId v) { return lv.intervals[v].end / 2; };
  std::sort(order.begin(), order.end(), [&](VarId a, VarId b) {
    return first_insn(a) != first_insn(b) ? first_insn(a) < first_insn(b) : a < b;
  });
  using Busy = std::pair<uint32_t, int32_t>;  // (last instruction, slot)
  std::priority_queue<Busy, std::vector<Busy>, std::greater<Busy>> busy;
  std::vector<int32_t> free_slots;
  for (VarId v : order) {
    while (!busy.empty() && busy.top().first < first_insn(v)) {
      free_slots.push_back(busy.top().second);
      busy.pop();
    }
    int32_t s;
    if (!free_slots.empty()) {
      s = free_slots.back();
      free_slots.pop_back();
    } else {
      s = static_cast<int32_t>(out.count++);
    }
    out.slot[v] = s;
    busy.push({last_insn(v), s});
  }
  return out;
}

FrameSlots share_block_local_slots(const Func& f, const std::vector<uint8_t>& eligible) {
  const uint32_t nvars = f.num_vars();
  constexpr uint32_t kNoBlock = UINT32_MAX, kNotLocal = UINT32_MAX - 1;
  std::vector<uint32_t> block_of(nvars, kNoBlock);  // the one block it is accessed in
  Liveness lv;
  lv.intervals.assign(nvars, Interval{});
  lv.address_taken.assign(nvars, 0);
  uint32_t block = 0, index = 0;
  bool block_ended = false;
  auto access = [&](VarId v, bool write, uint32_t pos) {
    if (block_of[v] == kNotLocal) return;
    if (block_of[v] == kNoBlock) {
      if (!write) {  // read before any write: a value from elsewhere
        block_of[v] = kNotLocal;
        return;
      }
      block_of[v] = block;
      lv.intervals[v].start = pos;
    } else if (block_of[v] != block) {
      block_of[v] = kNotLocal;
      return;
    }
    lv.intervals[v].end = pos;
  };
  for (InsnId id = f.first(); id != kNone; id = f.insn(id).next, index++) {
    const Insn& in = f.insn(id);
    if (in.op == Op::Label || block_ended) block++;
    block_ended = op_has(in.op, kJump) || op_has(in.op, kTerminator) || in.op == Op::Switch;
    if (in.op == Op::Addr || in.op == Op::Addr8 || in.op == Op::Addr16 || in.op == Op::Addr32)
      lv.address_taken[in.ops()[1].a] = 1;
    // Reads first: an instruction reads its operands before it writes its results.
    for_each_var_access(f, in, [&](VarId v, bool write) {
      if (!write) access(v, false, 2 * index);
    });
    for_each_var_access(f, in, [&](VarId v, bool write) {
      if (write) access(v, true, 2 * index + 1);
    });
  }
  std::vector<uint8_t> local(nvars, 0);
  for (VarId v = 0; v < nvars && v < eligible.size(); v++) local[v] = eligible[v] && block_of[v] < kNotLocal;
  return share_frame_slots(lv, local);
}

bool calls_returns_twice(const Func& f) {
  const Context& ctx = f.context();
  for (InsnId id = f.first(); id != kNone; id = f.insn(id).next) {
    const Insn& in = f.insn(id);
    if (!op_has(in.op, kCall) || in.nops < 2 || in.ops()[1].kind != OperandKind::Item) continue;
    std::string_view name = ctx.name(ctx.item(in.ops()[1].a).name);
    if (name == "setjmp" || name == "_setjmp" || name == "__setjmp" || name == "sigsetjmp" ||
        name == "__sigsetjmp" || name == "savectx" || name == "vfork" || name == "getcontext")
      return true;
  }
  return false;
}

}  // namespace kite

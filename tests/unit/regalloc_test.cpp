// CFG, liveness, machinize and linear scan: intervals on small functions, the x86-64
// register constraints of a few instructions, and allocation invariants (no two overlapping
// same-class intervals share a register, none holds a register where it is clobbered, the
// temporaries' reserve is kept) checked over every function of the run filetests, with the
// real x86-64 register file and constraints and with a tiny one that forces spilling.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/cfg.h"
#include "analysis/liveness.h"
#include "codegen/linear_scan.h"
#include "target/x86_64/machinize.h"
#include "kite/kite.h"
#include "test_util.h"

using namespace kite;
namespace fs = std::filesystem;

namespace {

Func* parse_one(Context& ctx, const char* text) {
  Module* m = kite::testing::read_module(ctx, text);
  if (!m) return nullptr;
  for (ItemId id : m->items)
    if (ctx.item(id).kind == ItemKind::Func) return ctx.item(id).func;
  return nullptr;
}

// The x86-64 register file as the code generator hands it to the allocator (no globals), with
// machinize's constraints and reserves for f.
x86_64::MachineConstraints x86_constraints(const Func& f, const Cfg& g, RegisterClass regs[2]) {
  const uint16_t no_globals[2] = {0, 0};
  x86_64::register_file(no_globals, regs);
  uint16_t pools[2] = {0, 0};
  for (int c = 0; c < 2; c++)
    for (uint8_t r : regs[c].caller_saved) pools[c] |= static_cast<uint16_t>(1u << r);
  x86_64::MachineConstraints mc = x86_64::machinize(f, g, pools);
  regs[0].reserve = mc.reserve[0];
  regs[1].reserve = mc.reserve[1];
  return mc;
}

TEST(Cfg, BlocksAndEdges) {
  Context ctx;
  Func* f = parse_one(ctx, R"(m: module
f: func i64, i64:n
  local i64:i
  mov i, 0
loop: bge done, i, n
  add i, i, 1
  jmp loop
done: ret i
  endfunc
endmodule
)");
  ASSERT_NE(f, nullptr);
  Cfg g = build_cfg(*f);
  ASSERT_EQ(g.blocks.size(), 4u);  // entry, loop header, body, exit
  auto succs = [&](uint32_t b) { return std::vector<uint32_t>(g.succs(b).begin(), g.succs(b).end()); };
  EXPECT_EQ(succs(0), std::vector<uint32_t>({1}));
  EXPECT_EQ(succs(1), std::vector<uint32_t>({3, 2}));
  EXPECT_EQ(succs(2), std::vector<uint32_t>({1}));
  EXPECT_TRUE(succs(3).empty());
}

TEST(Liveness, LoopCarriedVariableCoversTheLoop) {
  Context ctx;
  Func* f = parse_one(ctx, R"(m: module
p: proto
f: func i64, i64:n
  local i64:i, i64:t, i64:u
  mov t, 5
  mov i, 0
loop: bge done, i, n
  add i, i, 1
  jmp loop
done: call p, f
  mov u, t
  ret u
  endfunc
endmodule
)");
  ASSERT_NE(f, nullptr);
  Cfg g = build_cfg(*f);
  Liveness lv = compute_liveness(*f, g);
  const Interval& n = lv.intervals[0];
  const Interval& i = lv.intervals[1];
  const Interval& t = lv.intervals[2];
  const Interval& u = lv.intervals[3];
  EXPECT_EQ(n.start, 0u);
  EXPECT_LE(i.start, 3u);       // written by insn 1
  EXPECT_GE(i.end, 2u * 5 - 1);  // live around the back edge (jmp at index 5)
  const uint32_t call = 2 * 7;       // the call reads at 2i (instruction 7)
  ASSERT_EQ(f->insn(g.insns[7]).op, Op::Call);
  EXPECT_TRUE(t.start < call && t.end > call);  // t lives across the call
  EXPECT_GT(u.start, call);                     // u is born after it
  EXPECT_GT(i.weight, t.weight);     // loop uses weigh more
  // i is live without a hole from its first write to the back edge: one range, its hull.
  uint32_t r = lv.first_range[1];
  ASSERT_NE(r, kNoRange);
  EXPECT_EQ(lv.ranges[r].next, kNoRange);
  EXPECT_EQ(lv.ranges[r].start, i.start);
  EXPECT_EQ(lv.ranges[r].end, i.end);
}

TEST(Liveness, RangesLeaveHolesAroundCalls) {
  Context ctx;
  Func* f = parse_one(ctx, R"(m: module
p: proto i64, i64:x
f: func i64, i64:n
  local i64:t, i64:u
  add t, n, 1
  call p, g, u, t
  add t, u, 2
  call p, g, u, t
  ret u
  endfunc
g: func i64, i64:x
  ret x
  endfunc
endmodule
)");
  ASSERT_NE(f, nullptr);
  Cfg g = build_cfg(*f);
  Liveness lv = compute_liveness(*f, g);
  std::vector<std::pair<uint32_t, uint32_t>> t;  // t is variable 1
  for (uint32_t k = lv.first_range[1]; k != kNoRange; k = lv.ranges[k].next)
    t.emplace_back(lv.ranges[k].start, lv.ranges[k].end);
  ASSERT_TRUE(std::is_sorted(t.begin(), t.end()));  // chained in increasing order
  ASSERT_EQ(t.size(), 2u);  // written at 1, read by the first call at 2; written at 5, read at 6
  EXPECT_EQ(t[0], std::make_pair(1u, 2u));
  EXPECT_EQ(t[1], std::make_pair(5u, 6u));
  EXPECT_EQ(lv.intervals[1].start, 1u);
  EXPECT_EQ(lv.intervals[1].end, 6u);
  // Dead across both calls, so a caller-saved register will do.
  RegisterClass regs[2];
  x86_64::MachineConstraints mc = x86_constraints(*f, g, regs);
  std::vector<int8_t> classes(f->num_vars(), 0);
  Allocation a = linear_scan(lv, classes, regs, mc.clobbers, &mc.hints);
  ASSERT_GE(a.reg[1], 0);
  EXPECT_TRUE(a.reg[1] != 3 && a.reg[1] < 12) << "t got callee-saved r" << a.reg[1];
}

bool overlap(const Interval& a, const Interval& b) { return a.start <= b.end && b.start <= a.end; }

struct AllocSetup {
  RegisterClass regs[2];
  RegisterClobbers clobbers;
  const RegisterHints* hints = nullptr;
};

// Checks an allocation against its constraints: no two overlapping intervals of a class share
// a register, no interval holds a register where it is clobbered, and at no instruction do
// variables hold more caller-saved registers than the reserve allows.
void check_invariants(const Func& f, const Liveness& lv, const std::vector<int8_t>& classes, const AllocSetup& s,
                      int* allocated, int* spilled) {
  Allocation a = linear_scan(lv, classes, s.regs, s.clobbers, s.hints);
  for (VarId v = 0; v < f.num_vars(); v++) {
    if (a.reg[v] == Allocation::kSpilled) {
      *spilled += classes[v] >= 0;
      continue;
    }
    ++*allocated;
    int c = classes[v];
    ASSERT_GE(c, 0);
    const Interval& iv = lv.intervals[v];
    for (uint32_t k = lv.first_range[v]; k != kNoRange; k = lv.ranges[k].next) {
      const LiveRange& r = lv.ranges[k];
      EXPECT_TRUE(r.start >= iv.start && r.end <= iv.end) << "variable " << v << ": a range outside its interval";
      EXPECT_FALSE(s.clobbers.any_in(c, static_cast<uint8_t>(a.reg[v]), r.start, r.end))
          << "variable " << v << " holds r" << a.reg[v] << " where it is clobbered";
    }
    for (VarId w = v + 1; w < f.num_vars(); w++) {
      if (a.reg[w] == a.reg[v] && classes[w] == c) {
        EXPECT_FALSE(overlap(iv, lv.intervals[w])) << "variables " << v << " and " << w << " share a register";
      }
    }
  }
  for (int c = 0; c < 2; c++) {
    const auto& caller = s.regs[c].caller_saved;
    uint32_t cap = s.regs[c].reserve >= caller.size() ? 0 : static_cast<uint32_t>(caller.size()) - s.regs[c].reserve;
    uint32_t last = 0;
    for (const Interval& iv : lv.intervals)
      if (!iv.empty()) last = std::max(last, iv.end / 2);
    for (uint32_t i = 0; i <= last; i++) {
      uint64_t held = 0;  // distinct caller-saved registers read or written at instruction i
      for (VarId v = 0; v < f.num_vars(); v++) {
        const Interval& iv = lv.intervals[v];
        if (classes[v] != c || a.reg[v] < 0 || iv.start > 2 * i + 1 || iv.end < 2 * i) continue;
        if (std::find(caller.begin(), caller.end(), a.reg[v]) != caller.end()) held |= uint64_t(1) << a.reg[v];
      }
      EXPECT_LE(static_cast<uint32_t>(__builtin_popcountll(held)), cap) << "instruction " << i << ", class " << c;
    }
  }
}

TEST(LinearScan, InvariantsOverEveryRunFiletestFunction) {
  int functions = 0, allocated = 0, spilled = 0;
  for (auto& e : fs::directory_iterator(KITE_FILETEST_DIR "/run")) {
    if (e.path().extension() != ".mir") continue;
    Context ctx;
    Diagnostics diags;
    std::vector<Module*> mods;
    ASSERT_TRUE(check_text(ctx, kite::testing::read_text(e.path()), e.path().string(), diags, &mods));
    for (Module* m : mods)
      for (ItemId id : m->items) {
        if (ctx.item(id).kind != ItemKind::Func) continue;
        const Func& f = *ctx.item(id).func;
        functions++;
        Cfg g = build_cfg(f);
        Liveness lv = compute_liveness(f, g);
        std::vector<int8_t> classes(f.num_vars(), -1);
        for (VarId v = 0; v < f.num_vars(); v++)
          if (!f.var(v).is_global && f.var(v).type != Type::LD) classes[v] = f.var(v).type == Type::I64 ? 0 : 1;
        // The x86-64 register file with its real constraints (machinize).
        AllocSetup x86;
        x86_64::MachineConstraints mc = x86_constraints(f, g, x86.regs);
        x86.clobbers = std::move(mc.clobbers);
        x86.hints = &mc.hints;
        check_invariants(f, lv, classes, x86, &allocated, &spilled);
        // A tiny register file that forces spilling: calls clobber the caller-saved ones.
        AllocSetup tiny;
        tiny.regs[0] = {{6, 7}, {3}, 1};
        tiny.regs[1] = {{2}, {}, 0};
        for (uint32_t i = 0; i < g.insns.size(); i++) {
          if (!calls_out(f.insn(g.insns[i]).op)) continue;
          for (uint8_t r : {6, 7}) tiny.clobbers.add(0, r, 2 * i);
          tiny.clobbers.add(1, 2, 2 * i);
        }
        check_invariants(f, lv, classes, tiny, &allocated, &spilled);
      }
  }
  EXPECT_GT(functions, 150);
  EXPECT_GT(allocated, 0);
  EXPECT_GT(spilled, 0);  // the tiny register file must have forced spills
}

TEST(Machinize, FixedRegistersAndTemporaries) {
  Context ctx;
  Func* f = parse_one(ctx, R"(m: module
p: proto i64
f: func i64, i64:a, i64:b
  local i64:q, i64:s, i64:r
  div q, a, b
  lsh s, q, b
  call p, g, r
  add r, r, s
  ret r
  endfunc
g: func i64
  ret 1
  endfunc
endmodule
)");
  ASSERT_NE(f, nullptr);
  Cfg g = build_cfg(*f);
  x86_64::InsnRegs div = x86_64::insn_regs(*f, f->insn(g.insns[0]));
  EXPECT_EQ(div.fixed_gpr, (1u << 0) | (1u << 2));  // rax, rdx
  x86_64::InsnRegs shl = x86_64::insn_regs(*f, f->insn(g.insns[1]));
  EXPECT_EQ(shl.fixed_gpr, 1u << 1);  // rcx
  x86_64::InsnRegs call = x86_64::insn_regs(*f, f->insn(g.insns[2]));
  EXPECT_TRUE(call.calls);
  EXPECT_FALSE(call.fixed_at_write);  // one result: it may live in a caller-saved register
  RegisterClass regs[2];
  x86_64::MachineConstraints mc = x86_constraints(*f, g, regs);
  EXPECT_EQ(regs[0].caller_saved.size() + regs[0].callee_saved.size(), 14u);  // all but rsp, rbp
  EXPECT_EQ(regs[1].caller_saved.size(), 16u);
  EXPECT_TRUE(mc.clobbers.any_in(0, 0, 0, 0));    // rax at the division's reads
  EXPECT_FALSE(mc.clobbers.any_in(0, 0, 1, 1));   // but its result may go there
  EXPECT_TRUE(mc.clobbers.any_in(0, 6, 4, 5));    // the call clobbers rsi for values across it,
  EXPECT_FALSE(mc.clobbers.any_in(0, 6, 0, 4));   // not for its arguments
  EXPECT_FALSE(mc.clobbers.any_in(0, 6, 5, 9));   // nor for its result
  EXPECT_FALSE(mc.clobbers.any_in(0, 3, 0, 100)); // and never rbx
  EXPECT_EQ(mc.reserve[0], 3u);  // the division: rax, rdx and a divisor temporary
  EXPECT_EQ(mc.hints.reg[4], 0);        // r, the call's result and returned: rax
  EXPECT_EQ(mc.hints.var[2], kNone);    // q = a / b: no two-address form, no partner
  EXPECT_EQ(mc.hints.var[4], kNone);    // r = r + s names no other partner
  EXPECT_FALSE(mc.clobbers.any_in(0, 0, 8, 8));  // ret reads r in place
}

TEST(LinearScan, HintsSaveMoves) {
  Context ctx;
  Module* m = kite::testing::read_module(ctx, R"(m: module
p: proto i64
f: func i64
  local i64:r
  call p, g, r
  ret r
  endfunc
h: func i64, i64:y, i64:a
  local i64:b, i64:c
  add b, a, y
  mul c, b, 3
  ret c
  endfunc
g: func i64
  ret 1
  endfunc
endmodule
)");
  ASSERT_NE(m, nullptr);
  auto allocate = [&](const char* name, bool hinted) {
    const Func& fn = *ctx.item(m->find(ctx.intern(name))).func;
    Cfg g = build_cfg(fn);
    Liveness lv = compute_liveness(fn, g);
    std::vector<int8_t> classes(fn.num_vars(), 0);
    RegisterClass regs[2];
    x86_64::MachineConstraints mc = x86_constraints(fn, g, regs);
    return linear_scan(lv, classes, regs, mc.clobbers, hinted ? &mc.hints : nullptr);
  };
  // r comes back from the call in rax and is returned from there: no moves.
  EXPECT_EQ(allocate("f", true).reg[0], 0);
  EXPECT_NE(allocate("f", false).reg[0], 0);
  // b = a + y takes a's register (both end there), not the first free one (y's).
  Allocation hinted = allocate("h", true), plain = allocate("h", false);
  EXPECT_EQ(hinted.reg[2], hinted.reg[1]);
  EXPECT_EQ(plain.reg[2], plain.reg[0]);
  EXPECT_NE(plain.reg[2], plain.reg[1]);
  EXPECT_EQ(hinted.reg[3], 0);  // c, returned: rax
}

}  // namespace

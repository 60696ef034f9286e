// CFG, liveness and linear scan: intervals on small functions, and allocation invariants
// (no two overlapping same-class intervals share a register; intervals that contain a call
// only get preserved registers) checked over every function of the run filetests, with the
// real x86-64 pools and with a tiny pool that forces spilling.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/cfg.h"
#include "analysis/liveness.h"
#include "codegen/linear_scan.h"
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
  EXPECT_EQ(g.blocks[0].succs, std::vector<uint32_t>({1}));
  EXPECT_EQ(g.blocks[1].succs, std::vector<uint32_t>({3, 2}));
  EXPECT_EQ(g.blocks[2].succs, std::vector<uint32_t>({1}));
  EXPECT_TRUE(g.blocks[3].succs.empty());
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
  EXPECT_TRUE(lv.crosses_call(t));   // t lives across the call
  EXPECT_FALSE(lv.crosses_call(u));  // u is born after it
  EXPECT_GT(i.weight, t.weight);     // loop uses weigh more
}

bool overlap(const Interval& a, const Interval& b) { return a.start <= b.end && b.start <= a.end; }

void check_invariants(const Func& f, const RegisterPool pools[2], int* allocated, int* spilled) {
  Cfg g = build_cfg(f);
  Liveness lv = compute_liveness(f, g);
  std::vector<int8_t> classes(f.num_vars(), -1);
  for (VarId v = 0; v < f.num_vars(); v++)
    if (!f.var(v).is_global && f.var(v).type != Type::LD) classes[v] = f.var(v).type == Type::I64 ? 0 : 1;
  Allocation a = linear_scan(lv, classes, pools);
  for (VarId v = 0; v < f.num_vars(); v++) {
    if (a.reg[v] == Allocation::kSpilled) {
      *spilled += classes[v] >= 0;
      continue;
    }
    ++*allocated;
    int c = classes[v];
    ASSERT_GE(c, 0);
    const auto& callee = pools[c].callee_saved;
    bool preserved = std::find(callee.begin(), callee.end(), a.reg[v]) != callee.end();
    if (lv.crosses_call(lv.intervals[v])) {
      EXPECT_TRUE(preserved) << "variable " << v << " lives across a call";
    }
    for (VarId w = v + 1; w < f.num_vars(); w++) {
      if (a.reg[w] == a.reg[v] && classes[w] == c) {
        EXPECT_FALSE(overlap(lv.intervals[v], lv.intervals[w])) << "variables " << v << " and " << w << " share a register";
      }
    }
  }
}

TEST(LinearScan, InvariantsOverEveryRunFiletestFunction) {
  RegisterPool x86[2], tiny[2];
  x86[0] = {{6, 7, 8, 9}, {3, 12, 13, 14, 15}};
  x86[1] = {{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {}};
  tiny[0] = {{6}, {3}};
  tiny[1] = {{2}, {}};
  int functions = 0, allocated = 0, spilled = 0;
  for (auto& e : fs::directory_iterator(KITE_FILETEST_DIR "/run")) {
    if (e.path().extension() != ".mir") continue;
    Context ctx;
    Diagnostics diags;
    std::vector<Module*> mods;
    ASSERT_TRUE(check_text(ctx, kite::testing::read_text(e.path()), e.path().string(), diags, &mods));
    for (Module* m : mods)
      for (ItemId id : m->items)
        if (ctx.item(id).kind == ItemKind::Func) {
          functions++;
          check_invariants(*ctx.item(id).func, x86, &allocated, &spilled);
          check_invariants(*ctx.item(id).func, tiny, &allocated, &spilled);
        }
  }
  EXPECT_GT(functions, 150);
  EXPECT_GT(allocated, 0);
  EXPECT_GT(spilled, 0);  // the tiny pool must have forced spills
}

}  // namespace

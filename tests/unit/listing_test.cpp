// Kite's own assembly printer against capstone: every function of the run filetests and of
// the programs, compiled at -O0 and -O1, must list exactly what capstone reads back from the
// machine code (up to the jump tables at the end, which capstone would decode as code).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "disasm.h"
#include "kite/kite.h"
#include "test_util.h"
#include "kite/runtime.h"

using namespace kite;
namespace fs = std::filesystem;

namespace {

std::string until_tables(const std::string& s) {
  size_t p = s.find(".long ");
  if (p == std::string::npos) return s;
  return s.substr(0, s.rfind('\n', p) + 1);
}

TEST(Listing, MatchesCapstoneForEveryCompiledFunction) {
  ASSERT_TRUE(tools::have_disassembler());
  int compared = 0;
  for (const char* dir : {KITE_FILETEST_DIR "/run", KITE_FILETEST_DIR "/../programs"}) {
    for (auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".mir") continue;
      std::string text = kite::testing::read_text(e.path());
      for (int level = 0; level <= 1; level++) {
        Context ctx;
        Diagnostics diags;
        std::vector<Module*> mods;
        ASSERT_TRUE(check_text(ctx, text, e.path().string(), diags, &mods));
        JitOptions o = jit_options(false, level);
        o.keep_listing = true;
        auto rt = make_jit_runtime(ctx, o);
        for (Module* m : mods) rt->load(*m, diags);
        ASSERT_TRUE(rt->link(diags)) << e.path();
        for (Module* m : mods)
          for (ItemId id : m->items) {
            if (ctx.item(id).kind != ItemKind::Func) continue;
            std::string ours = until_tables(rt->listing(id));
            std::string theirs = tools::disassemble(rt->machine_code(id)).substr(0, ours.size());
            ASSERT_EQ(ours, theirs) << e.path() << " -O" << level << " function " << ctx.name(ctx.item(id).name);
            compared++;
          }
      }
    }
  }
  EXPECT_GT(compared, 300);
}

}  // namespace

// W^X: no page of the process is ever writable and executable at once, while code is being
// written (checked from inside the install, when the JIT's pages are writable), while
// functions are compiled lazily and eagerly, and while they run.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "jit/code_memory.h"
#include "kite/kite.h"
#include "test_util.h"
#include "kite/runtime.h"

using namespace kite;

namespace {

// Lines of /proc/self/maps whose permissions are rwx, or that overlap [start, start+len)
// and are executable.
std::string bad_mappings(const void* start = nullptr, size_t len = 0) {
  std::ifstream maps("/proc/self/maps");
  std::string line, bad;
  uintptr_t lo = reinterpret_cast<uintptr_t>(start), hi = lo + len;
  while (std::getline(maps, line)) {
    unsigned long a = 0, b = 0;
    char perms[8] = {0};
    if (sscanf(line.c_str(), "%lx-%lx %4s", &a, &b, perms) != 3) continue;
    bool w = perms[1] == 'w', x = perms[2] == 'x';
    if (w && x) bad += line + "\n";
    if (len && x && a < hi && lo < b) bad += "(executable while written) " + line + "\n";
  }
  return bad;
}

struct Observed {
  int installs = 0;
  std::string bad;
};

void observe(void* user, const void* pages, size_t len) {
  Observed* o = static_cast<Observed*>(user);
  o->installs++;
  o->bad += bad_mappings(pages, len);
}

const std::string kProgram = std::string("m: module\n") + kite::testing::kFibIr + R"(twice: func i64, i64:n
  add n, n, n
  ret n
  endfunc
endmodule
)";

TEST(WriteXorExecute, NoPageIsWritableAndExecutable) {
  Observed o;
  CodeMemory::set_write_observer(observe, &o);
  ASSERT_EQ(bad_mappings(), "");
  for (bool lazy : {true, false}) {
    Context ctx;
    Module* m = kite::testing::read_module(ctx, kProgram);
    ASSERT_NE(m, nullptr);
    auto rt = make_jit_runtime(ctx, jit_options(lazy, 1));
    ASSERT_TRUE(kite::testing::load_and_link(*rt, *m));
    EXPECT_EQ(bad_mappings(), "") << "after link";
    EXPECT_EQ(rt->function<long(long)>("fib")(20), 6765);  // lazy: compiles here
    EXPECT_EQ(rt->function<long(long)>("twice")(21), 42);
    EXPECT_EQ(bad_mappings(), "") << "after running";
  }
  CodeMemory::set_write_observer(nullptr, nullptr);
  EXPECT_GT(o.installs, 4);  // glue, shims, thunks, stubs and code were all written
  EXPECT_EQ(o.bad, "");
}

}  // namespace

// Several threads calling lazily compiled functions at once: the first call of each function
// compiles it (others wait for that compilation), code installs never disturb running code,
// and every thread gets the right answers. Interpreted functions run on per-thread stacks.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "kite/kite.h"
#include "test_util.h"
#include "kite/runtime.h"

using namespace kite;

namespace {

const std::string kProgram = std::string("m: module\n") + kite::testing::kFibIr + R"(sum: func i64, i64:n
  local i64:i, i64:s
  mov i, 0; mov s, 0
loop: bge done, i, n
  add s, s, i
  add i, i, 1
  jmp loop
done: ret s
  endfunc
endmodule
)";

class Threads : public ::testing::TestWithParam<int> {};

TEST_P(Threads, ConcurrentFirstCalls) {
  for (int round = 0; round < 20; round++) {
    Context ctx;
    Module* m = kite::testing::read_module(ctx, kProgram);
    ASSERT_NE(m, nullptr);
    auto rt = GetParam() == 0 ? make_interpreter_runtime(ctx) : make_jit_runtime(ctx, jit_options(true, 1));
    ASSERT_TRUE(kite::testing::load_and_link(*rt, *m));
    auto fib = rt->function<long(long)>("fib");
    auto sum = rt->function<long(long)>("sum");
    std::atomic<int> wrong{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; t++)
      threads.emplace_back([&, t] {
        while (!go.load()) {
        }
        if (fib(15 + t % 3) != (t % 3 == 0 ? 610 : t % 3 == 1 ? 987 : 1597)) wrong++;
        if (sum(1000 + t) != (1000L + t) * (999L + t) / 2) wrong++;
      });
    go = true;
    for (std::thread& th : threads) th.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_TRUE(rt->fallbacks().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, Threads, ::testing::Values(0, 1),
                         [](const ::testing::TestParamInfo<int>& i) { return i.param ? "lazy_jit" : "interp"; });

}  // namespace

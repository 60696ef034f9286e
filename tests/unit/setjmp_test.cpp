// setjmp/longjmp across tiers: functions named c_* are compiled, the rest interpreted, so
// longjmps go from compiled code into interpreted setjmp frames (over interpreted and compiled
// frames), from interpreted code into compiled setjmp frames, and both ways in one jump chain.
// The interpreter stack must end where it started: i_probe reports its top (bstart).
#include <gtest/gtest.h>

#include <thread>

#include "kite/kite.h"
#include "kite/runtime.h"
#include "test_util.h"

using namespace kite;

namespace {

constexpr char kProgram[] = R"(m: module
  import _setjmp, longjmp
sj_p: proto i32, p:env
lj_p: proto p:env, i32:val
v_p: proto i64, p:env, i64:v

# compiled: longjmps to env
c_throw: func i64, p:env, i64:v
  call lj_p, longjmp, env, v
  ret -1
  endfunc

# interpreted, with a big frame: calls the compiled thrower
i_deep: func i64, p:env, i64:v
  local i64:r, i64:junk
  alloca junk, 16384
  call v_p, c_throw, r, env, v
  ret r
  endfunc

# compiled: calls the interpreted i_deep
c_mid: func i64, p:env, i64:v
  local i64:r
  call v_p, i_deep, r, env, v
  add r, r, 1
  ret r
  endfunc

# interpreted setjmp, n times on one buffer; each jump comes from compiled code over
# interpreted, compiled and interpreted frames. -1 if the interpreter stack top moved.
i_catch_loop: func i64, i64:n
  local i64:i, i64:sum, i64:r, i64:buf, i64:sp0, i64:sp1, i64:v
  alloca buf, 208
  bstart sp0
  mov i, 0
  mov sum, 0
top: bge done, i, n
  call sj_p, _setjmp, r, buf
  bne caught, r, 0
  add v, i, 1
  call v_p, c_mid, r, buf, v
  ret -2
caught: add sum, sum, r
  add i, i, 1
  jmp top
done: bstart sp1
  bne moved, sp0, sp1
  ret sum
moved: ret -1
  endfunc

# interpreted, 16 KB of alloca: longjmps to env
i_throw: func i64, p:env, i64:v
  local i64:junk, i64:r
  alloca junk, 16384
  call lj_p, longjmp, env, v
  ret -1
  endfunc

# compiled setjmp, n times; each jump comes from interpreted code, whose interpreter stack
# (16 KB a time, 1.6 GB for 100000) must be released although its call never returned
c_catch_loop: func i64, i64:n
  local i64:i, i64:sum, i64:r, i64:buf, i64:v
  alloca buf, 208
  mov i, 0
  mov sum, 0
top: bge done, i, n
  call sj_p, _setjmp, r, buf
  bne caught, r, 0
  add v, i, 1
  call v_p, i_throw, r, buf, v
  ret -2
caught: add sum, sum, r
  add i, i, 1
  jmp top
done: ret sum
  endfunc

# compiled catch inside an interpreted one: interpreted -> compiled, then compiled -> interpreted
c_inner_catch: func i64, p:outer, i64:v
  local i64:r, i64:buf
  alloca buf, 208
  call sj_p, _setjmp, r, buf
  bne caught, r, 0
  call v_p, i_throw, r, buf, v
  ret -2
caught: add r, r, 100
  call lj_p, longjmp, outer, r
  ret -2
  endfunc

i_outer: func i64, i64:v
  local i64:r, i64:buf
  alloca buf, 208
  call sj_p, _setjmp, r, buf
  bne caught, r, 0
  call v_p, c_inner_catch, r, buf, v
  ret -2
caught: ret r
  endfunc

i_probe: func i64
  local i64:sp
  bstart sp
  ret sp
  endfunc
endmodule
)";

struct Mode {
  bool lazy;
  int opt_level;
};

class SetjmpTiers : public ::testing::TestWithParam<Mode> {
 protected:
  void SetUp() override {
    Module* m = kite::testing::read_module(ctx_, kProgram, &error_);
    ASSERT_NE(m, nullptr) << error_;
    JitOptions opts = jit_options(GetParam().lazy, GetParam().opt_level);
    opts.should_compile = [](std::string_view name) { return name.substr(0, 2) == "c_"; };
    rt_ = make_jit_runtime(ctx_, opts);
    ASSERT_TRUE(kite::testing::load_and_link(*rt_, *m, &error_)) << error_;
  }
  long call(const char* name, long arg) { return rt_->function<long(long)>(name)(arg); }
  long probe() { return rt_->function<long()>("i_probe")(); }

  Context ctx_;
  std::string error_;
  std::unique_ptr<Runtime> rt_;
};

TEST_P(SetjmpTiers, CompiledThrowsToInterpreted) {
  long before = probe();
  EXPECT_EQ(call("i_catch_loop", 20000), 20000L * 20001 / 2);
  EXPECT_EQ(probe(), before);
  EXPECT_TRUE(rt_->fallbacks().empty());
}

TEST_P(SetjmpTiers, InterpretedThrowsToCompiled) {
  long before = probe();
  EXPECT_EQ(call("c_catch_loop", 100000), 100000L * 100001 / 2);
  EXPECT_EQ(probe(), before);
  // The interpreter still works after the abandoned calls.
  EXPECT_EQ(call("i_catch_loop", 10), 55);
  EXPECT_EQ(probe(), before);
}

TEST_P(SetjmpTiers, BothWaysInOneChain) {
  long before = probe();
  long sum = 0;
  for (long v = 1; v <= 20000; v++) sum += call("i_outer", v);
  EXPECT_EQ(sum, 20000L * 20001 / 2 + 100L * 20000);
  EXPECT_EQ(probe(), before);
}

TEST_P(SetjmpTiers, OnAnotherThread) {
  long results[2] = {0, 0};
  std::thread t([&] {
    long before = probe();
    results[0] = call("c_catch_loop", 100000);
    results[1] = probe() - before;
  });
  t.join();
  EXPECT_EQ(results[0], 100000L * 100001 / 2);
  EXPECT_EQ(results[1], 0);
}

INSTANTIATE_TEST_SUITE_P(Modes, SetjmpTiers,
                         ::testing::Values(Mode{false, 0}, Mode{false, 1}, Mode{true, 1}),
                         [](const ::testing::TestParamInfo<Mode>& i) {
                           return std::string(i.param.lazy ? "lazy" : "eager") + "_O" +
                                  std::to_string(i.param.opt_level);
                         });

// The interpreter alone: the same program with every function interpreted.
TEST(SetjmpInterp, AllInterpreted) {
  Context ctx;
  std::string error;
  Module* m = kite::testing::read_module(ctx, kProgram, &error);
  ASSERT_NE(m, nullptr) << error;
  auto rt = make_interpreter_runtime(ctx);
  ASSERT_TRUE(kite::testing::load_and_link(*rt, *m, &error)) << error;
  auto probe = rt->function<long()>("i_probe");
  long before = probe();
  EXPECT_EQ(rt->function<long(long)>("i_catch_loop")(20000), 20000L * 20001 / 2);
  EXPECT_EQ(rt->function<long(long)>("c_catch_loop")(100000), 100000L * 100001 / 2);
  EXPECT_EQ(rt->function<long(long)>("i_outer")(7), 107);
  EXPECT_EQ(probe(), before);
}

}  // namespace

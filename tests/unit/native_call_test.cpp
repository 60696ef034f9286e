// Native calls in both directions through the generated glue: C++ calls interpreted functions
// through their entry points with the SysV convention (stack arguments, long doubles, structs
// of every block case, two results, varargs), and IR calls C++ functions the same way.
#include <gtest/gtest.h>

#include <cstdarg>

#include "kite/kite.h"
#include "test_util.h"
#include "kite/runtime.h"

using namespace kite;

namespace {

struct S24 {
  long a, b, c;
};
struct S16i {
  long a, b;
};
struct S16d {
  double x, y;
};
struct S16m {
  long a;
  double b;
};
struct S16dm {
  double x;
  int y;
};
struct LongDouble2 {
  long a;
  double b;
};

struct Loaded {
  Context ctx;
  std::unique_ptr<Runtime> rt;
  std::string errors;
};

enum class Mode { Interp, Jit, Lazy };

class NativeCall : public ::testing::TestWithParam<Mode> {
 protected:
  std::unique_ptr<Loaded> load(const char* text, std::initializer_list<std::pair<const char*, void*>> externals = {});
};

std::unique_ptr<Loaded> NativeCall::load(const char* text,
                                         std::initializer_list<std::pair<const char*, void*>> externals) {
  auto l = std::make_unique<Loaded>();
  Diagnostics diags;
  std::vector<Module*> mods;
  if (check_text(l->ctx, text, "t.mir", diags, &mods)) {
    Mode mode = GetParam();
    l->rt = mode == Mode::Interp ? make_interpreter_runtime(l->ctx)
                                 : make_jit_runtime(l->ctx, jit_options(mode == Mode::Lazy, 1));
    for (auto& [name, addr] : externals) l->rt->define_external(name, addr);
    for (Module* m : mods) l->rt->load(*m, diags);
    if (!diags.has_errors()) l->rt->link(diags);
  }
  for (const Diagnostic& d : diags.list()) l->errors += Diagnostics::format(d) + "\n";
  if (l->rt && !diags.has_errors()) {
    for (const std::string& f : l->rt->fallbacks()) l->errors += "not compiled: " + f + "\n";
    if (!l->rt->fallbacks().empty()) l->rt.reset();
  }
  return l;
}

TEST_P(NativeCall, CppCallsIrWithStackArguments) {
  auto l = load(R"(m: module
f: func i64, i64:a, i64:b, i64:c, i64:d, i64:e, i64:f, i64:g, i64:h, d:x1, d:x2, d:x3, d:x4, d:x5, d:x6, d:x7, d:x8, d:x9, d:x10
  local i64:r, d:s
  add r, a, h
  mul r, r, g
  dadd s, x1, x10
  dmul s, s, x9
  d2i i64:(b), s
  ret r
  endfunc
endmodule
)");
  ASSERT_TRUE(l->rt) << l->errors;
  long out = 0;
  auto f = l->rt->function<long(long, long*, long, long, long, long, long, long, double, double, double, double, double,
                                double, double, double, double, double)>("f");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f(1, &out, 0, 0, 0, 0, 10, 100, 1.5, 0, 0, 0, 0, 0, 0, 0, 4.0, 2.5), (1 + 100) * 10);
  EXPECT_EQ(out, 16);  // (1.5 + 2.5) * 4
}

TEST_P(NativeCall, CppCallsIrWithLongDoublesAndTwoResults) {
  auto l = load(R"(m: module
half: func ld, ld:a, i64:b, ld:c
  local ld:r, ld:t
  i2ld t, b
  ldadd r, a, t
  ldadd r, r, c
  lddiv r, r, 2.0L
  ret r
  endfunc
pair: func i64, d, i64:a, d:b
  local d:r
  dmul r, b, 2.0
  ret a, r
  endfunc
endmodule
)");
  ASSERT_TRUE(l->rt) << l->errors;
  auto half = l->rt->function<long double(long double, long, long double)>("half");
  EXPECT_EQ(half(1.0L, 2, 0.5L), 1.75L);
  auto pair = l->rt->function<LongDouble2(long, double)>("pair");
  LongDouble2 r = pair(7, 1.25);
  EXPECT_EQ(r.a, 7);
  EXPECT_EQ(r.b, 2.5);
}

TEST_P(NativeCall, CppPassesStructsOfEveryBlockCase) {
  auto l = load(R"(m: module
f: func i64, blk0:24(a), blk1:16(b), blk2:16(c), blk3:16(d), blk4:16(e), i64:tail
  local i64:s, i64:t
  add s, i64:(a), i64:16(a)
  add s, s, i64:8(b)
  d2i t, d:8(c)
  add s, s, t
  add s, s, i64:(d)
  d2i t, d:8(d)
  add s, s, t
  d2i t, d:(e)
  add s, s, t
  add s, s, i32:8(e)
  mul s, s, tail
  ret s
  endfunc
endmodule
)");
  ASSERT_TRUE(l->rt) << l->errors;
  auto f = l->rt->function<long(S24, S16i, S16d, S16m, S16dm, long)>("f");
  EXPECT_EQ(f(S24{1, 0, 2}, S16i{0, 3}, S16d{0, 4.0}, S16m{5, 6.0}, S16dm{7.0, 8}, 10), 360);
}

TEST_P(NativeCall, CppCallsAnIrVarargFunction) {
  auto l = load(R"(m: module
sum: func d, i64:n, ...
  local i64:va, i64:p, i64:i, d:s, d:x
  alloca va, 24
  va_start va
  dmov s, 0.0
  mov i, 0
loop: bge done, i, n
  va_arg p, va, d:0
  dadd s, s, d:(p)
  va_arg p, va, i64:0
  i2d x, i64:(p)
  dadd s, s, x
  add i, i, 1
  jmp loop
done: ret s
  endfunc
endmodule
)");
  ASSERT_TRUE(l->rt) << l->errors;
  auto sum = l->rt->function<double(long, ...)>("sum");
  EXPECT_EQ(sum(6L, 0.5, 1L, 0.25, 2L, 0.125, 3L, 1.0, 4L, 2.0, 5L, 4.0, 6L), 28.875);
}

TEST_P(NativeCall, VarargBlocksOfEveryCase) {
  // Blocks passed as variadic arguments reach va_block_arg through the native convention:
  // blk1/blk2 in registers while they last, blk0 and the overflow in memory.
  auto l = load(R"(m: module
vb_p: proto i64, i64:n, ...
vb: func i64, i64:n, ...
  local i64:va, i64:buf, i64:s, d:x, i64:t
  alloca va, 24
  alloca buf, 32
  va_start va
  va_block_arg buf, va, 16, 1
  add s, i64:(buf), i64:8(buf)
  va_block_arg buf, va, 16, 2
  dadd x, d:(buf), d:8(buf)
  d2i t, x
  add s, s, t
  va_block_arg buf, va, 24, 0
  add s, s, i64:16(buf)
  va_block_arg buf, va, 16, 3
  add s, s, i64:(buf)
  d2i t, d:8(buf)
  add s, s, t
  va_end va
  ret s
  endfunc
main: func i64
  local i64:p, i64:r, i64:q, i64:w
  alloca p, 24
  mov i64:(p), 1; mov i64:8(p), 2; mov i64:16(p), 3
  alloca q, 16
  dmov d:(q), 10.0; dmov d:8(q), 20.0
  alloca w, 16
  mov i64:(w), 100; dmov d:8(w), 1000.0
  call vb_p, vb, r, 0, blk1:16(p), blk2:16(q), blk0:24(p), blk3:16(w)
  ret r
  endfunc
endmodule
)");
  ASSERT_TRUE(l->rt) << l->errors;
  Value res[1];
  l->rt->call(l->rt->find_function("main"), {}, res);
  EXPECT_EQ(res[0].i, 1 + 2 + 30 + 3 + 100 + 1000);
}

// C++ functions called from IR.
long take_structs(S24 a, S16i b, S16d c, S16m d, S16dm e, long tail) {
  return (a.a + a.b + a.c + b.a + b.b + long(c.x + c.y) + d.a + long(d.b) + long(e.x) + e.y) * tail;
}
long double mix(long a, double b, long double c, float d, long e, long f, long g, long h, long i) {
  return a + b + c + d + e + f + g + h + i;
}
LongDouble2 two_results(long a) { return LongDouble2{a * 2, a * 0.5}; }
double vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, double) + va_arg(ap, long);
  va_end(ap);
  return s;
}

TEST_P(NativeCall, IrCallsCppWithStructsLongDoublesAndVarargs) {
  auto l = load(R"(m: module
  import take_structs, mix, two_results, vsum
ts_p: proto i64, blk0:24(a), blk1:16(b), blk2:16(c), blk3:16(d), blk4:16(e), i64:tail
mix_p: proto ld, i64:a, d:b, ld:c, f:d, i64:e, i64:f, i64:g, i64:h, i64:i
two_p: proto i64, d, i64:a
vsum_p: proto d, i32:n, ...
test_structs: func i64
  local i64:p, i64:r, i64:b, i64:c, i64:d, i64:e
  alloca p, 128
  mov i64:(p), 1; mov i64:8(p), 2; mov i64:16(p), 3
  mov i64:24(p), 4; mov i64:32(p), 5
  dmov d:40(p), 6.0; dmov d:48(p), 7.0
  mov i64:56(p), 8; dmov d:64(p), 9.0
  dmov d:72(p), 10.0; mov i32:80(p), 11
  add b, p, 24; add c, p, 40; add d, p, 56; add e, p, 72
  call ts_p, take_structs, r, blk0:24(p), blk1:16(b), blk2:16(c), blk3:16(d), blk4:16(e), 2
  ret r
  endfunc
test_mix: func ld
  local ld:r
  call mix_p, mix, r, 1, 0.5, 0.25L, 0.125f, 2, 3, 4, 5, 6
  ret r
  endfunc
test_two: func i64, d
  local i64:a, d:b
  call two_p, two_results, a, b, 21
  ret a, b
  endfunc
test_vsum: func d
  local d:r
  call vsum_p, vsum, r, 3, 0.5, 1, 0.25, 2, 0.125, 3
  ret r
  endfunc
endmodule
)",
                {{"take_structs", reinterpret_cast<void*>(take_structs)},
                 {"mix", reinterpret_cast<void*>(mix)},
                 {"two_results", reinterpret_cast<void*>(two_results)},
                 {"vsum", reinterpret_cast<void*>(vsum)}});
  ASSERT_TRUE(l->rt) << l->errors;
  Value res[2];
  l->rt->call(l->rt->find_function("test_structs"), {}, res);
  EXPECT_EQ(res[0].i, (1 + 2 + 3 + 4 + 5 + 13 + 8 + 9 + 10 + 11) * 2);
  l->rt->call(l->rt->find_function("test_mix"), {}, res);
  EXPECT_EQ(res[0].ld, 21.875L);
  l->rt->call(l->rt->find_function("test_two"), {}, res);
  EXPECT_EQ(res[0].i, 42);
  EXPECT_EQ(res[1].d, 10.5);
  l->rt->call(l->rt->find_function("test_vsum"), {}, res);
  EXPECT_EQ(res[0].d, 6.875);
}

TEST_P(NativeCall, EntryPointsStayStableAndCallEachOther) {
  auto l = load(R"(m: module
  export twice
p: proto i64, i64:x
twice: func i64, i64:x
  add x, x, x
  ret x
  endfunc
via_pointer: func i64, i64:x
  local i64:f
  mov f, twice
  call p, f, x, x
  ret x
  endfunc
endmodule
)");
  ASSERT_TRUE(l->rt) << l->errors;
  void* a = l->rt->address("twice");
  EXPECT_EQ(a, l->rt->address("twice"));
  EXPECT_EQ(l->rt->function<long(long)>("twice")(21), 42);
  EXPECT_EQ(l->rt->function<long(long)>("via_pointer")(5), 10);
}

// Interpreted calls between interpreted functions stay in one dispatch loop on the
// interpreter's own stack, so recursion far deeper than the native stack allows works.
TEST(Interpreter, DeepRecursionUsesTheInterpreterStack) {
  const char* text = R"(m: module
p: proto i64, i64:n
depth: func i64, i64:n
  local i64:r
  beq zero, n, 0
  sub n, n, 1
  call p, depth, r, n
  add r, r, 1
  ret r
zero: ret 0
  endfunc
endmodule
)";
  Context ctx;
  Module* m = kite::testing::read_module(ctx, text);
  ASSERT_NE(m, nullptr);
  auto rt = make_interpreter_runtime(ctx);
  ASSERT_TRUE(kite::testing::load_and_link(*rt, *m));
  EXPECT_EQ(rt->function<long(long)>("depth")(1000000), 1000000);
}

// Mixed execution: functions whose names start with 'i' stay interpreted, the rest are
// compiled; they call each other directly, recursively, through pointers and with varargs.
TEST(MixedExecution, CompiledAndInterpretedFunctionsCallEachOther) {
  const char* text = R"(m: module
  import qsort
p1: proto i64, i64:n
pv: proto i64, i64:n, ...
qsort_p: proto p:base, i64:n, i64:size, p:cmp
c_even: func i64, i64:n
  local i64:r
  beq yes, n, 0
  sub n, n, 1
  call p1, i_odd, r, n
  ret r
yes: ret 1
  endfunc
i_odd: func i64, i64:n
  local i64:r
  beq no, n, 0
  sub n, n, 1
  call p1, c_even, r, n
  ret r
no: ret 0
  endfunc
i_vsum: func i64, i64:n, ...
  local i64:va, i64:p, i64:s
  alloca va, 24
  va_start va
  mov s, 0
loop: beq done, n, 0
  va_arg p, va, i64:0
  add s, s, i64:(p)
  sub n, n, 1
  jmp loop
done: ret s
  endfunc
i_cmp: func i32, p:a, p:b
  local i64:r
  sub r, i64:(a), i64:(b)
  ret r
  endfunc
c_main: func i64
  local i64:r, i64:f, i64:arr, i64:t
  call p1, c_even, r, 10
  mov f, i_odd
  call p1, f, t, 7
  add r, r, t
  call pv, i_vsum, t, 3, 100, 200, 300
  add r, r, t
  alloca arr, 24
  mov i64:(arr), 3; mov i64:8(arr), 1; mov i64:16(arr), 2
  call qsort_p, qsort, arr, 3, 8, i_cmp
  mul t, i64:(arr), 100
  add r, r, t
  mul t, i64:16(arr), 1000
  add r, r, t
  ret r
  endfunc
endmodule
)";
  Context ctx;
  Module* m = kite::testing::read_module(ctx, text);
  ASSERT_NE(m, nullptr);
  JitOptions opts = jit_options(false, 1);
  opts.should_compile = [](std::string_view name) { return name.substr(0, 2) != "i_"; };
  auto rt = make_jit_runtime(ctx, opts);
  ASSERT_TRUE(kite::testing::load_and_link(*rt, *m));
  EXPECT_TRUE(rt->fallbacks().empty());
  // even(10) = 1, odd(7) = 1, 100 + 200 + 300, sorted {1, 2, 3}: 1 * 100 + 3 * 1000.
  EXPECT_EQ(rt->function<long()>("c_main")(), 1 + 1 + 600 + 100 + 3000);
}

INSTANTIATE_TEST_SUITE_P(Modes, NativeCall, ::testing::Values(Mode::Interp, Mode::Jit, Mode::Lazy),
                         [](const ::testing::TestParamInfo<Mode>& i) {
                           return i.param == Mode::Interp ? "interp" : i.param == Mode::Jit ? "jit" : "lazy";
                         });

}  // namespace

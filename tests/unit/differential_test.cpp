// Differential testing: a seeded generator writes random IR functions (integer, 32-bit,
// float and double arithmetic, conversions, comparisons, memory of every width, forward
// branches, a counted loop, calls to helpers with long-lived and freshly computed arguments,
// permuted, in registers and on the stack) and each must give the same result under the
// interpreter and the JIT at -O0 and -O1. The result is a checksum of every variable, with
// NaNs made canonical (their payloads are not part of the semantics).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "kite/kite.h"
#include "kite/runtime.h"
#include "test_rng.h"

using namespace kite;

namespace {

using kite::testing::Rng;

const char* const kIntOps[] = {"add", "sub", "mul", "and", "or",   "xor",  "lsh",  "rsh",  "ursh", "adds",
                               "subs", "muls", "ands", "ors", "xors", "lshs", "rshs", "urshs", "eq", "ne",
                               "lt",  "le",  "gt",  "ge",  "ult",  "ule",  "ugt",  "uge",  "eqs", "lts",
                               "ules", "ugts"};
const char* const kDOps[] = {"dadd", "dsub", "dmul", "ddiv"};
const char* const kFOps[] = {"fadd", "fsub", "fmul", "fdiv"};
const char* const kBranches[] = {"beq", "bne", "blt", "ble", "bgt", "bge", "ublt", "ubge", "beqs", "blts", "ubgts"};

std::string int_operand(Rng& r, int nvars) {
  switch (r.below(4)) {
    case 0: {
      static const int64_t kEdges[] = {0, 1, -1, 2, 63, 64, 0x7fffffff, -0x80000000LL, INT64_MAX, INT64_MIN, 255, 4096};
      return std::to_string(kEdges[r.below(12)]);
    }
    case 1: return std::to_string(static_cast<int64_t>(r.next()) >> r.below(64));
    default: return "i" + std::to_string(r.below(nvars));
  }
}

// kI integer, kD double and kF float variables (kI >= 6, kD >= 3, kF >= 2); many of them
// make register pressure: spills, and every register of a class in use.
std::string generate(Rng& r, int kI, int kD, int kF, bool calls) {
  std::string s = "m: module\nhelper_p: proto i64, i64:a, d:b\nhelper: func i64, i64:a, d:b\n  local i64:t\n"
                  "  d2i t, b\n  xor a, a, t\n  mul a, a, 31\n  ret a\n  endfunc\n";
  // Eight integer arguments (two on the stack) and three doubles: the result weighs each one.
  s += "helper8_p: proto i64, i64:a, i64:b, i64:c, i64:d, i64:e, i64:f, i64:g, i64:h, d:x, d:y, d:z\n"
       "helper8: func i64, i64:a, i64:b, i64:c, i64:d, i64:e, i64:f, i64:g, i64:h, d:x, d:y, d:z\n"
       "  local i64:t\n  dmul y, y, 3.0\n  dadd x, x, y\n  dmul z, z, 7.0\n  dsub x, x, z\n"
       "  mul b, b, 3\n  mul c, c, 5\n  mul d, d, 7\n  mul e, e, 11\n  mul f, f, 13\n  mul g, g, 17\n"
       "  mul h, h, 19\n  add a, a, b\n  add a, a, c\n  add a, a, d\n  add a, a, e\n  add a, a, f\n"
       "  add a, a, g\n  add a, a, h\n  d2i t, x\n  add a, a, t\n  ret a\n  endfunc\n";
  s += "f: func i64, i64:i0, i64:i1, d:d0\n  local i64:buf, i64:n, i64:sum, i64:t0, i64:t1, d:td, d:te, d:tf";
  for (int i = 2; i < kI; i++) s += ", i64:i" + std::to_string(i);
  for (int d = 1; d < kD; d++) s += ", d:d" + std::to_string(d);
  for (int f = 0; f < kF; f++) s += ", f:f" + std::to_string(f);
  s += "\n";
  s += "  alloca buf, 64\n";
  for (int k = 0; k < 64; k += 8) s += "  mov i64:" + std::to_string(k) + "(buf), 0\n";  // no reads of garbage
  s += "  mov i2, 3; mov i3, -5; mov i4, 1000; mov i5, 7\n  dmov d1, 1.5; dmov d2, -0.25\n"
       "  fmov f0, 2.5f; fmov f1, 0.125f\n";
  for (int i = 6; i < kI; i++) s += "  mov i" + std::to_string(i) + ", " + std::to_string(i * 37 - 500) + "\n";
  for (int d = 3; d < kD; d++) s += "  dmov d" + std::to_string(d) + ", " + std::to_string(d) + ".75\n";
  for (int f = 2; f < kF; f++) s += "  fmov f" + std::to_string(f) + ", -" + std::to_string(f) + ".5f\n";
  int labels = 0;
  int len = 20 + static_cast<int>(r.below(30));
  for (int k = 0; k < len; k++) {
    char line[256];
    switch (r.below(12)) {
      case 0: case 1: case 2: case 3: {
        const char* op = kIntOps[r.below(sizeof kIntOps / sizeof *kIntOps)];
        snprintf(line, sizeof line, "  %s i%u, %s, %s\n", op, r.below(kI), int_operand(r, kI).c_str(),
                 int_operand(r, kI).c_str());
        break;
      }
      case 4:  // division by a positive value only (x / 0 and INT_MIN / -1 trap)
        snprintf(line, sizeof line, "  and i5, %s, 0xffff\n  or i5, i5, 1\n  %s i%u, i%u, i5\n",
                 int_operand(r, kI).c_str(), r.below(2) ? "div" : (r.below(2) ? "umod" : "mods"), r.below(kI - 1),
                 r.below(kI));
        break;
      case 5:
        snprintf(line, sizeof line, "  %s d%u, d%u, d%u\n", kDOps[r.below(4)], r.below(kD), r.below(kD), r.below(kD));
        break;
      case 6:
        snprintf(line, sizeof line, "  %s f%u, f%u, f%u\n", kFOps[r.below(4)], r.below(kF), r.below(kF), r.below(kF));
        break;
      case 7: {
        static const char* const kConv[] = {"i2d d%u, i%u", "d2i i%u, d%u", "i2f f%u, i%u", "f2d d%u, f%u",
                                            "d2f f%u, d%u", "ui2d d%u, i%u", "f2i i%u, f%u", "ext8 i%u, i%u",
                                            "uext16 i%u, i%u", "ext32 i%u, i%u", "negs i%u, i%u", "dneg d%u, d%u"};
        uint32_t c = r.below(12);
        uint32_t a = r.below(kF), b = r.below(kF);  // kF is the smallest count
        std::string fmt = std::string("  ") + kConv[c] + "\n";
        snprintf(line, sizeof line, fmt.c_str(), a, b);
        break;
      }
      case 8: {  // memory of every width, at a variable index with any scale up to 6 (buf is 64 bytes)
        static const char* const kTypes[] = {"i8", "u8", "i16", "u16", "i32", "u32", "i64"};
        const char* t = kTypes[r.below(7)];
        snprintf(line, sizeof line, "  and i5, i%u, 7\n  mov %s:(buf, i5, %u), i%u\n  mov i%u, %s:8(buf, i5, %u)\n",
                 r.below(kI), t, 1 + r.below(6), r.below(kI), r.below(kI - 1), t, 1 + r.below(6));
        break;
      }
      case 9: {  // a forward branch over a few instructions
        snprintf(line, sizeof line, "  %s L%d, i%u, %s\n  add i%u, i%u, 17\n  dadd d%u, d%u, 1.0\nL%d:\n",
                 kBranches[r.below(sizeof kBranches / sizeof *kBranches)], labels, r.below(kI),
                 int_operand(r, kI).c_str(), r.below(kI), r.below(kI), r.below(kD), r.below(kD), labels);
        labels++;
        break;
      }
      case 10: {  // a counted loop
        snprintf(line, sizeof line,
                 "  mov n, 0\nL%d:\n  bge L%d, n, %u\n  add i%u, i%u, n\n  xor i%u, i%u, i%u\n  add n, n, 1\n  jmp L%d\nL%d:\n",
                 labels, labels + 1, r.below(20), r.below(kI), r.below(kI), r.below(kI), r.below(kI), r.below(kI),
                 labels, labels + 1);
        labels += 2;
        break;
      }
      default:
        if (!calls) {  // long-lived variables across calls only get callee-saved registers
          snprintf(line, sizeof line, "  add i%u, i%u, 1\n", r.below(kI), r.below(kI));
          break;
        }
        if (r.below(2)) {
          snprintf(line, sizeof line, "  call helper_p, helper, i%u, i%u, d%u\n", r.below(kI), r.below(kI), r.below(kD));
          break;
        }
        // Fresh values read only by the call, among long-lived ones, in random argument slots.
        std::string a[8];
        for (auto& x : a) {
          uint32_t k = r.below(4);
          x = k == 0 ? "t0" : k == 1 ? "t1" : "i" + std::to_string(r.below(kI));
        }
        // Doubles: fresh ones in a random order (so some call sites permute them), or old ones.
        std::string x[3] = {"td", "te", "tf"};
        for (int k = 2; k > 0; k--) std::swap(x[k], x[r.below(k + 1)]);
        if (r.below(4) == 0) x[r.below(3)] = "d" + std::to_string(r.below(kD));
        snprintf(line, sizeof line,
                 "  add t0, i%u, 1\n  mul t1, i%u, 3\n  dadd td, d%u, 0.5\n  dmul te, d%u, 3.0\n  dsub tf, d%u, 1.0\n"
                 "  call helper8_p, helper8, i%u, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s\n",
                 r.below(kI), r.below(kI), r.below(kD), r.below(kD), r.below(kD), r.below(kI), a[0].c_str(), a[1].c_str(), a[2].c_str(),
                 a[3].c_str(), a[4].c_str(), a[5].c_str(), a[6].c_str(), a[7].c_str(), x[0].c_str(), x[1].c_str(),
                 x[2].c_str());
        break;
    }
    s += line;
  }
  // Checksum: every variable folded in; NaNs canonical.
  s += "  mov sum, 0\n";
  for (int i = 0; i < kI; i++) s += "  mul sum, sum, 1000003\n  add sum, sum, i" + std::to_string(i) + "\n";
  for (int d = 0; d < kD; d++)
    s += "  dne n, d" + std::to_string(d) + ", d" + std::to_string(d) + "\n  bt nan" + std::to_string(d) +
         ", n\n  d2i n, d" + std::to_string(d) + "\n  xor sum, sum, n\nnan" + std::to_string(d) + ":\n";
  for (int f = 0; f < kF; f++)
    s += "  fne n, f" + std::to_string(f) + ", f" + std::to_string(f) + "\n  bt fnan" + std::to_string(f) +
         ", n\n  f2i n, f" + std::to_string(f) + "\n  add sum, sum, n\nfnan" + std::to_string(f) + ":\n";
  s += "  ret sum\n  endfunc\nendmodule\n";
  return s;
}

void run_programs(uint64_t seed, int programs, int kI, int kD, int kF, bool calls) {
  Rng rng{seed};
  int checked = 0;
  for (int p = 0; p < programs; p++) {
    std::string text = generate(rng, kI, kD, kF, calls);
    int64_t args[3] = {static_cast<int64_t>(rng.next()), static_cast<int64_t>(rng.below(1000)) - 500, 0};
    double darg = static_cast<double>(static_cast<int64_t>(rng.next() >> 20)) / 1024.0;
    int64_t results[3] = {0, 0, 0};
    for (int mode = 0; mode < 3; mode++) {
      Context ctx;
      Diagnostics diags;
      std::vector<Module*> mods;
      ASSERT_TRUE(check_text(ctx, text, "random.mir", diags, &mods))
          << (diags.list().empty() ? "" : Diagnostics::format(diags.list()[0])) << "\n" << text;
      auto rt = mode == 0 ? make_interpreter_runtime(ctx) : make_jit_runtime(ctx, jit_options(false, mode - 1));
      ASSERT_TRUE(rt->load(*mods[0], diags));
      ASSERT_TRUE(rt->link(diags));
      ASSERT_TRUE(rt->fallbacks().empty());
      results[mode] = rt->function<int64_t(int64_t, int64_t, double)>("f")(args[0], args[1], darg);
    }
    ASSERT_EQ(results[0], results[1]) << "interpreter vs -O0 on program " << p << " with f(" << args[0] << ", " << args[1] << ", " << darg << "):\n" << text;
    ASSERT_EQ(results[0], results[2]) << "interpreter vs -O1 on program " << p << ":\n" << text;
    checked++;
  }
  EXPECT_EQ(checked, programs);
}

TEST(Differential, InterpreterAndJitAgreeOnRandomPrograms) { run_programs(7, 2000, 6, 3, 2, true); }

// More live variables than registers and no calls: every register of both classes holds a
// variable somewhere, spilled operands are everywhere, and each instruction's temporaries
// must come from the few registers the allocator left free.
TEST(Differential, InterpreterAndJitAgreeUnderRegisterPressure) { run_programs(11, 600, 24, 20, 4, false); }

// The same with calls: long-lived values compete for the callee-saved registers and spill,
// and call sequences read arguments from registers, slots and memory operands at once.
TEST(Differential, InterpreterAndJitAgreeUnderRegisterPressureWithCalls) { run_programs(5, 400, 24, 20, 4, true); }

// A function past liveness's size budget (16,500 blocks x 8,192 variables): the passes and
// the allocator that need liveness step aside, the function still compiles at -O1 (with
// every variable in memory) and agrees with the interpreter.
TEST(Differential, FunctionTooBigForLivenessStillCompiles) {
  const int kVars = 8192, kBlocks = 16500;
  std::string s = "m: module\nf: func i64, i64:n\n  local i64:sum";
  for (int v = 0; v < kVars; v++) s += ", i64:v" + std::to_string(v);
  s += "\n";
  for (int v = 0; v < kVars; v++) s += "  mov v" + std::to_string(v) + ", " + std::to_string(v) + "\n";
  Rng rng{3};
  for (int b = 0; b < kBlocks; b++) {
    std::string x = "v" + std::to_string(rng.below(kVars)), y = "v" + std::to_string(rng.below(kVars));
    s += "  add " + x + ", " + x + ", " + y + "\n  bgt L" + std::to_string(b) + ", " + y + ", n\n  xor " + y + ", " +
         y + ", 5\nL" + std::to_string(b) + ":\n";
  }
  s += "  mov sum, 0\n";
  for (int v = 0; v < kVars; v++) s += "  mul sum, sum, 31\n  add sum, sum, v" + std::to_string(v) + "\n";
  s += "  ret sum\n  endfunc\nendmodule\n";
  int64_t results[2];
  for (int mode = 0; mode < 2; mode++) {
    Context ctx;
    Diagnostics diags;
    std::vector<Module*> mods;
    ASSERT_TRUE(check_text(ctx, s, "big.mir", diags, &mods));
    JitOptions opts = jit_options(false, 1);
    opts.time_passes = true;  // the report shows which stages ran
    auto rt = mode == 0 ? make_interpreter_runtime(ctx) : make_jit_runtime(ctx, opts);
    ASSERT_TRUE(rt->load(*mods[0], diags));
    ASSERT_TRUE(rt->link(diags));
    ASSERT_TRUE(rt->fallbacks().empty());
    results[mode] = rt->function<int64_t(int64_t)>("f")(20000);
    if (mode == 1) {
      EXPECT_NE(rt->pass_report().find("codegen emit"), std::string::npos);
      EXPECT_EQ(rt->pass_report().find("codegen liveness"), std::string::npos) << "liveness ran over budget";
    }
  }
  EXPECT_EQ(results[0], results[1]);
}

}  // namespace

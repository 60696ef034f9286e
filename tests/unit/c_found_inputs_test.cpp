// Inputs that the C fuzz target (tests/fuzz/fuzz_c.cpp) and the C mutation test
// (tests/mutation/c_mutation_test.cpp) found crashing the front end, reduced: each must now be
// rejected with its located error.
#include <gtest/gtest.h>

#include <string>

#include "kite/c.h"

using namespace kite;

namespace {

// The first diagnostic as "line:col: message" ("" when the input compiles).
std::string first_error(const std::string& src) {
  Context ctx;
  Diagnostics diags;
  Module* m = c::compile(ctx, "t.c", src, c::CompileOptions{}, diags);
  if (diags.list().empty()) return m ? "" : "rejected without a message";
  const Diagnostic& d = diags.list()[0];
  return std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message;
}

struct Found {
  const char* src;
  const char* want;
};

TEST(CFoundInputs, EachIsRejectedWithItsLocation) {
  const Found cases[] = {
      // Attributes alone started a local declaration with no type (a null type was read).
      {"void f(){__attribute__((x))", "1:28: expected a type in a declaration"},
      {"void f(){__attribute__((unused)) x = 1; }", "1:34: expected a type in a declaration"},
      // An array whose size in bytes wraps past 2^64 (here to 0).
      {"int b[1LL << 61][8];\n", "1:7: array is too large"},
      // An initialized object too large for a data item's 32-bit count was truncated.
      {"int a[1LL << 33] = {1};\n", "1:5: an initialized object of 34359738368 bytes is too large (at most 4 GiB)"},
      // A definition without a prototype after one with a different number of parameters.
      {"int g(int);\nint g() { return 0; }\n", "2:5: number of arguments doesn't match prototype"},
      {"int g(int);\nint g(a, b) int a, b; { return a + b; }\n", "2:5: number of arguments doesn't match prototype"},
      // A struct holding itself: the member was kept, and initializing the struct never ended.
      {"struct p { struct p m; long y; };\nint f(void) { struct p q = {1, 2}; return q.y; }\n",
       "1:21: member has incomplete type 'struct p'"},
      // Line numbers past 2^32 were truncated, and the line after 4294967295 wrapped to 0.
      {"#line 4294967295\nfoo x;\n", "1:7: #line number out of range (at most 2147483647)"},
      {"#line 42949672950\nfoo x;\n", "1:7: #line number out of range (at most 2147483647)"},
  };
  for (const Found& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}

// Inputs that compile: the sanitizer build checks that they do so without undefined behaviour.
TEST(CFoundInputs, EachCompiles) {
  const char* const cases[] = {
      // Case values at both ends of long: their span overflowed a signed subtraction.
      "int f(long x) { switch (x) { case 9223372036854775807L: return 1; case -9223372036854775807L - 1: return 2;"
      " case 0: return 3; case 1: return 4; } return 0; }\n",
      "int f(long x) { switch (x) { case -9223372036854775807L - 1 ... 9223372036854775807L: return 1; } return 0; }\n",
      // Negating the literal -2^63 (an unsigned long here, as in gcc) overflowed int64_t.
      "unsigned long f(void) { return -9223372036854775808; }\n",
  };
  for (const char* src : cases) EXPECT_EQ(first_error(src), "") << src;
}

}  // namespace

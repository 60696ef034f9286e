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
      // Line numbers past 2^32 were truncated, and the line after 4294967295 wrapped to 0.
      {"#line 4294967295\nfoo x;\n", "1:7: #line number out of range (at most 2147483647)"},
      {"#line 42949672950\nfoo x;\n", "1:7: #line number out of range (at most 2147483647)"},
  };
  for (const Found& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}

}  // namespace

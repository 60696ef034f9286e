// IR text written by the MIR project: its example files (../shared/suites/mir-tests) and the
// c-benchmarks as its C compiler writes them (../shared/suites/c-benchmarks-ir). Every file must
// check clean and round-trip byte for byte: print(parse(print(parse(x)))) == print(parse(x));
// oggenc.mir (435 functions) must compile completely, eagerly, at -O0 and -O1.
#include <gtest/gtest.h>

#include <filesystem>

#include "kite/kite.h"
#include "kite/runtime.h"
#include "target/x86_64/registers.h"
#include "test_util.h"

using namespace kite;
namespace fs = std::filesystem;

namespace {

bool load(Context& ctx, const std::string& name, const std::string& text, std::string* printed, std::string* errors,
          std::vector<Module*>* mods) {
  Diagnostics diags;
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  bool ok = check_text(ctx, text, name, diags, mods, opts);
  for (const Diagnostic& d : diags.list()) *errors += Diagnostics::format(d) + "\n";
  for (Module* m : *mods) print_module(ctx, *m, *printed);
  return ok;
}

// Checks and round-trips every .mir file of a suite folder; returns how many there were.
int check_and_round_trip(const fs::path& dir) {
  int files = 0;
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".mir") continue;
    files++;
    std::string first, second, errors;
    Context c1, c2;
    std::vector<Module*> m1, m2;
    EXPECT_TRUE(load(c1, e.path().string(), kite::testing::read_text(e.path()), &first, &errors, &m1)) << errors;
    EXPECT_TRUE(load(c2, "reprinted", first, &second, &errors, &m2)) << errors;
    EXPECT_TRUE(first == second) << e.path() << " does not print the same after reading its own output";
  }
  return files;
}

fs::path suite(const char* name) { return fs::path(KITE_SHARED_DIR) / "suites" / name; }

TEST(MirSuite, EveryFileChecksAndRoundTrips) {
  fs::path dir = suite("mir-tests");
  if (!fs::is_directory(dir)) GTEST_SKIP() << "skipped: " << dir << " is absent (../shared not beside the repo)";
  EXPECT_EQ(check_and_round_trip(dir), 16);
}

TEST(CBenchmarksIr, EveryFileChecksAndRoundTrips) {
  fs::path dir = suite("c-benchmarks-ir");
  if (!fs::is_directory(dir)) GTEST_SKIP() << "skipped: " << dir << " is absent (../shared not beside the repo)";
  EXPECT_EQ(check_and_round_trip(dir), 16);
}

// oggenc's main needs input, so a second module provides the entry point; linking compiles
// all of oggenc's functions eagerly, and none may be left to the interpreter.
void compile_oggenc(int opt_level) {
  fs::path file = suite("c-benchmarks-ir") / "oggenc.mir";
  if (!fs::exists(file)) GTEST_SKIP() << "skipped: " << file << " is absent (../shared not beside the repo)";
  Context ctx;
  std::string printed, errors;
  std::vector<Module*> mods;
  ASSERT_TRUE(load(ctx, file.string(), kite::testing::read_text(file), &printed, &errors, &mods)) << errors;
  Module* stub = kite::testing::read_module(ctx, "stub: module\n export start\nstart: func i32\n ret 0\n endfunc\n endmodule\n");
  ASSERT_NE(stub, nullptr);
  mods.push_back(stub);
  auto rt = make_jit_runtime(ctx, jit_options(/*lazy=*/false, opt_level));
  Diagnostics diags;
  for (Module* m : mods) ASSERT_TRUE(rt->load(*m, diags)) << kite::testing::first_error(diags);
  ASSERT_TRUE(rt->link(diags)) << kite::testing::first_error(diags);
  std::string fallbacks;
  for (const std::string& f : rt->fallbacks()) fallbacks += f + "\n";
  EXPECT_EQ(fallbacks, "");
  auto start = rt->function<int()>("start");
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(start(), 0);
}

TEST(CBenchmarksIr, OggencCompilesEveryFunctionEagerlyAtO0) { compile_oggenc(0); }
TEST(CBenchmarksIr, OggencCompilesEveryFunctionEagerlyAtO1) { compile_oggenc(1); }

}  // namespace

// MIR's own example files (../shared/suites/mir-tests) must check clean and round-trip byte
// for byte: print(parse(print(parse(x)))) == print(parse(x)).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kite/kite.h"
#include "target/x86_64/registers.h"

using namespace kite;
namespace fs = std::filesystem;

namespace {

bool load(const std::string& name, const std::string& text, std::string* printed, std::string* errors) {
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  bool ok = check_text(ctx, text, name, diags, &mods, opts);
  for (const Diagnostic& d : diags.list()) *errors += Diagnostics::format(d) + "\n";
  for (Module* m : mods) print_module(ctx, *m, *printed);
  return ok;
}

TEST(MirSuite, EveryFileChecksAndRoundTrips) {
  fs::path dir = fs::path(KITE_SHARED_DIR) / "suites" / "mir-tests";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "skipped: " << dir << " is absent (../shared not beside the repo)";
  int files = 0;
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".mir") continue;
    files++;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string first, second, errors;
    ASSERT_TRUE(load(e.path().string(), ss.str(), &first, &errors)) << errors;
    ASSERT_TRUE(load("reprinted", first, &second, &errors)) << errors << first;
    EXPECT_EQ(first, second) << e.path();
  }
  EXPECT_EQ(files, 16);
}

}  // namespace

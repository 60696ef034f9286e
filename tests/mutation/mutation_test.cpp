// Deterministic mutation test of the text reader and verifier. A seeded mutator overwrites,
// inserts, deletes, duplicates and truncates bytes of the test inputs; every variant must be
// either accepted (and then verify and round-trip) or rejected with located diagnostics.
// Crashes and memory errors are caught by running this under ASan/UBSan in CI; hangs by the
// ctest timeout. A second test compiles accepted variants with the JIT at -O0 and -O1: every
// verified function must compile or be declined with a reason, never break the generator.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kite/kite.h"
#include "kite/runtime.h"
#include "target/x86_64/registers.h"
#include "../unit/test_rng.h"

using namespace kite;
namespace fs = std::filesystem;

namespace {

using kite::testing::Rng;

const char* const kSnippets[] = {
    ":",
    ",",
    ";",
    "(",
    ")",
    "\"",
    "#",
    "\n",
    "\r",
    "\t",
    " ",
    "\\",
    "-",
    "+",
    ".",
    "0x",
    "1e",
    "L1:",
    "...",
    "blk:16(",
    "i64:",
    "f:",
    "ld:",
    "rblk",
    "endfunc\n",
    "endmodule\n",
    "func",
    "proto",
    "local i64:",
    "call",
    "ret",
    "switch",
    "bo",
    "lref",
    "expr",
    "export",
    "import",
    "forward",
    "\x00",
    "\xff",
    "999999999999999999999",
    "1.5f",
    "2.5L",
    "-0.0",
    "\\x4",
    "::",
    "(, ",
    ", 3)",
    "va_start",
    "addr",
    "jret",
    "label",
    "string \"",
};

std::string mutate(const std::string& in, Rng& rng) {
  std::string s = in;
  int n = 1 + static_cast<int>(rng.below(3));
  for (int k = 0; k < n && !s.empty(); k++) {
    size_t pos = rng.below(s.size());
    switch (rng.below(6)) {
      case 0: s[pos] = static_cast<char>(rng.below(256)); break;  // overwrite
      case 1: {                                                   // insert a snippet
        const char* snip = kSnippets[rng.below(sizeof kSnippets / sizeof kSnippets[0])];
        s.insert(pos, snip[0] ? std::string(snip) : std::string(1, '\0'));
        break;
      }
      case 2: s.erase(pos, 1 + rng.below(8)); break;  // delete
      case 3: s.resize(pos); break;                   // truncate
      case 4: {                                       // duplicate a line
        size_t b = s.rfind('\n', pos);
        b = b == std::string::npos ? 0 : b + 1;
        size_t e = s.find('\n', pos);
        e = e == std::string::npos ? s.size() : e + 1;
        s.insert(e, s.substr(b, e - b));
        break;
      }
      case 5: {  // swap two bytes far apart
        size_t other = rng.below(s.size());
        std::swap(s[pos], s[other]);
        break;
      }
    }
  }
  return s;
}

struct Outcome {
  bool accepted;
  std::string printed;
  std::vector<Diagnostic> diags;
};

Outcome load(const std::string& text) {
  Outcome o;
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  o.accepted = check_text(ctx, text, "variant.mir", diags, &mods, opts);
  if (o.accepted)
    for (Module* m : mods) print_module(ctx, *m, o.printed);
  o.diags = diags.list();
  return o;
}

std::vector<std::string> inputs() {
  std::vector<std::string> out;
  std::vector<fs::path> dirs = {fs::path(KITE_FILETEST_DIR) / "print",
                                fs::path(KITE_SHARED_DIR) / "suites" / "mir-tests"};
  for (const fs::path& d : dirs) {
    if (!fs::is_directory(d)) continue;
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".mir") files.push_back(e.path());
    std::sort(files.begin(), files.end());  // deterministic order
    for (const fs::path& p : files) {
      std::ifstream in(p, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
  }
  return out;
}

TEST(Mutation, EveryVariantIsAcceptedCleanlyOrRejectedWithALocation) {
  std::vector<std::string> seeds = inputs();
  ASSERT_FALSE(seeds.empty());
  Rng rng{20261122};
  const int kVariants = 50000;
  int accepted = 0, rejected = 0;
  for (int v = 0; v < kVariants; v++) {
    std::string text = mutate(seeds[v % seeds.size()], rng);
    Outcome o = load(text);
    if (o.accepted) {
      accepted++;
      Outcome again = load(o.printed);
      ASSERT_TRUE(again.accepted) << "variant " << v << " printed text does not read back:\n" << o.printed;
      ASSERT_EQ(again.printed, o.printed) << "variant " << v << " does not round-trip";
      continue;
    }
    rejected++;
    ASSERT_FALSE(o.diags.empty()) << "variant " << v << " rejected without a message";
    bool located = false;
    for (const Diagnostic& d : o.diags) {
      if (d.severity != Severity::Error) continue;
      ASSERT_FALSE(d.message.empty());
      ASSERT_EQ(d.file, "variant.mir") << d.message;
      located |= d.line > 0 && d.col > 0;
    }
    ASSERT_TRUE(located) << "variant " << v << ": no error has a line and column\n" << text;
  }
  printf("mutation: %d variants, %d accepted, %d rejected\n", kVariants, accepted, rejected);
  EXPECT_GT(accepted, 0);
  EXPECT_GT(rejected, 0);
}

void dummy_native() {}
void* resolve_anything(void*, const char*) { return reinterpret_cast<void*>(&dummy_native); }

// Loads, links (compiling every function) and reports what the generator declined.
std::vector<std::string> compile_all(const std::string& text, int opt_level, bool* linked) {
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  *linked = false;
  if (!check_text(ctx, text, "variant.mir", diags, &mods, opts)) return {};
  auto rt = make_jit_runtime(ctx, jit_options(/*lazy=*/false, opt_level));
  rt->set_resolver(resolve_anything, nullptr);
  for (Module* m : mods)
    if (!rt->load(*m, diags)) return {};
  *linked = rt->link(diags);
  return rt->fallbacks();
}

TEST(Mutation, EveryAcceptedVariantCompilesOrIsDeclined) {
  std::vector<std::string> seeds = inputs();
  ASSERT_FALSE(seeds.empty());
  Rng rng{20261123};
  const int kVariants = 30000;
  int compiled = 0;
  for (int v = 0; v < kVariants; v++) {
    std::string text = mutate(seeds[v % seeds.size()], rng);
    // expr data runs code at link time, and mutated code may do anything.
    if (text.find("expr") != std::string::npos) continue;
    for (int level = 0; level <= 1; level++) {
      bool linked = false;
      for (const std::string& why : compile_all(text, level, &linked))
        ASSERT_EQ(why.find("internal"), std::string::npos) << "variant " << v << " at -O" << level << ": " << why << "\n" << text;
      compiled += linked;
    }
  }
  printf("mutation: %d variants linked and compiled\n", compiled);
  EXPECT_GT(compiled, 10000);
}

}  // namespace

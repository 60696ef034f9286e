// Deterministic mutation test of the C front end. A seeded mutator damages C programs from
// ../shared/suites at the level of tokens and lines (deletes, duplicates, swaps, replacements,
// stray punctuation, keywords, unbalanced brackets, directives, huge numbers, truncation) and
// compiles each variant in memory. Every variant must either be rejected with an error that
// has a location, or compile to a module that verifies and whose every function the JIT turns
// into machine code. The variants are never run: damaged programs may crash or loop. Crashes
// and memory errors are caught by running this under ASan/UBSan in CI; hangs by ctest's timeout.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kite/c.h"
#include "kite/kite.h"
#include "kite/runtime.h"
#include "target/x86_64/registers.h"
#include "../unit/test_rng.h"

using namespace kite;
namespace fs = std::filesystem;

// Under ASan, a huge allocation (the loader's image of `int a[1LL << 38];`) would abort the test
// rather than fail as it does without ASan; the loader reports that failure as an error.
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1"; }

namespace {

using kite::testing::Rng;

// What the mutator inserts or puts in a token's place.
const char* const kSnippets[] = {
    "(", ")", "{", "}", "[", "]", ";", ",", "*", "&", "=", "==", "->", ".", "...", "?", ":", "::",
    "#", "##", "\"", "'", "\\", "\n", "/*", "*/", "//", "?\?=", "<:", "%>", "@", "$", "`",
    "int", "char", "void", "struct", "union", "enum", "typedef", "static", "extern", "const",
    "volatile", "register", "auto", "signed", "unsigned", "long", "short", "float", "double",
    "_Bool", "_Complex", "_Atomic", "_Alignas", "_Alignof", "_Generic", "_Static_assert",
    "_Thread_local", "_Noreturn", "inline", "restrict", "sizeof", "return", "goto", "break",
    "continue", "case", "default", "switch", "if", "else", "for", "while", "do", "typeof",
    "__attribute__((", "__builtin_va_arg(", "__extension__", "asm", "main", "x", "L\"", "u8\"",
    "\n#define", "\n#undef x\n", "\n#if", "\n#ifdef x\n", "\n#else\n", "\n#endif\n", "\n#elif 1\n",
    "\n#include", "\n#include \"", "\n#include <", "\n#line 0\n", "\n#line 4294967295\n",
    "\n#pragma ", "\n#error\n", "\n# 1 \"x\"\n", "\n#define x x\n", "\n#define f(a) f(a a)\n",
    "99999999999999999999999999", "0x", "0x1p", "1e99999", "1.e", "0b", "07777777777777777777777",
    "18446744073709551616", "-9223372036854775808", "4294967296u", "1ull", "'\\777'", "'ab'",
    "0.", ".5f", "1LL", "1uu", "__COUNTER__", "__LINE__", "__FILE__", "__VA_ARGS__", "defined",
};
constexpr size_t kNumSnippets = sizeof kSnippets / sizeof kSnippets[0];

// A rough C tokenization, enough to mutate whole words and numbers rather than bytes:
// identifier/number runs, white-space runs, and single other characters.
std::vector<std::string> split_tokens(const std::string& s) {
  std::vector<std::string> out;
  auto word = [](char c) { return isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  for (size_t i = 0; i < s.size();) {
    size_t j = i + 1;
    if (word(s[i]))
      while (j < s.size() && word(s[j])) j++;
    else if (space(s[i]))
      while (j < s.size() && space(s[j])) j++;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line + "\n");
  return out;
}

template <typename Parts>
std::string join(const Parts& parts) {
  std::string s;
  for (const std::string& p : parts) s += p;
  return s;
}

// One to three damages, each at token or line level (or a truncation).
std::string mutate(const std::string& in, Rng& rng) {
  std::string s = in;
  int n = 1 + static_cast<int>(rng.below(3));
  for (int k = 0; k < n && !s.empty(); k++) {
    uint32_t what = rng.below(10);
    if (what < 6) {
      std::vector<std::string> t = split_tokens(s);
      size_t i = rng.below(t.size()), j = rng.below(t.size());
      const char* snip = kSnippets[rng.below(kNumSnippets)];
      switch (what) {
        case 0: t.erase(t.begin() + i); break;
        case 1: t.insert(t.begin() + i, t[i]); break;
        case 2: std::swap(t[i], t[j]); break;
        case 3: t[i] = snip; break;
        case 4: t.insert(t.begin() + i, snip); break;
        case 5: t[i] = std::string(1 + rng.below(3), t[i][0] == '(' ? ')' : '(');  break;  // unbalance
      }
      s = join(t);
    } else if (what < 9) {
      std::vector<std::string> l = split_lines(s);
      if (l.empty()) continue;
      size_t i = rng.below(l.size()), j = rng.below(l.size());
      switch (what) {
        case 6: l.erase(l.begin() + i); break;
        case 7: l.insert(l.begin() + i, l[i]); break;
        case 8: std::swap(l[i], l[j]); break;
      }
      s = join(l);
    } else {
      s.resize(rng.below(s.size()));
    }
  }
  return s;
}

// The inputs: the C programs of a few suites, sorted by path, each at most kMaxInput bytes so
// that every variant stays small (a snippet or a duplicated line adds little).
constexpr size_t kMaxInput = 6000;

std::vector<std::string> inputs() {
  const fs::path suites = fs::path(KITE_SHARED_DIR) / "suites";
  const char* const dirs[] = {"c-testsuite/tests/single-exec", "tinycc-tests2/tests/tests2", "mir-c-tests/new",
                              "mir-c-tests/lacc"};
  std::vector<std::string> out;
  for (const char* d : dirs) {
    if (!fs::is_directory(suites / d)) continue;
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(suites / d))
      if (e.path().extension() == ".c" && e.file_size() <= kMaxInput) files.push_back(e.path());
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

void dummy_native() {}
void* resolve_anything(void*, const char*) { return reinterpret_cast<void*>(&dummy_native); }

enum class Verdict { Rejected, Compiled };

// Whether a `#line N` or `# N "file"` directive renumbers lines: `#line 0` (which gcc's own
// line markers use) legitimately puts the next line at line 0, which Diagnostics shows as none.
bool renumbers_lines(const std::string& text) {
  for (size_t i = text.find('#'); i != std::string::npos; i = text.find('#', i + 1)) {
    size_t j = text.find_first_not_of(" \t", i + 1);
    if (j != std::string::npos && (text.compare(j, 4, "line") == 0 || isdigit(static_cast<unsigned char>(text[j]))))
      return true;
  }
  return false;
}

// Compiles one variant and checks what the test asserts; the failure message says what broke.
Verdict check_variant(const std::string& text, int opt_level, std::string* failure) {
  Context ctx;
  Diagnostics diags;
  c::CompileOptions copts;
  Module* m = c::compile(ctx, "variant.c", text, copts, diags);
  if (!m) {
    bool line_zero_ok = renumbers_lines(text);
    for (const Diagnostic& d : diags.list())
      if (d.severity == Severity::Error && !d.message.empty() && !d.file.empty() && (d.line > 0 || line_zero_ok) &&
          d.col > 0)
        return Verdict::Rejected;
    *failure = "rejected without a located error";
    if (!diags.list().empty()) *failure += ": " + Diagnostics::format(diags.list()[0]);
    return Verdict::Rejected;
  }
  VerifyOptions vopts;
  vopts.hard_reg_fits = x86_64::hard_reg_fits;
  Diagnostics vdiags;
  if (!verify_module(ctx, *m, vdiags, vopts)) {
    *failure = "the module does not verify: " + Diagnostics::format(vdiags.list()[0]);
    return Verdict::Compiled;
  }
  // Eager compilation of every function at link time; nothing is called.
  auto rt = make_jit_runtime(ctx, jit_options(/*lazy=*/false, opt_level));
  rt->set_resolver(resolve_anything, nullptr);
  Diagnostics ldiags;
  bool loaded = rt->load(*m, ldiags);
  // A huge bss object (`int a[1LL << 38];`) is valid C that the runtime cannot place: a
  // resource limit of the loader, not a fault of the front end.
  if (!loaded && !ldiags.list().empty() && ldiags.list()[0].message.find("out of memory") != std::string::npos)
    return Verdict::Compiled;
  if (!loaded || !rt->link(ldiags)) {
    *failure = "the module does not load and link";
    if (!ldiags.list().empty()) *failure += ": " + Diagnostics::format(ldiags.list()[0]);
    return Verdict::Compiled;
  }
  std::vector<std::string> declined = rt->fallbacks();
  if (!declined.empty()) *failure = "the JIT declined " + declined[0];
  return Verdict::Compiled;
}

TEST(CMutation, EveryVariantCompilesCleanlyOrIsRejectedWithALocation) {
  std::vector<std::string> seeds = inputs();
  if (seeds.empty()) GTEST_SKIP() << "skipped: " KITE_SHARED_DIR "/suites is absent (../shared not beside the repo?)";
  // For triage and longer runs: KITE_C_MUTATION_SAVE=FILE writes each variant there before
  // compiling it; KITE_C_MUTATION_SEED and KITE_C_MUTATION_COUNT replace the fixed seed and count.
  const char* save_to = getenv("KITE_C_MUTATION_SAVE");
  const char* seed = getenv("KITE_C_MUTATION_SEED");
  const char* count = getenv("KITE_C_MUTATION_COUNT");
  Rng rng{seed ? strtoull(seed, nullptr, 10) : 20261202};
  const int kVariants = count ? atoi(count) : 6000;
  int compiled = 0, rejected = 0;
  auto start = std::chrono::steady_clock::now();
  for (int v = 0; v < kVariants; v++) {
    std::string text = mutate(seeds[v % seeds.size()], rng);
    if (save_to) std::ofstream(save_to, std::ios::binary) << text;  // left behind by a crash
    std::string failure;
    Verdict verdict = check_variant(text, v % 2, &failure);
    ASSERT_EQ(failure, "") << "variant " << v << " (input " << v % seeds.size() << ", -O" << v % 2 << "):\n"
                           << text;
    (verdict == Verdict::Compiled ? compiled : rejected)++;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printf("c mutation: %d variants of %zu inputs, %d compiled, %d rejected, %.1f s\n", kVariants, seeds.size(),
         compiled, rejected, seconds);
  EXPECT_GT(compiled, kVariants / 20);
  EXPECT_GT(rejected, kVariants / 4);
}

}  // namespace

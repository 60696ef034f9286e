// The preprocessor against gcc -E -P on real C files (../shared/suites: c-testsuite and
// c-benchmarks), token by token (white space and line markers ignored). Skipped without gcc.
//
// Two comparisons. The strict one gives gcc Kite's predefined macros (-undef -nostdinc, the same
// include directories, -include of Kite's predefines, and __has_attribute & co. answering 0 as
// Kite's do), so every difference is a difference in preprocessing; all files must match. The
// plain one (gcc -std=gnu11 -E -P as it is) differs wherever glibc's headers test __GNUC__ >= 5
// or __has_attribute: it is reported, and files that include no system header must match.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "c/lexer.h"
#include "c/pp_impl.h"
#include "kite/c.h"

namespace fs = std::filesystem;

namespace kite::c {
namespace {

bool have_gcc() { return system("gcc --version >/dev/null 2>&1") == 0; }

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The tokens of preprocessed text, without line markers ("# 12 "file"") and #pragma lines.
std::vector<std::string> tokens_of(const std::string& text) {
  std::string kept;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t i = line.find_first_not_of(" \t");
    if (i != std::string::npos && line[i] == '#') continue;
    kept += line;
    kept += '\n';
  }
  Interner names;
  SourceManager sources;
  Diagnostics diags;
  uint32_t id = sources.add_file("out", kept, SourceLoc{kNoFile, 0}, false);
  Lexer lx(sources, id, names, diags);
  std::vector<std::string> out;
  for (Token t = lx.next(); t.kind != TokKind::Eof; t = lx.next())
    out.emplace_back(t.kind == TokKind::Punct ? std::string_view(punct_text(t.punct)) : names.str(t.spelling));
  return out;
}

std::vector<fs::path> suite_files() {
  std::vector<fs::path> files;
  for (const char* dir : {"suites/c-testsuite/tests/single-exec", "suites/c-benchmarks"}) {
    fs::path d = fs::path(KITE_SHARED_DIR) / dir;
    if (!fs::is_directory(d)) continue;
    for (const auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".c") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Comparison {
  int matched = 0, total = 0;
  std::vector<std::string> mismatches;
  std::vector<bool> same;  // per file
};

Comparison compare_with_gcc(const std::vector<fs::path>& files, const std::string& gcc_flags, const fs::path& tmp) {
  Comparison c;
  for (const fs::path& f : files) {
    c.total++;
    c.same.push_back(false);
    std::string gcc_out = (tmp / "gcc.i").string();
    std::string cmd = "gcc -std=gnu11 -E -P " + gcc_flags + " '" + f.string() + "' -o '" + gcc_out + "' 2>/dev/null";
    if (system(cmd.c_str()) != 0) {
      c.mismatches.push_back(f.filename().string() + ": gcc failed");
      continue;
    }
    Diagnostics diags;
    std::string kite_out;
    CompileOptions opts;
    bool ok = preprocess_to_text(f.string(), read_all(f), opts, diags, &kite_out);
    if (!ok) {
      c.mismatches.push_back(f.filename().string() + ": " + Diagnostics::format(diags.list()[0]));
      continue;
    }
    std::vector<std::string> a = tokens_of(read_all(gcc_out)), b = tokens_of(kite_out);
    if (a == b) {
      c.matched++;
      c.same.back() = true;
      continue;
    }
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) i++;
    std::string msg = f.filename().string() + ": token " + std::to_string(i) + ": gcc '" +
                      (i < a.size() ? a[i] : "<end>") + "', kite '" + (i < b.size() ? b[i] : "<end>") + "'";
    c.mismatches.push_back(msg);
  }
  return c;
}

struct GccFixture : ::testing::Test {
  fs::path tmp;
  void SetUp() override {
    if (!have_gcc()) GTEST_SKIP() << "skipped: gcc is absent";
    if (suite_files().empty()) GTEST_SKIP() << "skipped: ../shared/suites is absent";
    char tmpl[] = "/tmp/kite_ppgcc_XXXXXX";
    tmp = mkdtemp(tmpl);
  }
  void TearDown() override {
    if (!tmp.empty()) fs::remove_all(tmp);
  }
};

TEST_F(GccFixture, SuitesMatchGccGivenKitesPredefinedMacros) {
  CompileOptions opts;
  std::string predef;
  std::istringstream lines(predefined_macros_text(opts));
  for (std::string line; std::getline(lines, line);) {
    // gcc defines these itself (with the same values) and will not have them redefined.
    if (line.rfind("#define __STDC__ ", 0) == 0 || line.rfind("#define __STDC_VERSION__ ", 0) == 0 ||
        line.rfind("#define __STDC_HOSTED__ ", 0) == 0)
      continue;
    predef += line + "\n";
  }
  for (const char* op : {"__has_attribute", "__has_builtin", "__has_cpp_attribute", "__has_c_attribute"})
    predef += std::string("#undef ") + op + "\n#define " + op + "(x) 0\n";
  std::string predef_path = (tmp / "kite_predef.h").string();
  std::ofstream(predef_path) << predef;
  std::string flags = "-undef -nostdinc -w -isystem " KITE_C_INCLUDE_DIR
                      " -isystem /usr/local/include -isystem /usr/include/x86_64-linux-gnu -isystem /usr/include "
                      "-include '" +
                      predef_path + "'";
  Comparison c = compare_with_gcc(suite_files(), flags, tmp);
  printf("gcc -E with Kite's predefines: %d of %d files give the same tokens\n", c.matched, c.total);
  for (const std::string& m : c.mismatches) ADD_FAILURE() << m;
  EXPECT_EQ(c.matched, c.total);
}

TEST_F(GccFixture, SuitesAgainstPlainGcc) {
  std::vector<fs::path> files = suite_files();
  Comparison c = compare_with_gcc(files, "", tmp);
  printf("plain gcc -std=gnu11 -E -P: %d of %d files give the same tokens\n", c.matched, c.total);
  // Files without system headers depend on no predefined macro's value: they must match.
  int self_contained = 0, self_matched = 0;
  for (size_t i = 0; i < files.size(); i++) {
    if (read_all(files[i]).find("#include") != std::string::npos) continue;
    self_contained++;
    if (c.same[i]) self_matched++;
    else ADD_FAILURE() << files[i] << " has no #include but differs from gcc";
  }
  printf("  of those without #include: %d of %d\n", self_matched, self_contained);
  EXPECT_EQ(self_matched, self_contained);
}

}  // namespace
}  // namespace kite::c

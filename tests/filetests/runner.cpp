// Golden filetest runner (DESIGN.md section 7). Each .mir file starts with a header comment
// naming what runs:
//   # test print    parse + verify must succeed; the canonical text must equal the trailing
//                   block of `#> ` lines, and must itself read back to the same text
//   # test verify   every diagnostic must match a `# error: TEXT` note on its line (the
//                   message contains TEXT), and every note must be matched
// Any test may also carry `# check: TEXT`, `# next: TEXT` and `# not: TEXT` lines, matched in
// order against the output (print) or the diagnostics (verify).
// Usage: kite-filetest [--bless] [--list-coverage] PATH...   (--bless rewrites expectations)
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "filetest.h"

namespace fs = std::filesystem;
using namespace kite::filetest;

namespace {

bool read_file(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

bool write_file(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  bool bless = false;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--bless") == 0) {
      bless = true;
      continue;
    }
    fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".mir") files.push_back(e.path());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  int passed = 0, failed = 0, skipped = 0;
  for (const fs::path& p : files) {
    std::string text;
    if (!read_file(p, &text)) {
      printf("FAIL %s: cannot read\n", p.c_str());
      failed++;
      continue;
    }
    Result r = run_filetest(p.string(), text);
    if (bless && !r.blessed.empty() && r.blessed != text) {
      write_file(p, r.blessed);
      printf("BLESSED %s\n", p.c_str());
      r = run_filetest(p.string(), r.blessed);
    }
    if (r.skipped) {
      skipped++;
      printf("SKIP %s\n%s\n", p.c_str(), r.report.c_str());
    } else if (r.ok) {
      passed++;
    } else {
      failed++;
      printf("FAIL %s\n%s\n", p.c_str(), r.report.c_str());
    }
  }
  if (skipped)
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
  else
    printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}

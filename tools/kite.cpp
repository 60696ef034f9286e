// The `kite` command-line driver: check and format IR text (run comes with the interpreter).
// Only this layer ends the process; the library reports through Diagnostics.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kite/text.h"
#include "kite/verify.h"
#include "target/x86_64/registers.h"

namespace {

const char kUsage[] =
    "usage: kite <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  check FILE...   parse and verify IR text; diagnostics go to stderr\n"
    "  fmt FILE...     print the canonical text of each file on stdout\n"
    "\n"
    "options:\n"
    "  --help          show this help\n"
    "  --version       show the version\n"
    "\n"
    "exit status: 0 on success, 1 when a file has errors, 2 on a usage error or unreadable file\n";

bool read_file(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  *out = ss.str();
  return true;
}

// Parses and verifies one file; prints diagnostics. Returns the modules when it is clean.
bool load(kite::Context& ctx, const char* path, const std::string& text, std::vector<kite::Module*>* mods) {
  kite::Diagnostics diags;
  kite::VerifyOptions opts;
  opts.hard_reg_fits = kite::x86_64::hard_reg_fits;
  bool ok = kite::check_text(ctx, text, path, diags, mods, opts);
  for (const kite::Diagnostic& d : diags.list()) fputs(kite::Diagnostics::render(d, text).c_str(), stderr);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    printf("kite %s\n", KITE_VERSION);
    return 0;
  }
  if (cmd != "check" && cmd != "fmt") {
    fprintf(stderr, "kite: unknown command '%s' (try 'kite --help')\n", cmd.c_str());
    return 2;
  }
  std::vector<const char*> files;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0) {
      fputs(kUsage, stdout);
      return 0;
    }
    if (argv[i][0] == '-' && argv[i][1] != 0) {
      fprintf(stderr, "kite: unknown option '%s'\n", argv[i]);
      return 2;
    }
    files.push_back(argv[i]);
  }
  if (files.empty()) {
    fprintf(stderr, "kite: %s needs at least one file\n", cmd.c_str());
    return 2;
  }
  int status = 0;
  for (const char* path : files) {
    std::string text;
    if (!read_file(path, &text)) {
      fprintf(stderr, "kite: cannot read '%s': %s\n", path, strerror(errno));
      return 2;
    }
    kite::Context ctx;
    std::vector<kite::Module*> mods;
    if (!load(ctx, path, text, &mods)) {
      status = 1;
      continue;
    }
    if (cmd == "fmt") {
      std::string out;
      for (kite::Module* m : mods) kite::print_module(ctx, *m, out);
      fwrite(out.data(), 1, out.size(), stdout);
    }
  }
  return status;
}

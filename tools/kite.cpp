// The `kite` command-line tool: the help text, the dispatch to each command, and the small
// commands (check, fmt, asm); run is in run_command.cpp, cc in cc_driver.cpp. Only tools/
// end the process; the library reports through Diagnostics.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "driver_common.h"
#include "kite/text.h"

namespace kite::tool {

// Each command with its own options, then the options several commands share, listed once.
// README.md ("The `kite` tool") carries a copy; tests/tool/cli_test.cmake checks they agree.
const char kUsage[] =
    "usage: kite <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  check FILE...   parse and verify IR text (or compile C: FILE.c); diagnostics go to stderr\n"
    "  fmt FILE...     print the canonical text of each file on stdout\n"
    "  asm FILE... [--func NAME] [compiler options]\n"
    "                  compile every function and print its machine code\n"
    "    --func NAME   only the function NAME\n"
    "  run FILE... [--entry NAME] [--lazy | --jit | --interp] [-v] [options] [-- ARGS...]\n"
    "                  load, link and run main, which gets argc, argv (the first file name,\n"
    "                  then ARGS) and envp as far as it has parameters; exits with its result\n"
    "    --entry NAME  run NAME instead of main\n"
    "    --lazy        compile each function on its first call (the default)\n"
    "    --jit         compile every function at link time\n"
    "    --interp      interpret every function\n"
    "    -v            print each phase and its time on stderr\n"
    "                  a FILE that starts with #! is a script: it is argv[0] and the arguments\n"
    "                  after it are the program's, so `#!/usr/bin/env -S kite run` as the first\n"
    "                  line makes a C file (or a program from kite cc) executable\n"
    "  cc [-c | -S | -E | -run] [-o OUT] [options] FILE...\n"
    "                  compile like gcc: FILEs are C (.c, or any name after -x c), IR text\n"
    "                  or IR objects (any other name); without -c, -S, -E or -run, link them\n"
    "                  into OUT (a.out): an executable script of their IR for kite run\n"
    "    -c            write each C file's IR object (its IR text): x.c to ./x.o, or to OUT\n"
    "    -S            print the IR text of each C file (to OUT, else stdout)\n"
    "    -E            preprocess each C file like gcc -E (to OUT, else stdout)\n"
    "    -run FILE... [ARGS...]\n"
    "                  compile and run like tcc -run: the arguments after the first file\n"
    "                  are the program's\n"
    "    -x c | -x none\n"
    "                  the FILEs after it are C, or named by their suffix again\n"
    "    -v            print each phase and its time, and the flags ignored, on stderr\n"
    "                  gcc's -g, -W..., -pedantic and -pthread are taken; the code generation\n"
    "                  flags -f... and -m... that Kite has no use for are ignored\n"
    "\n"
    "C options (check, asm, run, cc), for the C files:\n"
    "  -I DIR          search DIR for #include files before the system directories\n"
    "  -D NAME[=VALUE] define NAME as VALUE (1 when no value is given)\n"
    "  -U NAME         undefine NAME after the predefined macros and -D\n"
    "  -include FILE   read FILE before the first line (looked for in the current directory,\n"
    "                  then like #include \"FILE\")\n"
    "  -std=STD        c99, c11 or c17, or gnu99, gnu11 (the default) or gnu17\n"
    "  -w              no warnings\n"
    "  -fgnu89-inline  gnu89's inline rules: `extern inline` only inlines, `inline` defines\n"
    "  -fcommon        tentative definitions (`int x;`) in several files are one object\n"
    "\n"
    "library options (run, cc), for the program's native symbols:\n"
    "  -l NAME         load libNAME.so (also libNAME.so.N): the -L directories first, then\n"
    "                  the system's; -lc, -lm, -lpthread, -ldl and -lrt are always there\n"
    "  -L DIR          search DIR for -l libraries\n"
    "\n"
    "compiler options (asm, run, cc):\n"
    "  -O0 | -O1       optimization level (default -O1); -O2, -O3 and -Os are -O1 for now\n"
    "  --verify-each   verify each function after every pass that changed it\n"
    "  --dump-after=PASS\n"
    "                  print each function after PASS (or all); also the code generator's\n"
    "                  stages machinize and linear-scan\n"
    "  --time-passes   report on stderr the time of each pass and code generator stage, and\n"
    "                  of the C front end's stages (c-front parse, irgen, verify)\n"
    "\n"
    "options:\n"
    "  --help          show this help\n"
    "  --version       show the version\n"
    "\n"
    "exit status: 0 on success, 1 when a file has errors, 2 on a usage error or unreadable file\n";

namespace {

// The function name after argv[*i] (--func), advancing *i; null, with a message.
const char* function_name_option(int argc, char** argv, int* i) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "kite: %s needs a function name\n", argv[*i]);
    return nullptr;
  }
  return argv[++*i];
}

int asm_command(int argc, char** argv) {
  std::vector<InputFile> files;
  std::string only;
  kite::JitOptions jopts;
  kite::c::CompileOptions copts;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (compiler_option(a, &jopts)) continue;
    if (int c = c_option(argc, argv, &i, &copts)) {
      if (c < 0) return 2;
      continue;
    }
    if (a == "--help") {
      fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--func") {
      const char* name = function_name_option(argc, argv, &i);
      if (!name) return 2;
      only = name;
    } else if (a.size() > 1 && a[0] == '-') {
      fprintf(stderr, "kite: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      files.push_back(InputFile{a, has_c_suffix(a)});
    }
  }
  if (files.empty()) {
    fprintf(stderr, "kite: asm needs at least one file\n");
    return 2;
  }
  kite::Context ctx;
  std::vector<kite::Module*> mods;
  std::vector<std::string> texts;
  Timing timing;
  timing.time_passes = jopts.time_passes;
  if (int status = load_files(ctx, files, &texts, &mods, copts, &timing)) return status;
  jopts.lazy = false;
  jopts.keep_listing = true;
  auto rt = kite::make_jit_runtime(ctx, jopts);
  if (!link_all(*rt, mods, files, texts)) return 1;
  bool found = only.empty();
  for (kite::Module* m : mods)
    for (kite::ItemId id : m->items) {
      const kite::Item& it = ctx.item(id);
      if (it.kind != kite::ItemKind::Func) continue;
      std::string name(ctx.name(it.name));
      if (!only.empty() && name != only) continue;
      found = true;
      std::string text = rt->listing(id);
      printf("%s:\n", name.c_str());
      fputs(text.empty() ? "  (interpreted)\n" : text.c_str(), stdout);
    }
  if (jopts.time_passes) fputs(timing.c_report().c_str(), stderr);
  fputs(rt->pass_report().c_str(), stderr);
  if (!found) {
    fprintf(stderr, "kite: no function '%s'\n", only.c_str());
    return 1;
  }
  return 0;
}

// check and fmt: each file on its own, in a context of its own.
int check_command(const std::string& cmd, int argc, char** argv) {
  std::vector<InputFile> files;
  kite::c::CompileOptions copts;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0) {
      fputs(kUsage, stdout);
      return 0;
    }
    if (int c = c_option(argc, argv, &i, &copts)) {
      if (c < 0) return 2;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1] != 0) {
      fprintf(stderr, "kite: unknown option '%s'\n", argv[i]);
      return 2;
    }
    files.push_back(InputFile{argv[i], has_c_suffix(argv[i])});
  }
  if (files.empty()) {
    fprintf(stderr, "kite: %s needs at least one file\n", cmd.c_str());
    return 2;
  }
  int status = 0;
  for (const InputFile& file : files) {
    std::string text;
    if (!read_file(file.path.c_str(), &text)) {
      fprintf(stderr, "kite: cannot read '%s': %s\n", file.path.c_str(), strerror(errno));
      return 2;
    }
    kite::Context ctx;
    std::vector<kite::Module*> mods;
    if (!load(ctx, file, text, &mods, copts, nullptr)) {
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

}  // namespace
}  // namespace kite::tool

int main(int argc, char** argv) {
  using namespace kite::tool;
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
  if (cmd == "run") return run_command(argc, argv);
  if (cmd == "asm") return asm_command(argc, argv);
  if (cmd == "cc") return cc_command(argc, argv);
  if (cmd != "check" && cmd != "fmt") {
    fprintf(stderr, "kite: unknown command '%s' (try 'kite --help')\n", cmd.c_str());
    return 2;
  }
  return check_command(cmd, argc, argv);
}

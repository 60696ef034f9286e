// The `kite` command-line driver: check, format, compile (asm) and run IR text.
// Only this layer ends the process; the library reports through Diagnostics.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <string>
#include <vector>

#include "kite/c.h"
#include "kite/runtime.h"
#include "kite/text.h"
#include "kite/verify.h"
#include "target/x86_64/registers.h"

namespace {

// Each command with its own options, then the options run and asm share, listed once.
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
    "  run FILE... [--entry NAME] [--lazy | --jit | --interp] [compiler options] [-- ARGS...]\n"
    "                  load, link and run main, which gets argc, argv (the first file name,\n"
    "                  then ARGS) and envp as far as it has parameters; exits with its result\n"
    "    --entry NAME  run NAME instead of main\n"
    "    --lazy        compile each function on its first call (the default)\n"
    "    --jit         compile every function at link time\n"
    "    --interp      interpret every function\n"
    "  cc (-E | -S) FILE.c [C options] [-o OUT]\n"
    "                  -E: preprocess C and print the result like gcc -E;\n"
    "                  -S: compile C and print its IR text\n"
    "    -o OUT        write to OUT instead of stdout\n"
    "\n"
    "C options (check, asm, run, cc), for the files ending in .c:\n"
    "  -I DIR          search DIR for #include files before the system directories\n"
    "  -D NAME[=VALUE] define NAME as VALUE (1 when no value is given)\n"
    "  -U NAME         undefine NAME after the predefined macros and -D\n"
    "  -std=STD        c99, c11 or c17, or gnu99, gnu11 (the default) or gnu17\n"
    "  -w              no warnings\n"
    "  -fgnu89-inline  gnu89's inline rules: `extern inline` only inlines, `inline` defines\n"
    "  -fcommon        tentative definitions (`int x;`) in several files are one object\n"
    "\n"
    "compiler options (asm, run):\n"
    "  -O0 | -O1       optimization level (default -O1)\n"
    "  --verify-each   verify each function after every pass that changed it\n"
    "  --dump-after=PASS\n"
    "                  print each function after PASS (or all); also the code generator's\n"
    "                  stages machinize and linear-scan\n"
    "  --time-passes   report on stderr the time of each pass and code generator stage\n"
    "\n"
    "options:\n"
    "  --help          show this help\n"
    "  --version       show the version\n"
    "\n"
    "exit status: 0 on success, 1 when a file has errors, 2 on a usage error or unreadable file\n";

// With read(2), not iostreams: an ifstream builds the C++ locale on first use, a quarter of
// the whole process's work when running a small program. Regular files are read in one call
// into the final buffer; pipes and the like in chunks.
bool read_file(const char* path, std::string* out) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  size_t size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  out->resize(size + 1);  // one spare byte, so a regular file ends with a read of 0
  size_t used = 0;
  for (;;) {
    if (used == out->size()) out->resize(out->size() * 2 + 4096);
    ssize_t n = read(fd, out->data() + used, out->size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      close(fd);
      errno = saved;
      if (n < 0) return false;
      break;
    }
    used += static_cast<size_t>(n);
  }
  out->resize(used);
  return true;
}

// Prints diagnostics with their source lines: `text` for the file itself, and for a header
// the C front end reported from, that header read again (errors only, so rarely).
void print_diagnostics(const kite::Diagnostics& diags, const char* path, const std::string& text) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const kite::Diagnostic& d : diags.list()) {
    const std::string* src = &text;
    if (d.file != path) {
      auto it = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == d.file; });
      if (it == headers.end()) {
        std::string h;
        if (d.file.empty() || d.file[0] == '<' || !read_file(d.file.c_str(), &h)) h.clear();
        headers.emplace_back(d.file, std::move(h));
        it = headers.end() - 1;
      }
      src = &it->second;
    }
    fputs(kite::Diagnostics::render(d, *src).c_str(), stderr);
  }
}

// Parses and verifies one file; prints diagnostics. Returns the modules when it is clean.
// Files ending in .c go through the C front end (one module each); the rest are IR text.
bool load(kite::Context& ctx, const char* path, const std::string& text, std::vector<kite::Module*>* mods,
          const kite::c::CompileOptions& copts) {
  kite::Diagnostics diags;
  size_t len = strlen(path);
  if (len > 2 && strcmp(path + len - 2, ".c") == 0) {
    kite::Module* m = kite::c::compile(ctx, path, text, copts, diags);
    print_diagnostics(diags, path, text);
    if (m && mods) mods->push_back(m);
    return m != nullptr;
  }
  kite::VerifyOptions opts;
  opts.hard_reg_fits = kite::x86_64::hard_reg_fits;
  bool ok = kite::check_text(ctx, text, path, diags, mods, opts);
  for (const kite::Diagnostic& d : diags.list()) fputs(kite::Diagnostics::render(d, text).c_str(), stderr);
  return ok;
}

// Reads, parses and verifies every file into ctx; 0, or the exit status to end with.
int load_files(kite::Context& ctx, const std::vector<const char*>& files, std::vector<std::string>* texts,
               std::vector<kite::Module*>* mods, const kite::c::CompileOptions& copts) {
  texts->assign(files.size(), std::string());
  bool ok = true;
  for (size_t i = 0; i < files.size(); i++) {
    if (!read_file(files[i], &(*texts)[i])) {
      fprintf(stderr, "kite: cannot read '%s': %s\n", files[i], strerror(errno));
      return 2;
    }
    ok &= load(ctx, files[i], (*texts)[i], mods, copts);
  }
  return ok ? 0 : 1;
}

// Loads and links the modules; link errors are shown with their source lines.
bool link_all(kite::Runtime& rt, const std::vector<kite::Module*>& mods, const std::vector<const char*>& files,
              const std::vector<std::string>& texts) {
  kite::Diagnostics diags;
  for (kite::Module* m : mods) rt.load(*m, diags);
  if (!diags.has_errors()) rt.link(diags);
  for (const kite::Diagnostic& d : diags.list()) {
    std::string_view src;
    for (size_t i = 0; i < files.size(); i++)
      if (d.file == files[i]) src = texts[i];
    fputs(kite::Diagnostics::render(d, src).c_str(), stderr);
  }
  return !diags.has_errors();
}

// The function name after argv[*i] (--func, --entry), advancing *i; null, with a message,
// when it is missing.
const char* function_name_option(int argc, char** argv, int* i) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "kite: %s needs a function name\n", argv[*i]);
    return nullptr;
  }
  return argv[++*i];
}

// C front-end options shared by run, check and cc: -I DIR, -D NAME[=VALUE], -U NAME (each also
// without the space), -std=c11|gnu11|c99|gnu99|c17|gnu17, -w, -f[no-]gnu89-inline, -f[no-]common. Returns 1 when argv[*i] was one
// (advancing *i past its value), 0 when it was not, -1 after a usage error.
// The value of a two-letter option at argv[*i]: `-IDIR`, or `-I DIR` (advancing *i); null,
// with a message, when it is missing.
const char* option_value(int argc, char** argv, int* i) {
  if (argv[*i][2]) return argv[*i] + 2;
  if (*i + 1 >= argc) {
    fprintf(stderr, "kite: %.2s needs an argument\n", argv[*i]);
    return nullptr;
  }
  return argv[++*i];
}

// gcc's spellings of the standards Kite takes.
struct LanguageStandard {
  const char* name;
  int year;
  bool gnu;
};
constexpr LanguageStandard kStandards[] = {
    {"c99", 1999, false},  {"c9x", 1999, false},  {"iso9899:1999", 1999, false}, {"gnu99", 1999, true},
    {"gnu9x", 1999, true}, {"c11", 2011, false},  {"c1x", 2011, false},          {"iso9899:2011", 2011, false},
    {"gnu11", 2011, true}, {"gnu1x", 2011, true}, {"c17", 2017, false},          {"c18", 2017, false},
    {"iso9899:2017", 2017, false}, {"iso9899:2018", 2017, false}, {"gnu17", 2017, true}, {"gnu18", 2017, true},
};

int c_option(int argc, char** argv, int* i, kite::c::CompileOptions* opts) {
  std::string a = argv[*i];
  if (a.rfind("-I", 0) == 0) {
    const char* v = option_value(argc, argv, i);
    if (!v) return -1;
    opts->include_dirs.push_back(v);
  } else if (a.rfind("-D", 0) == 0) {
    const char* v = option_value(argc, argv, i);
    if (!v) return -1;
    std::string d = v;
    size_t eq = d.find('=');
    if (eq == std::string::npos) opts->defines.emplace_back(d, "1");
    else opts->defines.emplace_back(d.substr(0, eq), d.substr(eq + 1));
  } else if (a.rfind("-U", 0) == 0) {
    const char* v = option_value(argc, argv, i);
    if (!v) return -1;
    opts->undefines.push_back(v);
  } else if (a.rfind("-std=", 0) == 0) {
    const LanguageStandard* found = nullptr;
    for (const LanguageStandard& s : kStandards)
      if (a.compare(5, std::string::npos, s.name) == 0) found = &s;
    if (!found) {
      fprintf(stderr, "kite: unsupported language standard '%s' (c99, c11, c17 or their gnu forms)\n", a.c_str());
      return -1;
    }
    opts->standard = found->year;
    opts->gnu = found->gnu;
  } else if (a == "-w") {
    opts->warnings = false;
  } else if (a == "-fgnu89-inline" || a == "-fno-gnu89-inline") {
    opts->gnu89_inline = a == "-fgnu89-inline";
  } else if (a == "-fcommon" || a == "-fno-common") {
    opts->common = a == "-fcommon";
  } else {
    return 0;
  }
  return 1;
}

// Compiler options shared by run and asm; true when `a` was one of them.
bool compiler_option(const std::string& a, kite::JitOptions* o) {
  if (a == "-O0" || a == "-O1" || a == "-O2") {
    o->opt_level = a[2] - '0';
  } else if (a == "--verify-each") {
    o->verify_each = true;
  } else if (a.rfind("--dump-after=", 0) == 0) {
    o->dump_after = a.substr(13);
  } else if (a == "--time-passes") {
    o->time_passes = true;
  } else {
    return false;
  }
  return true;
}

int asm_command(int argc, char** argv) {
  std::vector<const char*> files;
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
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) {
    fprintf(stderr, "kite: asm needs at least one file\n");
    return 2;
  }
  kite::Context ctx;
  std::vector<kite::Module*> mods;
  std::vector<std::string> texts;
  if (int status = load_files(ctx, files, &texts, &mods, copts)) return status;
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
  fputs(rt->pass_report().c_str(), stderr);
  if (!found) {
    fprintf(stderr, "kite: no function '%s'\n", only.c_str());
    return 1;
  }
  return 0;
}

// C's destructors (`fini` functions) run at exit after the atexit handlers the program
// registers, as glibc runs them: one handler registered before the constructors run.
kite::Runtime* g_fini_runtime = nullptr;
std::vector<kite::ItemId> g_finis;
void run_finis() {
  kite::Value results[8] = {};
  for (kite::ItemId f : g_finis) g_fini_runtime->call(f, {}, results);
  fflush(stdout);
}

int run_command(int argc, char** argv) {
  std::vector<const char*> files;
  std::vector<const char*> prog_args;
  std::string entry = "main";
  enum { Lazy, Eager, Interp } mode = Lazy;
  kite::JitOptions jopts;
  kite::c::CompileOptions copts;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--") {
      for (int k = i + 1; k < argc; k++) prog_args.push_back(argv[k]);
      break;
    }
    if (compiler_option(a, &jopts)) continue;
    if (int c = c_option(argc, argv, &i, &copts)) {
      if (c < 0) return 2;
      continue;
    }
    if (a == "--help") {
      fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--entry") {
      const char* name = function_name_option(argc, argv, &i);
      if (!name) return 2;
      entry = name;
    } else if (a == "--interp") {
      mode = Interp;
    } else if (a == "--jit") {
      mode = Eager;
    } else if (a == "--lazy") {
      mode = Lazy;
    } else if (a.size() > 1 && a[0] == '-') {
      fprintf(stderr, "kite: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) {
    fprintf(stderr, "kite: run needs at least one file\n");
    return 2;
  }
  kite::Context ctx;
  std::vector<kite::Module*> mods;
  std::vector<std::string> texts;
  if (int status = load_files(ctx, files, &texts, &mods, copts)) return status;
  jopts.lazy = mode == Lazy;
  std::unique_ptr<kite::Runtime> rt =
      mode == Interp ? kite::make_interpreter_runtime(ctx) : kite::make_jit_runtime(ctx, jopts);
  if (!link_all(*rt, mods, files, texts)) return 1;
  kite::ItemId fn = rt->find_function(entry);
  if (fn == kite::kNone) {
    fprintf(stderr, "kite: no function '%s' to run\n", entry.c_str());
    return 1;
  }
  const kite::Signature& sig = ctx.item(fn).func->sig();
  std::vector<char*> argv_vec;
  argv_vec.push_back(const_cast<char*>(files[0]));
  for (const char* a : prog_args) argv_vec.push_back(const_cast<char*>(a));
  argv_vec.push_back(nullptr);
  // As C runs main: (), (argc), (argc, argv) or (argc, argv, envp); MIR's tests use (argc).
  kite::Value args[3] = {};
  args[0].i = static_cast<int64_t>(argv_vec.size() - 1);
  args[1].p = argv_vec.data();
  args[2].p = environ;
  if (sig.nparams > 3) {
    fprintf(stderr, "kite: '%s' must take no parameters, (argc), (argc, argv) or (argc, argv, envp)\n", entry.c_str());
    return 1;
  }
  g_finis = rt->fini_functions();
  if (!g_finis.empty()) {
    g_fini_runtime = rt.get();
    atexit(run_finis);
  }
  kite::Value results[8] = {};
  for (kite::ItemId init : rt->init_functions()) rt->call(init, {}, results);
  rt->call(fn, std::span<const kite::Value>(args, sig.nparams), results);
  fflush(stdout);
  fputs(rt->pass_report().c_str(), stderr);
  // Returning from main is exit(result) (5.1.2.2.3): the program's atexit handlers run now,
  // while the runtime that holds their code is still alive.
  std::exit(sig.nresults == 0 || !kite::is_int_type(sig.results[0]) ? 0 : static_cast<int>(results[0].i));
}

// `kite cc`: the C front end. Only -E (preprocess) is there yet; -S and the rest follow.
int cc_command(int argc, char** argv) {
  kite::c::CompileOptions opts;
  const char* input = nullptr;
  const char* output = nullptr;
  bool preprocess_only = false, emit_ir = false;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (int c = c_option(argc, argv, &i, &opts)) {
      if (c < 0) return 2;
      continue;
    }
    if (a == "--help") {
      fputs(kUsage, stdout);
      return 0;
    } else if (a == "-E") {
      preprocess_only = true;
    } else if (a == "-S") {
      emit_ir = true;
    } else if (a.rfind("-o", 0) == 0) {
      output = option_value(argc, argv, &i);  // -o OUT and -oOUT
      if (!output) return 2;
    } else if (a[0] == '-' && a.size() > 1) {
      fprintf(stderr, "kite: unknown option '%s'\n", argv[i]);
      return 2;
    } else if (input) {
      fprintf(stderr, "kite: cc takes one file\n");
      return 2;
    } else {
      input = argv[i];
    }
  }
  if (!preprocess_only && !emit_ir) {
    fprintf(stderr, "kite: cc needs -E or -S\n");
    return 2;
  }
  if (!input) {
    fprintf(stderr, "kite: cc needs a file\n");
    return 2;
  }
  std::string text;
  if (!read_file(input, &text)) {
    fprintf(stderr, "kite: cannot read '%s': %s\n", input, strerror(errno));
    return 2;
  }
  kite::Diagnostics diags;
  std::string out;
  bool ok;
  if (preprocess_only) {
    ok = kite::c::preprocess_to_text(input, text, opts, diags, &out);
  } else {  // -S: the module's IR text
    kite::Context ctx;
    kite::Module* m = kite::c::compile(ctx, input, text, opts, diags);
    ok = m != nullptr;
    if (m) out = kite::print_module(ctx, *m);
  }
  print_diagnostics(diags, input, text);
  FILE* f = output ? fopen(output, "w") : stdout;
  if (!f) {
    fprintf(stderr, "kite: cannot write '%s': %s\n", output, strerror(errno));
    return 2;
  }
  fwrite(out.data(), 1, out.size(), f);
  if (output) fclose(f);
  return ok ? 0 : 1;
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
  if (cmd == "run") return run_command(argc, argv);
  if (cmd == "asm") return asm_command(argc, argv);
  if (cmd == "cc") return cc_command(argc, argv);
  if (cmd != "check" && cmd != "fmt") {
    fprintf(stderr, "kite: unknown command '%s' (try 'kite --help')\n", cmd.c_str());
    return 2;
  }
  std::vector<const char*> files;
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
    if (!load(ctx, path, text, &mods, copts)) {
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

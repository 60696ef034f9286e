// `kite run`: load C and IR files, link them and run main. A file that starts with `#!` is a
// script: the arguments after it are the program's (no `--` needed), as with `tcc -run`, so
// `#!/usr/bin/env -S kite run` makes a C file or a linked program executable.
#include "run_command.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace kite::tool {
namespace {

// The function name after argv[*i] (--entry), advancing *i; null, with a message.
const char* function_name_option(int argc, char** argv, int* i) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "kite: %s needs a function name\n", argv[*i]);
    return nullptr;
  }
  return argv[++*i];
}

// The options a linked program carries (kScriptOption lines right after its `#!` line), as
// if they stood on the command line where the program's name does. C files carry none: a
// C file's second line is C.
int apply_script_options(const InputFile& file, RunSettings* s) {
  if (file.is_c) return 0;
  std::string text;
  if (!read_file(file.path.c_str(), &text)) return 0;  // loading it reports that
  std::vector<std::string> opts;
  size_t line = text.find('\n');
  const size_t n = strlen(kScriptOption);
  while (line != std::string::npos && text.compare(line + 1, n, kScriptOption) == 0) {
    size_t start = line + 1 + n;
    line = text.find('\n', start);
    opts.push_back(text.substr(start, line == std::string::npos ? std::string::npos : line - start));
  }
  std::vector<char*> argv;
  for (std::string& o : opts) argv.push_back(o.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(opts.size());
  for (int i = 0; i < argc; i++) {
    int r = run_option(argc, argv.data(), &i, s);
    if (r == 0) fprintf(stderr, "kite: '%s': unknown option '%s'\n", file.path.c_str(), argv[i]);
    if (r <= 0) return 2;
  }
  return 0;
}

// C's destructors (`fini` functions) run at exit after the atexit handlers the program
// registers, as glibc runs them: one handler registered before the constructors run.
kite::Runtime* g_runtime = nullptr;
std::vector<kite::ItemId> g_finis;
void run_finis() {
  kite::Value results[8] = {};
  for (kite::ItemId f : g_finis) g_runtime->call(f, {}, results);
  fflush(stdout);
}

// The reports at exit, after the destructors, however the program ends (return from main
// or exit()): --time-passes' table (the C front end's stages first, as they ran first) and
// -v's code generation total.
const RunSettings* g_settings = nullptr;
bool g_user_time_passes = false;
void print_reports() {
  fflush(stdout);
  std::string report = g_runtime->pass_report();
  if (g_user_time_passes) {
    fputs(g_settings->timing.c_report().c_str(), stderr);
    fputs(report.c_str(), stderr);
  } else if (!g_settings->jopts.dump_after.empty()) {
    fputs(report.c_str(), stderr);  // the dumps, without the timings -v asked for
  }
  if (g_settings->timing.verbose && g_settings->mode != RunSettings::Interp) {
    // Lazily compiled functions are compiled while the program runs: the total is known
    // only now, summed from the pass and stage timings.
    double ms = 0;
    for (size_t p = 0; p < report.size();) {
      size_t e = report.find('\n', p);
      if (e == std::string::npos) e = report.size();
      std::string line = report.substr(p, e - p);
      if ((line.rfind("pass ", 0) == 0 || line.rfind("codegen ", 0) == 0) && line.size() > 3 &&
          line.compare(line.size() - 3, 3, " ms") == 0) {
        size_t num = line.find_last_of(' ', line.size() - 4);
        ms += atof(line.c_str() + num + 1);
      }
      p = e + 1;
    }
    fprintf(stderr, "kite: code generation %.3f ms\n", ms);
  }
}

}  // namespace

int run_option(int argc, char** argv, int* i, RunSettings* s) {
  std::string a = argv[*i];
  if (compiler_option(a, &s->jopts)) {
    if (a == "--time-passes") s->timing.time_passes = true;
    return 1;
  }
  if (int c = c_option(argc, argv, i, &s->copts)) return c;
  if (int c = library_option(argc, argv, i, &s->libs)) return c;
  if (a == "--entry") {
    const char* name = function_name_option(argc, argv, i);
    if (!name) return -1;
    s->entry = name;
  } else if (a == "--interp") {
    s->mode = RunSettings::Interp;
  } else if (a == "--jit") {
    s->mode = RunSettings::Eager;
  } else if (a == "--lazy") {
    s->mode = RunSettings::Lazy;
  } else if (a == "-v") {
    s->timing.verbose = true;
  } else {
    return 0;
  }
  return 1;
}

int run_program(const std::vector<InputFile>& files, const std::string& argv0, const std::vector<std::string>& args,
                RunSettings& s) {
  if (!open_libraries(s.libs)) return 1;
  kite::Context ctx;
  std::vector<kite::Module*> mods;
  std::vector<std::string> texts;
  if (int status = load_files(ctx, files, &texts, &mods, s.copts, &s.timing)) return status;
  s.jopts.lazy = s.mode == RunSettings::Lazy;
  g_user_time_passes = s.jopts.time_passes;
  if (s.timing.verbose) s.jopts.time_passes = true;  // for the code generation total
  std::unique_ptr<kite::Runtime> rt =
      s.mode == RunSettings::Interp ? kite::make_interpreter_runtime(ctx) : kite::make_jit_runtime(ctx, s.jopts);
  uint64_t started = s.timing.start();
  if (!link_all(*rt, mods, files, texts)) return 1;
  s.timing.phase_end(started, s.mode == RunSettings::Eager ? "link (and compile every function)" : "link");
  kite::ItemId fn = rt->find_function(s.entry);
  if (fn == kite::kNone) {
    fprintf(stderr, "kite: no function '%s' to run\n", s.entry.c_str());
    return 1;
  }
  const kite::Signature& sig = ctx.item(fn).func->sig();
  if (sig.nparams > 3) {
    fprintf(stderr, "kite: '%s' must take no parameters, (argc), (argc, argv) or (argc, argv, envp)\n",
            s.entry.c_str());
    return 1;
  }
  std::vector<char*> argv_vec;
  argv_vec.push_back(const_cast<char*>(argv0.c_str()));
  for (const std::string& a : args) argv_vec.push_back(const_cast<char*>(a.c_str()));
  argv_vec.push_back(nullptr);
  // As C runs main: (), (argc), (argc, argv) or (argc, argv, envp); MIR's tests use (argc).
  kite::Value cells[3] = {};
  cells[0].i = static_cast<int64_t>(argv_vec.size() - 1);
  cells[1].p = argv_vec.data();
  cells[2].p = environ;
  g_runtime = rt.get();
  g_settings = &s;
  atexit(print_reports);
  g_finis = rt->fini_functions();
  if (!g_finis.empty()) atexit(run_finis);
  kite::Value results[8] = {};
  for (kite::ItemId init : rt->init_functions()) rt->call(init, {}, results);
  rt->call(fn, std::span<const kite::Value>(cells, sig.nparams), results);
  fflush(stdout);
  // Returning from main is exit(result) (5.1.2.2.3): the program's atexit handlers run now,
  // while the runtime that holds their code is still alive.
  std::exit(sig.nresults == 0 || !kite::is_int_type(sig.results[0]) ? 0 : static_cast<int>(results[0].i));
}

int run_command(int argc, char** argv) {
  std::vector<InputFile> files;
  std::vector<std::string> prog_args;
  std::string argv0;
  RunSettings s;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--") {
      for (int k = i + 1; k < argc; k++) prog_args.push_back(argv[k]);
      break;
    }
    if (a == "--help") {
      fputs(kUsage, stdout);
      return 0;
    }
    if (int r = run_option(argc, argv, &i, &s)) {
      if (r < 0) return 2;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      fprintf(stderr, "kite: unknown option '%s'\n", a.c_str());
      return 2;
    }
    files.push_back(InputFile{a, has_c_suffix(a)});
    if (argv0.empty()) argv0 = a;
    if (is_script(argv[i])) {
      // A script is the program: it is argv[0], and what follows it is the program's.
      argv0 = a;
      if (int status = apply_script_options(files.back(), &s)) return status;
      for (int k = i + 1; k < argc; k++) prog_args.push_back(argv[k]);
      break;
    }
  }
  if (files.empty()) {
    fprintf(stderr, "kite: run needs at least one file\n");
    return 2;
  }
  return run_program(files, argv0, prog_args, s);
}

}  // namespace kite::tool

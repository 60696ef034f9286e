// `kite cc`: the C compiler driver with gcc's usual options. -E preprocesses, -S prints IR,
// -c writes an IR object per C file, -run compiles and runs (tcc's), and otherwise the C
// files, IR files and IR objects are linked into an executable script for `kite run`.
// Code-generation flags Kite has no use for (-fPIC, -march=...) are ignored; -v names them.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kite/text.h"
#include "run_command.h"

namespace kite::tool {
namespace {

// What `kite cc` makes; with several of -E, -S and -c the earliest stage wins, as in gcc.
enum class Stage { Preprocess, Ir, Object, Link };

// The first line of a linked program. Through env, not the absolute path of this kite: the
// program stays valid when Kite is installed elsewhere or the build directory moves, as with
// `#!/usr/bin/env python3`; -S because the kernel passes everything after the interpreter as
// one argument.
constexpr char kShebang[] = "#!/usr/bin/env -S kite run\n";

bool write_file(const std::string& path, const std::string& data, bool executable) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0755 : 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      close(fd);
      errno = saved;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  // An existing file keeps its mode through O_CREAT; a program must end up executable.
  if (executable && fchmod(fd, 0755) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return false;
  }
  return close(fd) == 0;
}

bool write_output(const char* path, const std::string& data, bool executable = false) {
  if (!path) {
    fwrite(data.data(), 1, data.size(), stdout);
    return true;
  }
  if (write_file(path, data, executable)) return true;
  fprintf(stderr, "kite: cannot write '%s': %s\n", path, strerror(errno));
  return false;
}

// gcc's name for an object of `path`: its base name, in the current directory, with its
// suffix (.c) replaced by .o.
std::string object_name(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base.resize(dot);
  return base + ".o";
}

// The run-time options of a linked program, one per kScriptOption line. -L directories are
// made absolute: the program may run from another directory.
std::string script_header(const RunSettings& s) {
  std::string out = kShebang;
  auto option = [&](const std::string& o) { out += kScriptOption + o + "\n"; };
  if (s.jopts.opt_level == 0) option("-O0");
  for (const std::string& dir : s.libs.dirs) {
    char abs[PATH_MAX];
    option("-L" + std::string(realpath(dir.c_str(), abs) ? abs : dir.c_str()));
  }
  for (const std::string& name : s.libs.names) option("-l" + name);
  out += "# A program linked by kite cc: the IR of its modules, for kite run (docs/tools.md).\n";
  return out;
}

struct CcArgs {
  Stage stage = Stage::Link;
  bool run = false;
  const char* output = nullptr;
  std::vector<InputFile> files;
  std::vector<std::string> prog_args;  // -run: the arguments after the first file
  std::vector<std::string> ignored;    // the flags -v names
  RunSettings s;
};

// Parses the command line; 0, or the exit status to end with (--help prints and ends with 0,
// told apart by *done).
int parse(int argc, char** argv, CcArgs* cc, bool* done) {
  bool force_c = false;  // after -x c
  RunSettings& s = cc->s;
  for (int i = 2; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--help") {
      fputs(kUsage, stdout);
      *done = true;
      return 0;
    }
    if (int c = c_option(argc, argv, &i, &s.copts)) {
      if (c < 0) return 2;
      continue;
    }
    if (int c = library_option(argc, argv, &i, &s.libs)) {
      if (c < 0) return 2;
      continue;
    }
    if (compiler_option(a, &s.jopts)) {
      if (a == "--time-passes") s.timing.time_passes = true;
      continue;
    }
    if (a == "-E" || a == "-S" || a == "-c") {
      Stage st = a == "-E" ? Stage::Preprocess : a == "-S" ? Stage::Ir : Stage::Object;
      if (st < cc->stage) cc->stage = st;
    } else if (a == "-run") {
      cc->run = true;
    } else if (a == "-v") {
      s.timing.verbose = true;
    } else if (a.rfind("-o", 0) == 0) {
      cc->output = option_value(argc, argv, &i);  // -o OUT and -oOUT
      if (!cc->output) return 2;
    } else if (a.rfind("-x", 0) == 0) {
      const char* lang = option_value(argc, argv, &i);
      if (!lang) return 2;
      if (strcmp(lang, "c") != 0 && strcmp(lang, "none") != 0) {
        fprintf(stderr, "kite: language '%s' is not supported (-x c or -x none)\n", lang);
        return 2;
      }
      force_c = strcmp(lang, "c") == 0;
    } else if (a == "-pthread") {
      s.copts.defines.emplace_back("_REENTRANT", "1");  // as gcc; the threads are in libc
    } else if (a == "-g" || a.rfind("-g", 0) == 0 || a == "-pipe" || a == "-pedantic" || a == "-pedantic-errors") {
      // Debug information and strictness flags change nothing Kite makes.
    } else if (a.rfind("-Wl,", 0) == 0 || a.rfind("-Wa,", 0) == 0 || a.rfind("-Wp,", 0) == 0) {
      cc->ignored.push_back(a);  // options for tools Kite does not run
    } else if (a.rfind("-W", 0) == 0) {
      // Warning selection: Kite's warnings are on or off (-w).
    } else if ((a.rfind("-f", 0) == 0 || a.rfind("-m", 0) == 0) && a.size() > 2) {
      cc->ignored.push_back(a);  // code generation flags (-fPIC, -march=...) Kite has no use for
    } else if (a.size() > 1 && a[0] == '-') {
      fprintf(stderr, "kite: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      cc->files.push_back(InputFile{a, force_c || has_c_suffix(a)});
      if (cc->run) {  // tcc's -run: the rest belongs to the program
        for (int k = i + 1; k < argc; k++) cc->prog_args.push_back(argv[k]);
        break;
      }
    }
  }
  return 0;
}

// -E: each C file preprocessed, one after the other.
int preprocess(const CcArgs& cc) {
  std::string out;
  bool ok = true;
  for (const InputFile& f : cc.files) {
    std::string text;
    if (!read_file(f.path.c_str(), &text)) {
      fprintf(stderr, "kite: cannot read '%s': %s\n", f.path.c_str(), strerror(errno));
      return 2;
    }
    kite::Diagnostics diags;
    ok &= kite::c::preprocess_to_text(f.path, text, cc.s.copts, diags, &out);
    print_diagnostics(diags, f.path, text);
  }
  if (!write_output(cc.output, out)) return 2;
  return ok ? 0 : 1;
}

// -S and -c: each C file into its own module; -S prints them (to -o or stdout), -c writes
// each to its IR object.
int compile_each(CcArgs& cc) {
  std::string all;
  bool ok = true;
  for (const InputFile& f : cc.files) {
    if (!f.is_c) {
      fprintf(stderr, "kite: warning: '%s': linker input file unused because linking not done\n", f.path.c_str());
      continue;
    }
    std::string text;
    if (!read_file(f.path.c_str(), &text)) {
      fprintf(stderr, "kite: cannot read '%s': %s\n", f.path.c_str(), strerror(errno));
      return 2;
    }
    kite::Context ctx;
    std::vector<kite::Module*> mods;
    if (!load(ctx, f, text, &mods, cc.s.copts, &cc.s.timing)) {
      ok = false;
      continue;
    }
    std::string ir = kite::print_module(ctx, *mods[0]);
    if (cc.stage == Stage::Ir) {
      all += ir;
    } else {
      std::string out = cc.output ? cc.output : object_name(f.path);
      if (!write_output(out.c_str(), ir)) return 2;
    }
  }
  if (cc.stage == Stage::Ir && !write_output(cc.output, all)) return 2;
  return ok ? 0 : 1;
}

// Linking: every file loaded and linked once (so that a missing symbol or a library is an
// error now, as with gcc, not when the program runs), then written as one script.
int link_program(CcArgs& cc) {
  RunSettings& s = cc.s;
  if (!open_libraries(s.libs)) return 1;
  kite::Context ctx;
  std::vector<kite::Module*> mods;
  std::vector<std::string> texts;
  if (int status = load_files(ctx, cc.files, &texts, &mods, s.copts, &s.timing)) return status;
  uint64_t started = s.timing.start();
  // The interpreter's runtime: linking checks symbols without compiling anything.
  std::unique_ptr<kite::Runtime> rt = kite::make_interpreter_runtime(ctx);
  if (!link_all(*rt, mods, cc.files, texts)) return 1;
  if (rt->find_function("main") == kite::kNone) {
    fprintf(stderr, "kite: no function 'main' to run\n");
    return 1;
  }
  std::string out = script_header(s);
  for (kite::Module* m : mods) kite::print_module(ctx, *m, out);
  s.timing.phase_end(started, "link");
  return write_output(cc.output ? cc.output : "a.out", out, true) ? 0 : 2;
}

}  // namespace

int cc_command(int argc, char** argv) {
  CcArgs cc;
  bool done = false;
  if (int status = parse(argc, argv, &cc, &done)) return status;
  if (done) return 0;
  if (cc.s.timing.verbose && !cc.ignored.empty()) {
    std::string names;
    for (const std::string& f : cc.ignored) names += " " + f;
    fprintf(stderr, "kite: ignoring%s\n", names.c_str());
  }
  if (cc.files.empty()) {
    fprintf(stderr, "kite: cc needs a file\n");
    return 2;
  }
  if (cc.run) return run_program(cc.files, cc.files[0].path, cc.prog_args, cc.s);
  size_t c_files = 0;
  for (const InputFile& f : cc.files) c_files += f.is_c;
  if (cc.output && cc.stage == Stage::Object && c_files > 1) {
    fprintf(stderr, "kite: cannot specify '-o' with '-c' and several files\n");
    return 2;
  }
  int status = 0;
  switch (cc.stage) {
    case Stage::Preprocess: status = preprocess(cc); break;
    case Stage::Ir:
    case Stage::Object: status = compile_each(cc); break;
    case Stage::Link: status = link_program(cc); break;
  }
  if (cc.s.timing.time_passes) fputs(cc.s.timing.c_report().c_str(), stderr);
  return status;
}

}  // namespace kite::tool

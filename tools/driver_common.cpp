// The `kite` commands' shared plumbing: reading files, loading C and IR into modules with
// diagnostics, linking, option parsing for the C front end and the compiler, phase timing.
#include "driver_common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "kite/text.h"
#include "kite/verify.h"
#include "target/x86_64/registers.h"

namespace kite::tool {

bool has_c_suffix(const std::string& path) { return path.size() > 2 && path.compare(path.size() - 2, 2, ".c") == 0; }

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

bool is_script(const char* path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char head[2] = {};
  ssize_t n;
  do n = read(fd, head, 2);
  while (n < 0 && errno == EINTR);
  close(fd);
  return n == 2 && head[0] == '#' && head[1] == '!';
}

void print_diagnostics(const kite::Diagnostics& diags, const std::string& path, const std::string& text) {
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

uint64_t Timing::start() const {
  if (!verbose) return 0;
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

void Timing::phase_end(uint64_t started, const char* phase, const std::string& what) const {
  if (!verbose) return;
  double ms = static_cast<double>(start() - started) / 1e6;
  if (what.empty())
    fprintf(stderr, "kite: %s %.3f ms\n", phase, ms);
  else
    fprintf(stderr, "kite: %s %s %.3f ms\n", phase, what.c_str(), ms);
}

std::string Timing::c_report() const {
  if (c_stats.files == 0) return std::string();
  // The back end's format (see JitExecutor::pass_report): a name column, a count, the time.
  std::string out;
  const std::pair<const char*, uint64_t> stages[] = {
      {"parse", c_stats.parse_ns}, {"irgen", c_stats.irgen_ns}, {"verify", c_stats.verify_ns}};
  for (const auto& [name, ns] : stages) {
    char line[160];
    snprintf(line, sizeof line, "c-front %-13s %6u files %9.3f ms\n", name, c_stats.files, static_cast<double>(ns) / 1e6);
    out += line;
  }
  return out;
}

namespace {

// Files that are surely not IR text: reading them as IR would print a screenful of errors.
const char* foreign_format(const std::string& text) {
  if (text.compare(0, 4, "\x7f" "ELF") == 0) return "an ELF object";
  if (text.compare(0, 8, "!<arch>\n") == 0) return "an ar archive";
  return nullptr;
}

}  // namespace

bool load(kite::Context& ctx, const InputFile& file, const std::string& text, std::vector<kite::Module*>* mods,
          const kite::c::CompileOptions& copts, Timing* timing) {
  kite::Diagnostics diags;
  uint64_t started = timing ? timing->start() : 0;
  if (file.is_c) {
    kite::c::CompileOptions opts = copts;
    if (timing && (timing->verbose || timing->time_passes)) opts.stats = &timing->c_stats;
    kite::Module* m = kite::c::compile(ctx, file.path, text, opts, diags);
    if (timing) timing->phase_end(started, "C front end", file.path);
    print_diagnostics(diags, file.path, text);
    if (m && mods) mods->push_back(m);
    return m != nullptr;
  }
  if (const char* what = foreign_format(text)) {
    fprintf(stderr, "kite: '%s' is %s, not Kite IR (compile it with kite cc -c)\n", file.path.c_str(), what);
    return false;
  }
  kite::VerifyOptions opts;
  opts.hard_reg_fits = kite::x86_64::hard_reg_fits;
  bool ok = kite::check_text(ctx, text, file.path, diags, mods, opts);
  if (timing) timing->phase_end(started, "read and verify IR", file.path);
  for (const kite::Diagnostic& d : diags.list()) fputs(kite::Diagnostics::render(d, text).c_str(), stderr);
  return ok;
}

int load_files(kite::Context& ctx, const std::vector<InputFile>& files, std::vector<std::string>* texts,
               std::vector<kite::Module*>* mods, const kite::c::CompileOptions& copts, Timing* timing) {
  texts->assign(files.size(), std::string());
  bool ok = true;
  for (size_t i = 0; i < files.size(); i++) {
    if (!read_file(files[i].path.c_str(), &(*texts)[i])) {
      fprintf(stderr, "kite: cannot read '%s': %s\n", files[i].path.c_str(), strerror(errno));
      return 2;
    }
    ok &= load(ctx, files[i], (*texts)[i], mods, copts, timing);
  }
  return ok ? 0 : 1;
}

bool link_all(kite::Runtime& rt, const std::vector<kite::Module*>& mods, const std::vector<InputFile>& files,
              const std::vector<std::string>& texts) {
  kite::Diagnostics diags;
  for (kite::Module* m : mods) rt.load(*m, diags);
  if (!diags.has_errors()) rt.link(diags);
  for (const kite::Diagnostic& d : diags.list()) {
    std::string_view src;
    for (size_t i = 0; i < files.size(); i++)
      if (d.file == files[i].path) src = texts[i];
    fputs(kite::Diagnostics::render(d, src).c_str(), stderr);
  }
  return !diags.has_errors();
}

const char* option_value(int argc, char** argv, int* i) {
  if (argv[*i][2]) return argv[*i] + 2;
  return next_value(argc, argv, i);
}

const char* next_value(int argc, char** argv, int* i) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "kite: %s needs an argument\n", argv[*i]);
    return nullptr;
  }
  return argv[++*i];
}

namespace {

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

}  // namespace

int c_option(int argc, char** argv, int* i, kite::c::CompileOptions* opts) {
  std::string a = argv[*i];
  if (a == "-include") {
    const char* v = next_value(argc, argv, i);
    if (!v) return -1;
    opts->forced_includes.push_back(v);
  } else if (a.rfind("-I", 0) == 0) {
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

int opt_level_of(const std::string& a) {
  if (a == "-O0") return 0;
  // The optimizing -O2 is still to come: every higher level is -O1 until then.
  if (a == "-O" || a == "-O1" || a == "-O2" || a == "-O3" || a == "-Os" || a == "-Ofast" || a == "-Og") return 1;
  return -1;
}

bool compiler_option(const std::string& a, kite::JitOptions* o) {
  if (int level = opt_level_of(a); level >= 0) {
    o->opt_level = level;
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

}  // namespace kite::tool

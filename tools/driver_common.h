// What the `kite` commands share: reading input files, loading C and IR files into modules
// with their diagnostics printed, linking, the C and compiler options, and phase timing for
// -v and --time-passes. Only tools/ end the process; these helpers return exit statuses.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kite/c.h"
#include "kite/runtime.h"

namespace kite::tool {

// The help text (tools/kite.cpp); README.md carries a copy.
extern const char kUsage[];

int run_command(int argc, char** argv);  // run_command.cpp
int cc_command(int argc, char** argv);   // cc_driver.cpp

// One input file: C (by its .c name, or after `-x c`) or IR text (anything else: .mir,
// IR objects from `kite cc -c`, linked programs).
struct InputFile {
  std::string path;
  bool is_c = false;
};
bool has_c_suffix(const std::string& path);

// The whole file, with read(2) (see driver_common.cpp for why).
bool read_file(const char* path, std::string* out);
// True when the file starts with `#!`: `kite run` takes the arguments after it as the
// program's. False also when it cannot be read (reading it later reports that).
bool is_script(const char* path);

// Prints diagnostics with their source lines (`text` for the file itself; headers are read
// again, for errors only).
void print_diagnostics(const kite::Diagnostics& diags, const std::string& path, const std::string& text);

// Phase timing: -v prints each phase as it ends; --time-passes adds the C front end's stages
// to the back end's report.
struct Timing {
  bool verbose = false;      // -v
  bool time_passes = false;  // --time-passes
  kite::c::CompileStats c_stats;
  // Starts a phase; phase_end prints "kite: PHASE [WHAT] N ms" under -v.
  uint64_t start() const;
  void phase_end(uint64_t started, const char* phase, const std::string& what = std::string()) const;
  // The C front end's lines in the back end's report format (empty when no C was compiled).
  std::string c_report() const;
};

// Parses and verifies one file into ctx (C through the front end, anything else as IR text);
// prints diagnostics. An ELF object or an ar archive gets one clear line instead of a
// cascade of IR parse errors. True when it is clean.
bool load(kite::Context& ctx, const InputFile& file, const std::string& text, std::vector<kite::Module*>* mods,
          const kite::c::CompileOptions& copts, Timing* timing);
// Reads and loads every file; 0, or the exit status to end with (2: unreadable, 1: errors).
int load_files(kite::Context& ctx, const std::vector<InputFile>& files, std::vector<std::string>* texts,
               std::vector<kite::Module*>* mods, const kite::c::CompileOptions& copts, Timing* timing);
// Loads the modules into rt and links them; link errors are shown with their source lines.
bool link_all(kite::Runtime& rt, const std::vector<kite::Module*>& mods, const std::vector<InputFile>& files,
              const std::vector<std::string>& texts);

// The value of a two-letter option at argv[*i]: `-IDIR`, or `-I DIR` (advancing *i); null,
// with a message, when it is missing.
const char* option_value(int argc, char** argv, int* i);
// The value of a long option (`-include FILE`), advancing *i; null, with a message.
const char* next_value(int argc, char** argv, int* i);

// C front-end options shared by run, check, asm and cc: -I, -D, -U (each also without the
// space), -include FILE, -std=, -w, -f[no-]gnu89-inline, -f[no-]common. Returns 1 when
// argv[*i] was one (advancing *i past its value), 0 when it was not, -1 after a usage error.
int c_option(int argc, char** argv, int* i, kite::c::CompileOptions* opts);

// Compiler options shared by run, asm and cc; true when `a` was one of them. -O2, -O3, -Os
// (and -O, -Ofast, -Og) mean the highest level there is today, -O1.
bool compiler_option(const std::string& a, kite::JitOptions* o);
// The optimization level an -O option names, or -1 when `a` is none.
int opt_level_of(const std::string& a);

}  // namespace kite::tool

// Running a program: `kite run` and `kite cc -run` share the settings, their options and the
// runner (link, constructors, main with argc/argv/envp, destructors at exit).
#pragma once
#include <string>
#include <vector>

#include "driver_common.h"
#include "libraries.h"

namespace kite::tool {

// A linked program (`kite cc -o prog`) keeps the options it needs at run time on lines of
// this form after its `#!` line, one option each, so that they need no quoting and hold
// however the program is started (`./prog`, `kite run prog`).
inline constexpr char kScriptOption[] = "#kite-option: ";

struct RunSettings {
  std::string entry = "main";
  enum Mode { Lazy, Eager, Interp } mode = Lazy;
  kite::JitOptions jopts;
  kite::c::CompileOptions copts;
  LibraryOptions libs;
  Timing timing;
};

// One option of `kite run` at argv[*i] (run's own, the compiler's, C's, -l/-L, -v): 1 when it
// was one (advancing *i past its value), 0 when not, -1 after a usage error.
int run_option(int argc, char** argv, int* i, RunSettings* s);

// Loads, links and runs the program; returns only on errors (with the exit status), since
// the program's end is exit() with main's result while the runtime is still alive.
int run_program(const std::vector<InputFile>& files, const std::string& argv0, const std::vector<std::string>& args,
                RunSettings& s);

}  // namespace kite::tool

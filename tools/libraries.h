// `-l NAME` and `-L DIR` for programs Kite runs: each library is opened with dlopen and its
// symbols made global, so the runtime's default resolver (dlsym over the process) finds them
// for the program's imports, as the dynamic linker would for a gcc-built program.
#pragma once
#include <string>
#include <vector>

namespace kite::tool {

struct LibraryOptions {
  std::vector<std::string> dirs;   // -L DIR, searched first, in order
  std::vector<std::string> names;  // -l NAME, in order
};

// Opens every -l library; prints "kite: cannot find -lNAME" (gcc's words) and returns false
// for the first one that is nowhere.
bool open_libraries(const LibraryOptions& libs);

// Parses -lNAME, -l NAME, -LDIR, -L DIR at argv[*i]: 1 when it was one (advancing *i past its
// value), 0 when not, -1 after a usage error.
int library_option(int argc, char** argv, int* i, LibraryOptions* libs);

}  // namespace kite::tool

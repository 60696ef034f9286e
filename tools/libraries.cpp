// -l NAME through dlopen: the -L directories first, then the system's search (dlopen's own:
// LD_LIBRARY_PATH, ld.so.cache, the default directories), then a versioned file in the system
// directories, because a Debian system without -dev packages has libfoo.so.1 but no
// libfoo.so (and glibc's libm.so and libc.so are linker scripts dlopen cannot read).
#include "libraries.h"

#include <dirent.h>
#include <dlfcn.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "driver_common.h"

namespace kite::tool {
namespace {

// glibc's own libraries: their symbols are in the process already (libc has held libpthread,
// libdl, librt and libutil since 2.34), and the runtime's resolver opens libm on demand.
constexpr const char* kInLibc[] = {"c", "m", "pthread", "dl", "rt", "util"};

// Where versioned libraries live when dlopen cannot find an unversioned name.
constexpr const char* kSystemDirs[] = {"/usr/local/lib", "/usr/local/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
                                       "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"};

bool is_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool open_global(const std::string& path) { return dlopen(path.c_str(), RTLD_LAZY | RTLD_GLOBAL) != nullptr; }

// The libNAME.so.N[.M...] in dir with the highest major version; empty when there is none.
std::string versioned(const std::string& dir, const std::string& name) {
  std::string prefix = "lib" + name + ".so.";
  std::string best;
  long best_major = -1;
  DIR* d = opendir(dir.c_str());
  if (!d) return best;
  while (dirent* e = readdir(d)) {
    if (strncmp(e->d_name, prefix.c_str(), prefix.size()) != 0) continue;
    const char* v = e->d_name + prefix.size();
    char* end;
    long major = strtol(v, &end, 10);
    if (end == v || (*end != 0 && *end != '.')) continue;
    // Ties (libz.so.1 and libz.so.1.2.13) go to the shorter name, the soname.
    std::string path = dir + "/" + e->d_name;
    if (major > best_major || (major == best_major && path.size() < best.size())) {
      best_major = major;
      best = path;
    }
  }
  closedir(d);
  return best;
}

bool open_library(const LibraryOptions& libs, const std::string& name) {
  for (const char* n : kInLibc)
    if (name == n) return true;
  std::string file = "lib" + name + ".so";
  for (const std::string& dir : libs.dirs) {
    std::string path = dir + "/" + file;
    if (is_file(path) && open_global(path)) return true;
    std::string v = versioned(dir, name);
    if (!v.empty() && open_global(v)) return true;
  }
  if (open_global(file)) return true;
  for (const char* dir : kSystemDirs) {
    std::string v = versioned(dir, name);
    if (!v.empty() && open_global(v)) return true;
  }
  return false;
}

}  // namespace

bool open_libraries(const LibraryOptions& libs) {
  for (const std::string& name : libs.names)
    if (!open_library(libs, name)) {
      fprintf(stderr, "kite: cannot find -l%s\n", name.c_str());
      return false;
    }
  return true;
}

int library_option(int argc, char** argv, int* i, LibraryOptions* libs) {
  const char* a = argv[*i];
  if (a[0] != '-' || (a[1] != 'l' && a[1] != 'L')) return 0;
  const char* v = option_value(argc, argv, i);
  if (!v) return -1;
  (a[1] == 'l' ? libs->names : libs->dirs).push_back(v);
  return 1;
}

}  // namespace kite::tool

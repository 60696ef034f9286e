// The pass interface and runner (DESIGN.md section 4). A pass is one file with one entry
// point `bool run_NAME(Func&, PassContext&)` returning whether it changed the function; the
// pipeline is the table in pipeline.cpp. The runner times every pass, can dump the function
// after a named pass, and can verify after each pass, naming the pass that broke the IR.
#pragma once
#include <span>
#include <cstdint>
#include <string>
#include <vector>

#include "kite/diagnostics.h"
#include "kite/ir.h"

namespace kite {

struct PassOptions {
  int opt_level = 1;
  bool verify_each = false;
  std::string dump_after;  // a pass name, or "all"
};

struct PassTiming {
  const char* name;
  uint64_t nanoseconds;
  uint32_t runs;
  uint32_t changed;
};

struct PassContext {
  const PassOptions* options;
  Diagnostics* diags;            // verification failures go here
  std::string* dump;             // dumps are appended here (when dump_after is set)
  std::vector<PassTiming>* timings;  // accumulated per pass name (optional)
};

using PassFn = bool (*)(Func&, PassContext&);

struct PassInfo {
  const char* name;
  PassFn fn;
  int min_opt_level;
  bool required;  // runs at every level (lowering the target needs)
};

// The pipeline table: a constant array, never destroyed, so that code compiled lazily at exit
// (a C destructor, an atexit handler) still finds it.
std::span<const PassInfo> pipeline();

// Runs the passes for options.opt_level over f. Returns false when --verify-each found a
// pass that broke the IR (the diagnostics name it).
bool run_pipeline(Func& f, PassContext& ctx);

// Passes (one file each in src/opt/).
bool run_simplify_cfg(Func& f, PassContext& ctx);  // O(insns)
bool run_combine(Func& f, PassContext& ctx);       // O(insns) after liveness

}  // namespace kite

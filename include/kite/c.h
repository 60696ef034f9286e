// The C front end's public entry point: one C translation unit, from a file or from text in
// memory, into a new module of a Context. Every problem in the input goes to the Diagnostics as
// `file:line:col: error: message`; nothing here exits, aborts or throws on bad input.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kite/diagnostics.h"
#include "kite/ir.h"

namespace kite::c {

// Where one compile spent its time, for `kite -v` and `--time-passes`: a few clock reads per
// file. Preprocessing and parsing run interleaved (the parser pulls tokens), so they are one.
// compile() adds to the fields, so one CompileStats can sum several files.
struct CompileStats {
  uint32_t files = 0;
  uint64_t parse_ns = 0;   // preprocessing and parsing
  uint64_t irgen_ns = 0;   // IR generation
  uint64_t verify_ns = 0;  // the IR verifier on the new module
};

struct CompileOptions {
  std::vector<std::string> include_dirs;                      // -I, searched in order
  std::vector<std::string> system_include_dirs;               // after -I; Kite's own headers first, then the system's
  std::vector<std::pair<std::string, std::string>> defines;   // -D NAME[=VALUE] ("1" when no value)
  std::vector<std::string> undefines;                         // -U NAME, after the defines
  int standard = 2011;                                        // 1999, 2011 or 2017
  bool gnu = true;                                            // gnu11 rather than c11
  bool warnings = true;                                       // -w turns them off
  bool gnu89_inline = false;  // -fgnu89-inline: `extern inline` defines for inlining only, `inline` exports
  bool common = false;        // -fcommon: tentative definitions of one name in several files are one object
  // -include FILE: read before the main file's first line, in order; each is looked for in the
  // current directory first, then along the #include "..." search path, as gcc does.
  std::vector<std::string> forced_includes;
  CompileStats* stats = nullptr;  // when set, compile() adds its stages' times here
};

// Compiles `text` (named `file_name` in diagnostics and __FILE__) into a new module of ctx.
// Returns the module, or null when there were errors (all of them in diags).
Module* compile(Context& ctx, std::string_view file_name, std::string_view text, const CompileOptions& opts,
                Diagnostics& diags);

// Preprocesses only (`kite cc -E`): the token stream as text, with line markers like gcc's.
bool preprocess_to_text(std::string_view file_name, std::string_view text, const CompileOptions& opts,
                        Diagnostics& diags, std::string* out);

}  // namespace kite::c

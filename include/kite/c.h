// The C front end's public entry point: one C translation unit, from a file or from text in
// memory, into a new module of a Context. Every problem in the input goes to the Diagnostics as
// `file:line:col: error: message`; nothing here exits, aborts or throws on bad input.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kite/diagnostics.h"
#include "kite/ir.h"

namespace kite::c {

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
};

// Compiles `text` (named `file_name` in diagnostics and __FILE__) into a new module of ctx.
// Returns the module, or null when there were errors (all of them in diags).
Module* compile(Context& ctx, std::string_view file_name, std::string_view text, const CompileOptions& opts,
                Diagnostics& diags);

// Preprocesses only (`kite cc -E`): the token stream as text, with line markers like gcc's.
bool preprocess_to_text(std::string_view file_name, std::string_view text, const CompileOptions& opts,
                        Diagnostics& diags, std::string* out);

}  // namespace kite::c

// Reading and writing Kite's text IR (MIR-compatible; see docs/ir.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kite/diagnostics.h"
#include "kite/ir.h"

namespace kite {

// Parses every module in `text` into ctx. Errors go to diags as `file:line:col: error: ...`;
// parsing goes on after an error, up to the diagnostics' limit. Returns true without errors.
// The modules read (complete or not) are appended to *modules when it is given.
bool parse_text(Context& ctx, std::string_view text, std::string_view file_name, Diagnostics& diags,
                std::vector<Module*>* modules = nullptr);

// Canonical text of a module; parse_text(print_module(m)) gives a module that prints the same.
void print_module(const Context& ctx, const Module& m, std::string& out);
std::string print_module(const Context& ctx, const Module& m);
// One instruction without indentation or newline, e.g. "add r, a, 1" (for diagnostics).
void print_insn(const Func& f, InsnId id, std::string& out);

}  // namespace kite

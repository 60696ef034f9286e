// Reading and writing Kite's text IR (MIR-compatible; see docs/ir.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kite/diagnostics.h"
#include "kite/ir.h"
#include "kite/verify.h"

namespace kite {

// Parses every module in `text` into ctx. Errors go to diags as `file:line:col: error: ...`;
// parsing goes on after an error, up to the diagnostics' limit. Returns true without errors.
// The modules read (complete or not) are appended to *modules when it is given.
bool parse_text(Context& ctx, std::string_view text, std::string_view file_name, Diagnostics& diags,
                std::vector<Module*>* modules = nullptr);

// Parses and verifies: the usual way to read IR text. The verifier also runs on what was read
// when the reader found errors, so that one run reports every problem. Returns true when
// there were no errors at all.
bool check_text(Context& ctx, std::string_view text, std::string_view file_name, Diagnostics& diags,
                std::vector<Module*>* modules = nullptr, const VerifyOptions& opts = {});

// Canonical text of a module; parse_text(print_module(m)) gives a module that prints the same.
void print_module(const Context& ctx, const Module& m, std::string& out);
std::string print_module(const Context& ctx, const Module& m);
// One function as the module printer writes it.
void print_func(const Func& f, std::string& out);
// One instruction without indentation or newline, e.g. "add r, a, 1" (for diagnostics).
void print_insn(const Func& f, InsnId id, std::string& out);

}  // namespace kite

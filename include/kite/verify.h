// The IR verifier: checks a module (text-read or API-built) against ir-reference's rules and
// reports every problem to Diagnostics, up to its limit. It never crashes on malformed IR.
#pragma once
#include "kite/diagnostics.h"
#include "kite/ir.h"

namespace kite {

struct VerifyOptions {
  // Checks a `global` variable's hard register for the chosen target (its name and whether it
  // can hold `type`). Null accepts any name; the x86-64 check is x86_64::hard_reg_fits.
  bool (*hard_reg_fits)(std::string_view name, Type type) = nullptr;
};

bool verify_module(const Context& ctx, const Module& m, Diagnostics& diags, const VerifyOptions& opts = {});
bool verify_func(const Context& ctx, const Func& f, Diagnostics& diags, const VerifyOptions& opts = {});

// Resolves an export, forward or use-before-declaration placeholder to its definition in
// the same module; other items resolve to themselves. kNone when there is no definition.
ItemId definition_of(const Context& ctx, ItemId id);

}  // namespace kite

// Small helpers shared by the unit tests: reading a file, reading one module, linking it.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "kite/kite.h"
#include "kite/runtime.h"

namespace kite::testing {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string first_error(const Diagnostics& d) {
  return d.list().empty() ? std::string() : Diagnostics::format(d.list()[0]);
}

// Reads and verifies text holding one module; null (and *error set) when it does not check.
inline Module* read_module(Context& ctx, std::string_view text, std::string* error = nullptr) {
  Diagnostics diags;
  std::vector<Module*> mods;
  if (check_text(ctx, text, "t.mir", diags, &mods) && !mods.empty()) return mods[0];
  if (error) *error = first_error(diags);
  return nullptr;
}

// Recursive fibonacci (and its prototype p), for tests that need real calls and recursion;
// module texts splice it in after their `module` line.
constexpr char kFibIr[] = R"(p: proto i64, i64:n
fib: func i64, i64:n
  local i64:a, i64:b
  blt small, n, 2
  sub a, n, 1
  call p, fib, a, a
  sub b, n, 2
  call p, fib, b, b
  add a, a, b
  ret a
small: ret n
  endfunc
)";

inline bool load_and_link(Runtime& rt, Module& m, std::string* error = nullptr) {
  Diagnostics diags;
  bool ok = rt.load(m, diags) && rt.link(diags);
  if (!ok && error) *error = first_error(diags);
  return ok;
}

}  // namespace kite::testing

// Running IR: load modules into a Runtime, link them (imports resolve against other modules'
// exports, then against native symbols), then call functions through their native-callable
// entry points. Every function has one stable address; what runs behind it (the interpreter
// today, compiled code later) can change without callers noticing.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kite/diagnostics.h"
#include "kite/ir.h"
#include "kite/value.h"

namespace kite {

class Runtime {
 public:
  // Resolves names that no loaded module exports; returns null when unknown.
  using Resolver = void* (*)(void* user, const char* name);

  virtual ~Runtime() = default;

  // Defines a native symbol for imports (checked before the resolver).
  virtual void define_external(std::string_view name, void* address) = 0;
  // Replaces the default resolver (dlsym over the running process, then over libm).
  virtual void set_resolver(Resolver resolver, void* user) = 0;

  // Lays out the module's data, gives each function its entry point, publishes its exports.
  virtual bool load(Module& m, Diagnostics& diags) = 0;
  // Links every module loaded since the last link: imports, ref/lref/expr data, and prepares
  // each function to run. Errors name the symbol and the module; modules whose imports did
  // not resolve stay waiting, and the next link tries them again.
  virtual bool link(Diagnostics& diags) = 0;

  // Frees a loaded module's code (entry points, shims, compiled code) and data, and forgets
  // its exports. Nothing may call into the module afterwards: unload only modules that no
  // other module or native code still refers to. False when the module is not loaded.
  virtual bool unload(Module& m) = 0;

  // The address of a linked item: an exported name first, then any item of that name in the
  // loaded modules. Functions give their native-callable entry. Null when unknown.
  virtual void* address(std::string_view name) const = 0;
  // The function item of that name (exported first), or kNone.
  virtual ItemId find_function(std::string_view name) const = 0;
  // The `init` and `fini` functions (C's constructors and destructors) of the linked modules,
  // in the order a program runs them, as gcc and glibc do: inits by ascending priority, then
  // in load order and declaration order; finis in exactly the reverse of that order for
  // theirs. Running them is the embedder's choice (`kite run` calls the inits before the
  // entry and registers one atexit handler for the finis before that).
  virtual std::vector<ItemId> init_functions() const = 0;
  virtual std::vector<ItemId> fini_functions() const = 0;
  // Calls a function with arguments in Value cells (blocks: the address of their bytes);
  // results go to results[0..nresults). Variadic arguments beyond the fixed ones are passed
  // as 64-bit integers; call a variadic function with others through function<F>().
  virtual void call(ItemId func, std::span<const Value> args, Value* results) = 0;

  // The machine code of a compiled function (empty while it is interpreted or not yet
  // compiled), for disassembly and tests.
  virtual std::span<const uint8_t> machine_code(ItemId func) const = 0;

  // The assembly of a compiled function, printed by Kite's own assembler (empty unless
  // JitOptions::keep_listing and the function is compiled).
  virtual std::string listing(ItemId func) const = 0;

  // Dumps and pass timings collected by a compiling runtime (see JitOptions).
  virtual std::string pass_report() const = 0;

  // Functions a compiling runtime could not compile (they run interpreted), as
  // "function: reason". Empty for the interpreter.
  virtual std::vector<std::string> fallbacks() const = 0;

  // A typed view of a function's entry: rt.function<int(int, char**)>("main").
  template <typename F>
  F* function(std::string_view name) const {
    return reinterpret_cast<F*>(address(name));
  }
};

// A runtime that interprets every function.
std::unique_ptr<Runtime> make_interpreter_runtime(Context& ctx);

struct JitOptions {
  bool lazy = true;    // compile each function on its first call (else all at link time)
  int opt_level = 1;   // 0 or 1 (both use the baseline generator today)
  // Chooses which functions to compile; the rest are interpreted. Null compiles all.
  bool (*should_compile)(std::string_view function_name) = nullptr;
  // Pass runner chores (see src/opt/pass.h): verify after each pass that changed a
  // function, dump functions after the named pass ("all" for every pass), time the passes.
  bool verify_each = false;
  std::string dump_after;
  bool time_passes = false;
  bool keep_listing = false;  // keep each compiled function's assembly (see listing())
};
inline JitOptions jit_options(bool lazy, int opt_level) {
  JitOptions o;
  o.lazy = lazy;
  o.opt_level = opt_level;
  return o;
}

// A runtime that compiles functions to machine code; a function the generator cannot compile
// stays interpreted, and compiled and interpreted functions call each other freely.
std::unique_ptr<Runtime> make_jit_runtime(Context& ctx, JitOptions opts = {});

}  // namespace kite

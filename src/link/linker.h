// The linker: loads modules into memory (data sections, one stable entry point per function),
// resolves imports, fills ref/lref/expr data, and hands functions to an Executor (the
// interpreter today) that prepares and runs them.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "jit/code_memory.h"
#include "kite/runtime.h"
#include "target/target.h"

namespace kite {

// The run-time state of one IR function.
struct FuncState {
  Func* func;
  ItemId item;
  CallShape shape;     // parameters (nfixed of them) and results, as native code sees them
  void* slot;          // what the thunk jumps to (the shim into the executor, or code)
  void* shim;          // the executor's native-callable shim for this function
  void* thunk;         // the function's one stable, native-callable address
  void* exec = nullptr;  // the executor's prepared form
};

class Linker;

class Executor {
 public:
  virtual ~Executor() = default;
  // The entry that native-callable shims of this executor's functions call.
  virtual ShimEntry shim_entry() = 0;
  // Prepares a function to run (the interpreter translates it). Called once, at link.
  virtual bool prepare(Linker& linker, FuncState& fs, Diagnostics& diags) = 0;
  // The address of a label in the prepared function (for laddr and lref).
  virtual void* label_address(FuncState& fs, LabelId label) = 0;
  // Runs a prepared, non-variadic function.
  virtual void call(FuncState& fs, const Value* args, Value* results) = 0;
  // Drops everything the executor keeps for a function whose module is being unloaded.
  virtual void forget(FuncState& fs) = 0;
  // Functions that could not be prepared the executor's preferred way ("name: reason").
  virtual std::vector<std::string> fallbacks() const { return {}; }
  // The machine code of a compiled function, if any.
  virtual std::span<const uint8_t> machine_code(const FuncState&) const { return {}; }
  virtual std::string pass_report() const { return {}; }
  virtual std::string listing(const FuncState&) const { return {}; }
};

class Linker final : public Runtime {
 public:
  Linker(Context& ctx, std::unique_ptr<Executor> exec);
  ~Linker() override;

  void define_external(std::string_view name, void* address) override;
  void set_resolver(Resolver resolver, void* user) override;
  bool load(Module& m, Diagnostics& diags) override;
  bool link(Diagnostics& diags) override;
  bool unload(Module& m) override;
  void* address(std::string_view name) const override;
  ItemId find_function(std::string_view name) const override;
  void call(ItemId func, std::span<const Value> args, Value* results) override;
  std::vector<ItemId> init_functions() const override { return startup_functions(true); }
  std::vector<ItemId> fini_functions() const override { return startup_functions(false); }
  std::vector<std::string> fallbacks() const override { return exec_->fallbacks(); }
  std::string pass_report() const override { return exec_->pass_report(); }
  std::string listing(ItemId func) const override {
    FuncState* fs = func_state(func);
    return fs ? exec_->listing(*fs) : std::string();
  }
  std::span<const uint8_t> machine_code(ItemId func) const override {
    FuncState* fs = func_state(func);
    return fs ? exec_->machine_code(*fs) : std::span<const uint8_t>();
  }

  // For executors.
  Context& context() { return ctx_; }
  Target& target() { return target_; }
  CodeMemory& code_memory() { return code_; }  // shared code (call glue)
  CodeMemory& code_memory(const Module& m);      // one module's code, freed with it
  void* item_address(ItemId id) const;           // through declarations to the definition
  FuncState* func_state(ItemId id) const;        // the IR function an item names, or null
  FuncState* func_state_at(void* address) const;  // the IR function with this entry, or null
  NativeCallGlue call_glue(const CallShape& shape);
  void* copy_string(std::string_view bytes);      // a stable, writable copy
  // Whether `address` is the C library's setjmp, _setjmp, sigsetjmp or __sigsetjmp as this
  // linker resolves them: the interpreter must run a call through a function pointer to one
  // of them in its own frame. resolve_setjmp_entries() fills the set (once; before use).
  void resolve_setjmp_entries();
  bool is_setjmp_entry(const void* address) const {
    for (void* e : setjmp_entries_)
      if (e && e == address) return true;
    return false;
  }

 private:
  bool layout_data(Module& m, Diagnostics& diags);
  std::vector<ItemId> startup_functions(bool inits) const;
  void* resolve_import(const Item& it);
  void enter_export(Module& m, ItemId id, Diagnostics* diags);
  void error_at(Diagnostics& diags, const Module& m, uint32_t loc, const char* fmt, ...)
      __attribute__((format(printf, 5, 6)));

  Context& ctx_;
  std::unique_ptr<Executor> exec_;
  Target& target_;
  CodeMemory code_;
  Resolver resolver_;
  void* resolver_user_ = nullptr;
  void* setjmp_entries_[4] = {};
  bool setjmp_entries_resolved_ = false;
  std::vector<void*> addresses_;           // by ItemId; null until resolved
  std::vector<FuncState*> func_states_;    // by ItemId
  std::vector<std::unique_ptr<FuncState>> func_store_;
  std::unordered_map<void*, FuncState*> by_entry_;
  IdMap exports_;                          // name -> exporting definition
  IdMap weak_exports_;                     // name -> 1 while its exports_ entry is a weak export
  IdMap weak_defs_;                        // definition exported weakly under its own name -> that name
  // The definition that references to `def` reach: another module's ordinary export when def
  // is a weak definition it overrides (as a static link binds every reference), else def.
  ItemId winning_definition(ItemId def) const;
  IdMap externals_;                        // name -> index in external_addrs_
  std::vector<void*> external_addrs_;
  std::vector<Module*> loaded_, pending_;
  std::vector<void*> blocks_;              // string copies (freed at the end)
  std::unordered_map<const Module*, std::vector<void*>> module_blocks_;  // data sections
  std::unordered_map<const Module*, std::unique_ptr<CodeMemory>> module_code_;
  std::unordered_map<std::string, NativeCallGlue> glues_;
  std::mutex mutex_;  // guards glues_ and blocks_, which lazy compilation may reach from any thread
};

}  // namespace kite

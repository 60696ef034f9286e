// The JIT as an Executor: functions are compiled eagerly at link time or lazily through a
// stub on their first call; only the functions the generator declines (or that are not to
// be compiled) are translated for the interpreter, and both kinds call each other through
// the same entry points.
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "interp/interp.h"
#include "kite/runtime.h"
#include "link/linker.h"
#include "opt/pass.h"

namespace kite {
namespace {

class JitExecutor final : public Executor, public CompileEnv {
 public:
  explicit JitExecutor(JitOptions opts) : opts_(opts), interp_(interp::make_executor()) {}

  ShimEntry shim_entry() override { return interp_->shim_entry(); }

  bool prepare(Linker& lk, FuncState& fs, Diagnostics& diags) override {
    lk_ = &lk;
    if (opts_.should_compile && !opts_.should_compile(lk.context().name(fs.func->name())))
      return interp_->prepare(lk, fs, diags);
    if (opts_.lazy && !has_lref_labels(lk, fs)) {
      lazy_.push_back(LazyCtx{this, &fs});
      void* stub = lk.target().make_lazy_stub(&fs.slot, &lazy_.back(), &JitExecutor::lazy_compile,
                                              lk.code_memory(fs.func->module()));
      if (stub) fs.slot = stub;
      return true;
    }
    compile(fs);
    return true;
  }

  void* label_address(FuncState& fs, LabelId label) override {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto it = compiled_.find(&fs);
    if (it != compiled_.end()) return static_cast<uint8_t*>(it->second.code) + it->second.label_offsets[label];
    ensure_interpreted(fs);
    return interp_->label_address(fs, label);
  }

  void forget(FuncState& fs) override {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    compiled_.erase(&fs);
    attempted_.erase(&fs);
    for (LazyCtx& c : lazy_)
      if (c.fs == &fs) c.fs = nullptr;
    interp_->forget(fs);
  }

  void call(FuncState& fs, const Value* args, Value* results) override {
    if (fs.slot == fs.shim) {
      interp_->call(fs, args, results);
      return;
    }
    lk_->call_glue(fs.shape)(fs.thunk, args, results);
  }

  std::vector<std::string> fallbacks() const override {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    return fallbacks_;
  }
  std::string pass_report() const override {
    std::string out = dumps_;
    for (const PassTiming& t : timings_) {
      char line[160];
      snprintf(line, sizeof line, "pass %-16s %6u runs %6u changed %10.3f ms\n", t.name, t.runs, t.changed,
               t.nanoseconds / 1e6);
      out += line;
    }
    for (const PassTiming& t : stage_timings_) {
      char line[160];
      snprintf(line, sizeof line, "codegen %-13s %6u runs %10.3f ms\n", t.name, t.runs, t.nanoseconds / 1e6);
      out += line;
    }
    return out;
  }
  std::span<const uint8_t> machine_code(const FuncState& fs) const override {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto it = compiled_.find(const_cast<FuncState*>(&fs));
    if (it == compiled_.end() || fs.slot != it->second.code) return {};
    return {static_cast<const uint8_t*>(it->second.code), it->second.size};
  }

  // CompileEnv
  void* item_address(ItemId item) override { return lk_->item_address(item); }
  void* string_address(std::string_view bytes) override { return lk_->copy_string(bytes); }
  bool want_listing() override { return opts_.keep_listing; }
  bool want_timings() override { return opts_.time_passes; }
  bool want_dump(const char* stage) override { return opts_.dump_after == stage || opts_.dump_after == "all"; }
  void add_dump(const std::string& text) override { dumps_ += text; }
  void add_timing(const char* stage, uint64_t nanoseconds) override {
    for (PassTiming& t : stage_timings_)
      if (t.name == stage || strcmp(t.name, stage) == 0) {
        t.runs++;
        t.nanoseconds += nanoseconds;
        return;
      }
    stage_timings_.push_back(PassTiming{stage, nanoseconds, 1, 0});
  }
  std::string listing(const FuncState& fs) const override {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto it = compiled_.find(const_cast<FuncState*>(&fs));
    return it == compiled_.end() ? std::string() : it->second.listing;
  }
  void* const* entry_slot(ItemId item) override {
    FuncState* fs = lk_->func_state(item);
    return fs ? &fs->slot : nullptr;
  }

 private:
  struct LazyCtx {
    JitExecutor* self;
    FuncState* fs;
  };

  static void lazy_compile(void* p) {
    LazyCtx* c = static_cast<LazyCtx*>(p);
    if (c->fs) c->self->compile(*c->fs);
  }

  // Lazy stubs may race to compile one function from several threads: the first compiles
  // under the lock, the others wait for it and find its code in place (or its fallback to
  // the interpreter). Calls of a function already compiled never take the lock: they go
  // through the slot.
  void compile(FuncState& fs) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (compiled_.count(&fs) || (fs.slot == fs.shim && attempted_.count(&fs))) return;
    attempted_.insert(&fs);
    CompiledFunc cf;
    std::string why;
    PassOptions popts{opts_.opt_level, opts_.verify_each, opts_.dump_after};
    Diagnostics pass_diags;
    PassContext pctx{&popts, &pass_diags, opts_.dump_after.empty() ? nullptr : &dumps_,
                     opts_.time_passes ? &timings_ : nullptr};
    // Passes change the function in place; with --verify-each a broken pass makes the
    // interpreter run the function as it was, so translate it first.
    if (opts_.verify_each) ensure_interpreted(fs);
    if (!run_pipeline(*fs.func, pctx)) {
      for (const Diagnostic& d : pass_diags.list()) dumps_ += Diagnostics::format(d) + "\n";
      fs.slot = fs.shim;  // the interpreter runs the function as written
      fallbacks_.push_back(std::string(lk_->context().name(fs.func->name())) + ": a pass broke the IR");
      return;
    }
    if (lk_->target().compile(*fs.func, fs.shape, opts_.opt_level, *this, lk_->code_memory(fs.func->module()), &cf,
                              &why)) {
      compiled_[&fs] = std::move(cf);
      // Threads that are not compiling read the slot without the lock (thunks jump through
      // it): the release store publishes the installed code before its address.
      __atomic_store_n(&fs.slot, compiled_[&fs].code, __ATOMIC_RELEASE);
    } else {
      ensure_interpreted(fs);
      fs.slot = fs.shim;  // stays interpreted
      fallbacks_.push_back(std::string(lk_->context().name(fs.func->name())) + ": " + why);
    }
  }

  // The interpreter's translation, made the first time a function needs it.
  void ensure_interpreted(FuncState& fs) {
    if (fs.exec) return;
    Diagnostics diags;
    interp_->prepare(*lk_, fs, diags);
  }

  // Functions whose labels lref data points at are compiled at link time, so that the data
  // holds machine-code addresses before anything runs.
  bool has_lref_labels(Linker& lk, FuncState& fs) {
    Module* m = &fs.func->module();
    if (scanned_.insert(m).second) {
      Context& ctx = lk.context();
      for (ItemId id : m->items)
        if (ctx.item(id).kind == ItemKind::Lref && ctx.item(id).lref.func != kNone)
          lref_funcs_.insert(ctx.item(id).lref.func);
    }
    return lref_funcs_.count(fs.item) != 0;
  }

  JitOptions opts_;
  std::unique_ptr<Executor> interp_;
  Linker* lk_ = nullptr;
  std::deque<LazyCtx> lazy_;
  std::unordered_map<FuncState*, CompiledFunc> compiled_;
  std::unordered_set<Module*> scanned_;
  std::unordered_set<ItemId> lref_funcs_;
  std::vector<std::string> fallbacks_;
  std::string dumps_;
  std::vector<PassTiming> timings_;
  std::vector<PassTiming> stage_timings_;  // the code generator's stages
  std::unordered_set<FuncState*> attempted_;
  mutable std::recursive_mutex mutex_;
};

}  // namespace

std::unique_ptr<Runtime> make_jit_runtime(Context& ctx, JitOptions opts) {
  return std::make_unique<Linker>(ctx, std::make_unique<JitExecutor>(opts));
}

}  // namespace kite

// Loading and linking (ir-reference section 9): data sections, entry points, exports,
// imports through other modules then natives then the resolver, and ref/lref/expr data.
#include "linker.h"

#include <dlfcn.h>
#include <pthread.h>

#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <algorithm>

#include "atomic_runtime.h"
#include "kite/verify.h"

namespace kite {
namespace {

// The running process, then the C math library: IR compiled from C imports sqrt, sin...
// whether or not the host links libm (the kite tool, with its C++ runtime linked statically,
// does not). libm is opened on the first miss only, so programs that need none pay nothing.
// glibc's libc.so.6 does not export atexit, at_quick_exit or pthread_atfork: a normal link
// takes them from libc_nonshared.a, and so did this library's own link, so they are passed on
// (handlers registered through them run at the process's exit, as a C program's do).
void* libc_nonshared_function(const char* name) {
  if (strcmp(name, "atexit") == 0) return reinterpret_cast<void*>(&::atexit);
  if (strcmp(name, "at_quick_exit") == 0) return reinterpret_cast<void*>(&::at_quick_exit);
  if (strcmp(name, "pthread_atfork") == 0) return reinterpret_cast<void*>(&::pthread_atfork);
  return nullptr;
}

// Kite's atomic runtime comes first: the program must not depend on libatomic, nor get a
// different library's version of those functions.
void* dlsym_resolver(void*, const char* name) {
  if (void* p = atomic_runtime_function(name)) return p;
  if (void* p = dlsym(RTLD_DEFAULT, name)) return p;
  if (void* p = libc_nonshared_function(name)) return p;
  static void* const libm = dlopen("libm.so.6", RTLD_LAZY | RTLD_LOCAL);
  return libm ? dlsym(libm, name) : nullptr;
}

CallShape shape_of(const Signature& sig) {
  CallShape s;
  for (const Param& p : sig.param_list()) s.args.push_back(ArgShape{p.type, p.size});
  s.results.assign(sig.results, sig.results + sig.nresults);
  s.vararg = sig.vararg;
  s.nfixed = sig.nparams;
  return s;
}

bool is_data_like(ItemKind k) {
  return k == ItemKind::Data || k == ItemKind::Bss || k == ItemKind::Ref || k == ItemKind::Lref ||
         k == ItemKind::Expr;
}

}  // namespace

Linker::Linker(Context& ctx, std::unique_ptr<Executor> exec)
    : ctx_(ctx), exec_(std::move(exec)), target_(host_target()), resolver_(dlsym_resolver) {}

Linker::~Linker() {
  for (void* b : blocks_) free(b);
  for (auto& [m, blocks] : module_blocks_)
    for (void* b : blocks) free(b);
}

CodeMemory& Linker::code_memory(const Module& m) {
  std::unique_ptr<CodeMemory>& mem = module_code_[&m];
  if (!mem) mem = std::make_unique<CodeMemory>();
  return *mem;
}

void Linker::error_at(Diagnostics& diags, const Module& m, uint32_t loc, const char* fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (m.source && loc) {
    SourceFile::LineCol lc = m.source->locate(loc);
    diags.error(m.source->name, lc.line, lc.col, "%s", msg);
  } else {
    diags.error(m.source ? m.source->name : "", 0, 0, "%s", msg);
  }
}

void Linker::define_external(std::string_view name, void* address) {
  NameId n = ctx_.intern(name);
  uint32_t i = externals_.get(n);
  if (i == IdMap::kMissing) {
    externals_.set(n, static_cast<uint32_t>(external_addrs_.size()));
    external_addrs_.push_back(address);
  } else {
    external_addrs_[i] = address;
  }
}

void Linker::set_resolver(Resolver resolver, void* user) {
  resolver_ = resolver ? resolver : dlsym_resolver;
  resolver_user_ = resolver ? user : nullptr;
}

ItemId Linker::winning_definition(ItemId def) const {
  uint32_t name = weak_defs_.get(def);
  if (name == IdMap::kMissing) return def;
  uint32_t winner = exports_.get(name);
  return winner == IdMap::kMissing ? def : winner;
}

void* Linker::item_address(ItemId id) const {
  ItemId def = definition_of(ctx_, id);
  if (def == kNone) def = id;
  else def = winning_definition(def);
  return def < addresses_.size() ? addresses_[def] : nullptr;
}

FuncState* Linker::func_state(ItemId id) const {
  ItemId def = definition_of(ctx_, id);
  if (def != kNone) def = winning_definition(def);
  if (def != kNone && def < func_states_.size() && func_states_[def]) return func_states_[def];
  // An import resolved to another module's function.
  void* a = id < addresses_.size() ? addresses_[id] : nullptr;
  return a ? func_state_at(a) : nullptr;
}

FuncState* Linker::func_state_at(void* address) const {
  auto it = by_entry_.find(address);
  return it == by_entry_.end() ? nullptr : it->second;
}

void* Linker::copy_string(std::string_view bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  void* p = malloc(bytes.size() ? bytes.size() : 1);
  if (!bytes.empty()) memcpy(p, bytes.data(), bytes.size());
  blocks_.push_back(p);
  return p;
}

NativeCallGlue Linker::call_glue(const CallShape& shape) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key;
  key.push_back(shape.vararg ? 'v' : 'f');
  for (Type t : shape.results) key.push_back(static_cast<char>('a' + static_cast<int>(t)));
  key.push_back('|');
  for (const ArgShape& a : shape.args) {
    key.push_back(static_cast<char>('a' + static_cast<int>(a.type)));
    if (is_blk_type(a.type)) key += std::to_string(a.size) + ",";
  }
  auto it = glues_.find(key);
  if (it != glues_.end()) return it->second;
  NativeCallGlue g = target_.make_call_glue(shape, code_);
  glues_.emplace(std::move(key), g);
  return g;
}

// A named data-like item and the anonymous ones after it form one block of memory.
bool Linker::layout_data(Module& m, Diagnostics& diags) {
  bool ok = true;
  const std::vector<ItemId>& items = m.items;
  for (size_t i = 0; i < items.size();) {
    if (!is_data_like(ctx_.item(items[i]).kind)) {
      i++;
      continue;
    }
    size_t end = i + 1;
    while (end < items.size() && is_data_like(ctx_.item(items[end]).kind) && ctx_.item(items[end]).name == 0) end++;
    std::vector<uint64_t> offsets;
    uint64_t size = 0;
    for (size_t k = i; k < end; k++) {
      const Item& it = ctx_.item(items[k]);
      offsets.push_back(size);
      switch (it.kind) {
        case ItemKind::Data: size += uint64_t(it.data.count) * type_size(it.data.type); break;
        case ItemKind::Bss: size += it.bss_size; break;
        case ItemKind::Ref:
        case ItemKind::Lref: size += 8; break;
        case ItemKind::Expr: {
          ItemId fn = definition_of(ctx_, it.expr_func);
          const Item* f = fn == kNone ? nullptr : &ctx_.item(fn);
          size += (f && f->kind == ItemKind::Func && f->func->sig().nresults) ? type_size(f->func->sig().results[0]) : 8;
          break;
        }
        default: break;
      }
    }
    if (size > (uint64_t(1) << 40)) {
      error_at(diags, m, ctx_.item(items[i]).loc, "data section of %llu bytes is too large",
               static_cast<unsigned long long>(size));
      ok = false;
      i = end;
      continue;
    }
    uint8_t* block = static_cast<uint8_t*>(calloc(1, size ? size : 1));
    if (!block) {
      error_at(diags, m, ctx_.item(items[i]).loc, "out of memory for a data section of %llu bytes",
               static_cast<unsigned long long>(size));
      ok = false;
      i = end;
      continue;
    }
    module_blocks_[&m].push_back(block);
    for (size_t k = i; k < end; k++) {
      const Item& it = ctx_.item(items[k]);
      uint8_t* at = block + offsets[k - i];
      addresses_[items[k]] = at;
      if (it.kind == ItemKind::Data && it.data.count)
        memcpy(at, it.data.bytes, uint64_t(it.data.count) * type_size(it.data.type));
    }
    i = end;
  }
  return ok;
}

// Makes export `id` of m the definition its name resolves to, unless another module's export
// of the name stands: a weak export gives way to an ordinary one, whichever module comes
// first, and between two weak ones (or a weak one after an ordinary one) the first stays. Two
// ordinary exports of one name are the static linker's "multiple definition" error, for data
// as for functions (reported when diags is given).
void Linker::enter_export(Module& m, ItemId id, Diagnostics* diags) {
  const Item& it = ctx_.item(id);
  ItemId def = definition_of(ctx_, id);
  if (def == kNone) return;  // the verifier reports it
  uint32_t prev = exports_.get(it.name);
  if (it.weak) {
    ItemId direct = it.resolved != kNone ? it.resolved : m.find(it.name);
    if (direct == def) weak_defs_.set(def, it.name);  // not through an alias: that names another definition
  }
  if (prev != IdMap::kMissing && prev != def) {
    bool prev_weak = weak_exports_.get(it.name) == 1;
    if (it.weak) return;
    if (!prev_weak) {
      if (diags) {
        std::string other(ctx_.name(ctx_.item(prev).module->name)), mname(ctx_.name(m.name));
        std::string name(ctx_.name(it.name));
        error_at(*diags, m, it.loc, "%s '%s' is exported by both module '%s' and module '%s'",
                 ctx_.item(def).kind == ItemKind::Func ? "function" : "data", name.c_str(), other.c_str(),
                 mname.c_str());
      }
      return;
    }
  }
  exports_.set(it.name, def);
  weak_exports_.set(it.name, it.weak ? 1 : 0);
}

bool Linker::load(Module& m, Diagnostics& diags) {
  size_t before = diags.error_count();
  if (addresses_.size() < ctx_.num_items()) {
    addresses_.resize(ctx_.num_items(), nullptr);
    func_states_.resize(ctx_.num_items(), nullptr);
  }
  layout_data(m, diags);
  for (ItemId id : m.items) {
    Item& it = ctx_.item(id);
    if (it.kind != ItemKind::Func) continue;
    auto fs = std::make_unique<FuncState>();
    fs->func = it.func;
    fs->item = id;
    fs->shape = shape_of(it.func->sig());
    CodeMemory& mem = code_memory(m);
    fs->shim = fs->slot = target_.make_shim(fs->shape, fs.get(), exec_->shim_entry(), mem);
    fs->thunk = target_.make_thunk(&fs->slot, mem);
    if (!fs->slot || !fs->thunk) {
      error_at(diags, m, it.loc, "out of executable memory");
      continue;
    }
    addresses_[id] = fs->thunk;
    func_states_[id] = fs.get();
    by_entry_[fs->thunk] = fs.get();
    func_store_.push_back(std::move(fs));
  }
  for (ItemId id : m.items)
    if (ctx_.item(id).kind == ItemKind::Export) enter_export(m, id, &diags);
  loaded_.push_back(&m);
  pending_.push_back(&m);
  return diags.error_count() == before;
}

void* Linker::resolve_import(const Item& it) {
  uint32_t e = exports_.get(it.name);
  if (e != IdMap::kMissing && e < addresses_.size() && addresses_[e]) return addresses_[e];
  uint32_t x = externals_.get(it.name);
  if (x != IdMap::kMissing) return external_addrs_[x];
  std::string name(ctx_.name(it.name));
  void* a = resolver_(resolver_user_, name.c_str());
  // glibc has no sigsetjmp symbol (<setjmp.h> makes it a macro for __sigsetjmp), yet IR
  // written by hand or by other front ends calls it by its C name.
  if (!a && name == "sigsetjmp") a = resolver_(resolver_user_, "__sigsetjmp");
  return a;
}

void Linker::resolve_setjmp_entries() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (setjmp_entries_resolved_) return;
  const char* const names[] = {"setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp"};
  for (int i = 0; i < 4; i++) {
    NameId n = ctx_.names().find(names[i]);  // 0 when never interned: then no external has it
    uint32_t x = n ? externals_.get(n) : IdMap::kMissing;
    setjmp_entries_[i] = x != IdMap::kMissing ? external_addrs_[x] : resolver_(resolver_user_, names[i]);
  }
  setjmp_entries_resolved_ = true;
}

bool Linker::link(Diagnostics& diags) {
  size_t before = diags.error_count();
  std::vector<Module*> mods;
  mods.swap(pending_);
  for (Module* m : mods)
    for (ItemId id : m->items) {
      Item& it = ctx_.item(id);
      if (it.kind != ItemKind::Import) continue;
      void* a = resolve_import(it);
      if (!a && it.weak) continue;  // a weak reference to nothing is address 0
      if (!a) {
        std::string name(ctx_.name(it.name)), mname(ctx_.name(m->name));
        error_at(diags, *m, it.loc, "unresolved import '%s' in module '%s'", name.c_str(), mname.c_str());
        continue;
      }
      addresses_[id] = a;
    }
  if (diags.error_count() != before) {
    // Nothing of these modules runs yet; a later link (after loading what they import) retries.
    pending_.insert(pending_.begin(), mods.begin(), mods.end());
    return false;
  }
  // Declarations take their definition's address.
  for (Module* m : mods)
    for (ItemId id : m->items) {
      const Item& it = ctx_.item(id);
      if (it.kind == ItemKind::Export || it.kind == ItemKind::Forward || it.kind == ItemKind::Alias)
        addresses_[id] = item_address(id);
    }
  for (Module* m : mods)
    for (ItemId id : m->items) {
      const Item& it = ctx_.item(id);
      if (it.kind == ItemKind::Ref) {
        uint8_t* target = static_cast<uint8_t*>(item_address(it.ref.target));
        void* v = target + it.ref.disp;
        memcpy(addresses_[id], &v, 8);
      }
    }
  for (Module* m : mods)
    for (ItemId id : m->items)
      if (func_states_[id] && !exec_->prepare(*this, *func_states_[id], diags)) return false;
  for (Module* m : mods)
    for (ItemId id : m->items) {
      const Item& it = ctx_.item(id);
      if (it.kind == ItemKind::Lref) {
        FuncState* fs = func_state(it.lref.func);
        if (!fs) continue;
        uint8_t* a = static_cast<uint8_t*>(exec_->label_address(*fs, it.lref.label));
        int64_t v = reinterpret_cast<int64_t>(a) + it.lref.disp;
        if (it.lref.label2 != kNone) v -= reinterpret_cast<int64_t>(exec_->label_address(*fs, it.lref.label2));
        memcpy(addresses_[id], &v, 8);
      }
    }
  // expr data: run the function now.
  for (Module* m : mods)
    for (ItemId id : m->items) {
      const Item& it = ctx_.item(id);
      if (it.kind != ItemKind::Expr) continue;
      FuncState* fs = func_state(it.expr_func);
      if (!fs || fs->shape.results.size() != 1) continue;
      Value result{};
      exec_->call(*fs, nullptr, &result);
      memcpy(addresses_[id], &result, type_size(fs->shape.results[0]));
    }
  return diags.error_count() == before;
}

bool Linker::unload(Module& m) {
  auto it = std::find(loaded_.begin(), loaded_.end(), &m);
  if (it == loaded_.end()) return false;
  loaded_.erase(it);
  pending_.erase(std::remove(pending_.begin(), pending_.end(), &m), pending_.end());
  for (ItemId id : m.items) {
    if (id < func_states_.size() && func_states_[id]) {
      FuncState* fs = func_states_[id];
      exec_->forget(*fs);
      by_entry_.erase(fs->thunk);
      func_states_[id] = nullptr;
      func_store_.erase(std::remove_if(func_store_.begin(), func_store_.end(),
                                       [&](const std::unique_ptr<FuncState>& p) { return p.get() == fs; }),
                        func_store_.end());
    }
    if (id < addresses_.size()) addresses_[id] = nullptr;
  }
  // Exports are rebuilt from the modules still loaded, in load order.
  exports_.clear();
  weak_exports_.clear();
  for (Module* lm : loaded_)
    for (ItemId id : lm->items)
      if (ctx_.item(id).kind == ItemKind::Export) enter_export(*lm, id, nullptr);
  module_code_.erase(&m);  // unmaps the module's code pages
  auto blocks = module_blocks_.find(&m);
  if (blocks != module_blocks_.end()) {
    for (void* b : blocks->second) free(b);
    module_blocks_.erase(blocks);
  }
  return true;
}

void* Linker::address(std::string_view name) const {
  NameId n = ctx_.names().find(name);
  if (n == UINT32_MAX) return nullptr;
  uint32_t e = exports_.get(n);
  if (e != IdMap::kMissing) return addresses_[e];
  for (Module* m : loaded_) {
    ItemId id = m->find(n);
    if (id != kNone) return item_address(id);
  }
  return nullptr;
}

ItemId Linker::find_function(std::string_view name) const {
  NameId n = ctx_.names().find(name);
  if (n == UINT32_MAX) return kNone;
  uint32_t e = exports_.get(n);
  if (e != IdMap::kMissing && ctx_.item(e).kind == ItemKind::Func) return e;
  for (Module* m : loaded_) {
    ItemId id = definition_of(ctx_, m->find(n));
    if (id != kNone && ctx_.item(id).kind == ItemKind::Func) return id;
  }
  return kNone;
}

// Linked modules only (those still waiting for a link have run nothing), in load order.
std::vector<ItemId> Linker::startup_functions(bool inits) const {
  std::vector<StartupFunc> all;
  for (Module* m : loaded_) {
    if (std::find(pending_.begin(), pending_.end(), m) != pending_.end()) continue;
    for (const StartupFunc& sf : inits ? m->inits : m->finis) all.push_back(sf);
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const StartupFunc& a, const StartupFunc& b) { return a.priority < b.priority; });
  std::vector<ItemId> order;
  for (const StartupFunc& sf : all) order.push_back(definition_of(ctx_, sf.func));
  if (!inits) std::reverse(order.begin(), order.end());
  return order;
}

void Linker::call(ItemId func, std::span<const Value> args, Value* results) {
  FuncState* fs = func_state(func);
  KITE_ASSERT(fs != nullptr, "call of an item that is not a linked function");
  if (!fs->shape.vararg) {
    exec_->call(*fs, args.data(), results);
    return;
  }
  // Variadic functions read their arguments the native way: go through the entry point.
  CallShape shape = fs->shape;
  for (size_t i = shape.nfixed; i < args.size(); i++) shape.args.push_back(ArgShape{Type::I64, 0});
  call_glue(shape)(fs->thunk, args.data(), results);
}

}  // namespace kite

// Context: owns names, items, functions, string literals and source maps. Its names start with
// every keyword so that the parser recognises mnemonics by id (see kNumKeywords); the keywords'
// hash table is built at compile time, so creating a context hashes nothing.
#include <algorithm>
#include <array>

#include "kite/ir.h"

namespace kite {
namespace {
constexpr const char* kDirectiveNames[] = {"module", "endmodule", "func",    "endfunc", "proto",
                                           "import", "export",    "forward", "local",   "global",
                                           "bss",    "string",    "ref",     "lref",    "expr",
                                           "alias",  "init",      "fini",    "weak"};
static_assert(sizeof(kDirectiveNames) / sizeof(kDirectiveNames[0]) == kNumDirectives);
// Order matches Type, then the alias "blk".
constexpr const char* kTypeKeywords[] = {"i8", "u8", "i16",  "u16",  "i32",  "u32",  "i64",  "u64",  "f",  "d",
                                         "ld", "p",  "blk0", "blk1", "blk2", "blk3", "blk4", "rblk", "blk"};
static_assert(sizeof(kTypeKeywords) / sizeof(kTypeKeywords[0]) == kNumTypeNames);

// Mnemonics, directives, type names: ids kFirstOpName.. in this order.
constexpr std::array<std::string_view, kNumKeywords - 1> kKeywords = [] {
  std::array<std::string_view, kNumKeywords - 1> k{};
  constexpr const char* kMnemonics[] = {
#define KITE_OP(name, mnemonic, operands, flags) mnemonic,
#include "kite/ops.def"
#undef KITE_OP
  };
  size_t n = 0;
  for (const char* m : kMnemonics) k[n++] = m;
  for (const char* d : kDirectiveNames) k[n++] = d;
  for (const char* t : kTypeKeywords) k[n++] = t;
  return k;
}();
constexpr auto kKeywordTable = make_intern_table(kKeywords);
static_assert(kKeywordTable.distinct, "keyword names must be distinct");
static_assert(kKeywordTable.names[kFirstDirectiveName] == "module" && kKeywordTable.names[kFirstTypeName] == "i8");
}  // namespace

const char* directive_name(Directive d) { return kDirectiveNames[static_cast<uint32_t>(d)]; }

bool type_from_name_id(NameId id, Type* out) {
  if (id < kFirstTypeName || id >= kNumKeywords) return false;
  uint32_t i = id - kFirstTypeName;
  *out = i == kNumTypeNames - 1 ? Type::Blk0 : static_cast<Type>(i);
  return true;
}

NameId type_name_id(Type t) { return kFirstTypeName + static_cast<uint32_t>(t); }

const char* item_kind_name(ItemKind k) {
  switch (k) {
    case ItemKind::Func: return "func";
    case ItemKind::Proto: return "proto";
    case ItemKind::Import: return "import";
    case ItemKind::Export: return "export";
    case ItemKind::Forward: return "forward";
    case ItemKind::Data: return "data";
    case ItemKind::Bss: return "bss";
    case ItemKind::Ref: return "ref";
    case ItemKind::Lref: return "lref";
    case ItemKind::Expr: return "expr";
    case ItemKind::Undeclared: return "undeclared name";
    case ItemKind::Alias: return "alias";
  }
  return "item";
}

Context::Context() : names_(kKeywordTable) {}

Context::~Context() = default;

Module* Context::new_module(NameId name, SourceFile* source, uint32_t loc) {
  module_store_.push_back(std::make_unique<Module>());
  Module* m = module_store_.back().get();
  m->name = name;
  m->loc = loc;
  m->source = source;
  modules_.push_back(m);
  return m;
}

ItemId Context::new_item(Module& m, ItemKind kind, NameId name, uint32_t loc, bool hidden) {
  Item* it = static_cast<Item*>(arena_.allocate(sizeof(Item), alignof(Item)));
  memset(static_cast<void*>(it), 0, sizeof(Item));
  it->kind = kind;
  it->name = name;
  it->module = &m;
  it->loc = loc;
  it->resolved = kNone;
  ItemId id = static_cast<ItemId>(items_.size());
  items_.push_back(it);
  if (!hidden) m.items.push_back(id);
  return id;
}

const Signature* Context::new_signature(std::span<const Type> results, std::span<const Param> params, bool vararg) {
  Type* r = arena_.make_array<Type>(results.size());
  std::copy(results.begin(), results.end(), r);
  Param* p = arena_.make_array<Param>(params.size());
  std::copy(params.begin(), params.end(), p);
  return arena_.make<Signature>(r, p, static_cast<uint32_t>(results.size()), static_cast<uint32_t>(params.size()),
                                vararg);
}

Func* Context::make_func(ItemId id, const Signature* sig) {
  Item& it = item(id);
  funcs_.push_back(std::make_unique<Func>(*this, *it.module, id, sig));
  it.kind = ItemKind::Func;
  it.func = funcs_.back().get();
  return it.func;
}

Func* Context::new_func(Module& m, NameId name, const Signature* sig, uint32_t loc) {
  ItemId id = new_item(m, ItemKind::Func, name, loc);
  if (m.find(name) == kNone) m.symbols.set(name, id);
  return make_func(id, sig);
}

static std::vector<Param> make_params(Context& ctx, std::initializer_list<std::pair<Type, std::string_view>> ps) {
  std::vector<Param> out;
  for (auto& [t, n] : ps) out.push_back(Param{t, ctx.intern(n), 0});
  return out;
}

Func* Context::new_func(Module& m, std::string_view name, std::initializer_list<Type> results,
                        std::initializer_list<std::pair<Type, std::string_view>> params, bool vararg) {
  std::vector<Param> ps = make_params(*this, params);
  return new_func(m, intern(name), new_signature(std::span(results.begin(), results.size()), ps, vararg));
}

ItemId Context::new_proto(Module& m, std::string_view name, std::initializer_list<Type> results,
                          std::initializer_list<std::pair<Type, std::string_view>> params, bool vararg) {
  std::vector<Param> ps = make_params(*this, params);
  NameId n = intern(name);
  ItemId id = new_item(m, ItemKind::Proto, n, 0);
  item(id).proto = new_signature(std::span(results.begin(), results.size()), ps, vararg);
  if (m.find(n) == kNone) m.symbols.set(n, id);
  return id;
}

ItemId Context::new_import(Module& m, std::string_view name) {
  NameId n = intern(name);
  ItemId id = new_item(m, ItemKind::Import, n, 0);
  if (m.find(n) == kNone) m.symbols.set(n, id);
  return id;
}

ItemId Context::new_export(Module& m, std::string_view name) {
  return new_item(m, ItemKind::Export, intern(name), 0);
}

StrId Context::add_string(std::string_view bytes) {
  strings_.emplace_back(arena_.copy(bytes.data(), bytes.size()), bytes.size());
  return static_cast<StrId>(strings_.size() - 1);
}

Operand Context::string_operand(std::string_view text) {
  if (text.empty() || text.back() == '\0') return Operand::str(add_string(text));
  std::string with_nul(text);
  with_nul.push_back('\0');
  return Operand::str(add_string(with_nul));
}

uint32_t Context::add_ldouble(long double v) {
  ldoubles_.push_back(v);
  return static_cast<uint32_t>(ldoubles_.size() - 1);
}

SourceFile* Context::new_source(std::string_view name) {
  sources_.push_back(std::make_unique<SourceFile>());
  sources_.back()->name = std::string(name);
  return sources_.back().get();
}

SourceFile::LineCol SourceFile::locate(uint32_t loc) const {
  if (loc == 0 || line_starts.empty()) return {0, 0};
  uint32_t off = loc - 1;
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), off);
  uint32_t line = static_cast<uint32_t>(it - line_starts.begin());
  return {line, off - line_starts[line - 1] + 1};
}

size_t Context::bytes_reserved() const {
  size_t n = names_.bytes_reserved() + arena_.bytes_reserved() + items_.capacity() * sizeof(Item*) +
             strings_.capacity() * sizeof(std::string_view) + ldoubles_.capacity() * sizeof(long double);
  for (auto& f : funcs_) n += f->bytes_reserved();
  for (auto& m : module_store_) n += sizeof(Module) + m->items.capacity() * sizeof(ItemId) + m->symbols.size() * 16;
  for (auto& s : sources_) n += s->line_starts.capacity() * 4;
  return n;
}

}  // namespace kite

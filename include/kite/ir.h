// The IR in memory: Context > Module > Item (Func, Proto, data, ...) > Insn > Operand.
// Compile speed starts here (DESIGN.md section 3): instructions live in one growable buffer per
// function with their operands inline (12 bytes each), linked by 32-bit ids; variables, labels
// and memory references are dense per-function tables; names are interned per context.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kite/arena.h"
#include "kite/assert.h"
#include "kite/id_map.h"
#include "kite/interner.h"
#include "kite/ops.h"
#include "kite/types.h"

namespace kite {

using VarId = uint32_t;    // dense per function; the parameters come first
using LabelId = uint32_t;  // dense per function
using ItemId = uint32_t;   // dense per context
using InsnId = uint32_t;   // position of an instruction in its function's buffer
using StrId = uint32_t;    // string literal, per context
constexpr uint32_t kNone = UINT32_MAX;

class Context;
class Func;
struct Module;

enum class OperandKind : uint8_t { None, Var, Int, Float, Double, LDouble, Str, Item, Label, Mem };

// One operand, 12 bytes, trivially copyable. Memory references keep their displacement and
// aliases in the function's memory table (Func::mem); the operand holds type, scale and index.
struct Operand {
  OperandKind kind = OperandKind::None;
  Type type = Type::I64;  // memory operands: the access type (or a block type in calls)
  uint8_t scale = 1;      // memory operands: 1 to 255 (the verifier rejects 0)
  uint8_t flags = 0;      // kUnsignedFlag: an integer printed as unsigned
  uint32_t a = 0;
  uint32_t b = 0;

  static constexpr uint8_t kUnsignedFlag = 1;

  static Operand var(VarId v) { return make(OperandKind::Var, v, 0); }
  static Operand label(LabelId l) { return make(OperandKind::Label, l, 0); }
  static Operand item(ItemId i) { return make(OperandKind::Item, i, 0); }
  static Operand str(StrId s) { return make(OperandKind::Str, s, 0); }
  static Operand int64(int64_t v) { return bits64(OperandKind::Int, static_cast<uint64_t>(v)); }
  static Operand uint64(uint64_t v) {
    Operand o = bits64(OperandKind::Int, v);
    o.flags = kUnsignedFlag;
    return o;
  }
  static Operand float32(float v) {
    uint32_t bits;
    memcpy(&bits, &v, 4);
    return make(OperandKind::Float, bits, 0);
  }
  static Operand float64(double v) {
    uint64_t bits;
    memcpy(&bits, &v, 8);
    return bits64(OperandKind::Double, bits);
  }
  // Long doubles live in the context's constant pool (Context::add_ldouble).
  static Operand ldouble_ref(uint32_t pool_index) { return make(OperandKind::LDouble, pool_index, 0); }
  // Memory: see Func::mem(), which fills the memory table entry.
  static Operand mem_ref(Type t, uint32_t mem_index, uint8_t scale) {
    Operand o = make(OperandKind::Mem, mem_index, 0);
    o.type = t;
    o.scale = scale;
    return o;
  }

  bool is(OperandKind k) const { return kind == k; }
  uint64_t bits() const { return a | (static_cast<uint64_t>(b) << 32); }
  int64_t int_value() const { return static_cast<int64_t>(bits()); }
  float float_value() const {
    float v;
    memcpy(&v, &a, 4);
    return v;
  }
  double double_value() const {
    uint64_t x = bits();
    double v;
    memcpy(&v, &x, 8);
    return v;
  }

 private:
  static Operand make(OperandKind k, uint32_t a, uint32_t b) {
    Operand o;
    o.kind = k;
    o.a = a;
    o.b = b;
    return o;
  }
  static Operand bits64(OperandKind k, uint64_t v) {
    return make(k, static_cast<uint32_t>(v), static_cast<uint32_t>(v >> 32));
  }
};
static_assert(sizeof(Operand) == 12);

// The address part of a memory operand: disp + base + index * scale.
struct MemRef {
  int64_t disp = 0;
  VarId base = kNone;
  VarId index = kNone;
  NameId alias = 0;     // 0 = none
  NameId nonalias = 0;  // 0 = none
};

// An instruction header; its operands follow it in the same buffer.
struct Insn {
  InsnId next;
  InsnId prev;
  Op op;
  uint16_t nops;
  uint32_t loc;  // source offset + 1 in the module's source file; 0 = built through the API
  Operand* ops() { return reinterpret_cast<Operand*>(this + 1); }
  const Operand* ops() const { return reinterpret_cast<const Operand*>(this + 1); }
  Operand& op_at(uint32_t i) { return ops()[i]; }
  const Operand& op_at(uint32_t i) const { return ops()[i]; }
};
static_assert(sizeof(Insn) == 16);

struct Var {
  NameId name;
  Type type;          // i64, f, d or ld (parameters keep their declared type here)
  uint8_t is_global;  // declared with `global` (bound to a hard register)
  NameId hard_reg;    // for globals: the register name; 0 otherwise
  uint32_t loc;
  InsnId decl_after;  // the instruction it was declared after (kNone: before the body);
                      // the printer declares it there, so names keep their meaning
};

struct Label {
  NameId name;
  InsnId def;    // the Op::Label instruction, kNone until placed
  uint32_t loc;  // where it was defined, else first used
};

struct Param {
  Type type;
  NameId name;
  uint32_t size;  // block parameters: the block size in bytes
};

// Results and parameters of a function or prototype; arena-allocated, immutable once made.
struct Signature {
  const Type* results;
  const Param* params;
  uint32_t nresults;
  uint32_t nparams;
  bool vararg;
  std::span<const Type> result_types() const { return {results, nresults}; }
  std::span<const Param> param_list() const { return {params, nparams}; }
};

// A function body: variables, labels, memory references and instructions.
class Func {
 public:
  Func(Context& ctx, Module& module, ItemId item, const Signature* sig);
  ~Func();
  Func(const Func&) = delete;
  Func& operator=(const Func&) = delete;

  Context& context() const { return *ctx_; }
  Module& module() const { return *module_; }
  ItemId item() const { return item_; }
  NameId name() const;
  const Signature& sig() const { return *sig_; }

  // Variables. The first sig().nparams variables are the parameters.
  VarId new_var(NameId name, Type type, uint32_t loc = 0);
  VarId new_global(NameId name, Type type, NameId hard_reg, uint32_t loc = 0);
  VarId new_var(std::string_view name, Type type);  // convenience for API users
  uint32_t num_vars() const { return static_cast<uint32_t>(vars_.size()); }
  const Var& var(VarId v) const { return vars_[v]; }
  VarId find_var(NameId name) const;  // linear; the parser keeps its own index

  // Labels. A label is placed by an Op::Label instruction.
  LabelId new_label(NameId name, uint32_t loc = 0);
  LabelId new_label(std::string_view name);
  uint32_t num_labels() const { return static_cast<uint32_t>(labels_.size()); }
  const Label& label(LabelId l) const { return labels_[l]; }
  void set_label_def(LabelId l, InsnId def, uint32_t loc);

  // Memory operands.
  Operand mem(Type t, int64_t disp, VarId base = kNone, VarId index = kNone, uint8_t scale = 1, NameId alias = 0,
              NameId nonalias = 0);
  const MemRef& mem_ref(const Operand& o) const { return mems_[o.a]; }
  uint32_t num_mems() const { return static_cast<uint32_t>(mems_.size()); }

  // Instructions. References returned by insn() stay valid until the next insertion.
  InsnId append(Op op, std::span<const Operand> ops, uint32_t loc = 0);
  InsnId append(Op op, std::initializer_list<Operand> ops) { return append(op, std::span(ops.begin(), ops.size())); }
  InsnId append_label(LabelId l, uint32_t loc = 0);
  InsnId insert_before(InsnId pos, Op op, std::span<const Operand> ops);
  InsnId insert_after(InsnId pos, Op op, std::span<const Operand> ops);
  void remove(InsnId id);
  Insn& insn(InsnId id) { return *reinterpret_cast<Insn*>(code_ + id); }
  const Insn& insn(InsnId id) const { return *reinterpret_cast<const Insn*>(code_ + id); }
  InsnId first() const { return first_; }
  InsnId last() const { return last_; }
  uint32_t num_insns() const { return ninsns_; }
  // Releases spare capacity once a function is complete (the parser calls it at endfunc).
  void shrink_to_fit();
  size_t bytes_reserved() const;

 private:
  InsnId alloc_insn(Op op, std::span<const Operand> ops, uint32_t loc);
  Context* ctx_;
  Module* module_;
  ItemId item_;
  const Signature* sig_;
  std::vector<Var> vars_;
  std::vector<Label> labels_;
  std::vector<MemRef> mems_;
  uint32_t* code_ = nullptr;  // 4-byte words; InsnId is a word offset
  uint32_t code_size_ = 0;
  uint32_t code_cap_ = 0;
  InsnId first_ = kNone;
  InsnId last_ = kNone;
  uint32_t ninsns_ = 0;
};

// Alias (a Kite extension, `name: alias target`): another name for a definition of the module.
enum class ItemKind : uint8_t { Func, Proto, Import, Export, Forward, Data, Bss, Ref, Lref, Expr, Undeclared, Alias };
const char* item_kind_name(ItemKind k);

struct DataPayload {
  Type type;
  bool from_string;  // written as `string "..."`; printed the same way
  uint32_t count;
  const uint8_t* bytes;  // count * type_size(type) bytes, in the context arena
};
struct RefPayload {
  ItemId target;
  int64_t disp;
};
struct LrefPayload {
  NameId label_name;
  NameId label2_name;  // 0 = none
  int64_t disp;
  ItemId func;  // resolved owner function, kNone until resolved
  LabelId label;
  LabelId label2;  // kNone = none
};

// One module-level item. Declarations (import/export/forward) and names used before their
// definition refer to the defining item through `resolved` once the module is complete.
struct Item {
  ItemKind kind;
  // Import or Export only (a Kite extension, `weak NAME`): a weak import that nothing defines
  // resolves to address 0 instead of failing the link; a weak export gives way to another
  // module's ordinary export of the same name (C's `__attribute__((weak))`).
  bool weak;
  NameId name;  // 0 = anonymous data
  Module* module;
  uint32_t loc;
  ItemId resolved;  // export/forward/undeclared: the definition; kNone when missing
  union {
    Func* func;
    const Signature* proto;
    DataPayload data;
    uint64_t bss_size;
    RefPayload ref;
    LrefPayload lref;
    ItemId expr_func;
    ItemId alias_target;  // Alias: the item it names (a definition, or a placeholder for one)
  };
};

// Where a module's text came from, to turn offsets into line:col.
struct SourceFile {
  std::string name;
  std::vector<uint32_t> line_starts;  // offset of each line's first byte
  struct LineCol {
    uint32_t line, col;
  };
  LineCol locate(uint32_t loc) const;  // loc = offset + 1; 0 gives {0, 0}
};

// A function the module asks to run before the program's entry (`init f, 101`) or at its exit
// (`fini f`), a Kite extension for C's constructor and destructor attributes. Priorities are
// gcc's: 101..65535, lower first for inits and last for finis; none means 65535.
constexpr uint32_t kDefaultStartupPriority = 65535;
struct StartupFunc {
  ItemId func;  // a function of the module (or a declaration of one)
  uint32_t priority;
  uint32_t loc;
};

struct Module {
  NameId name;
  uint32_t loc;
  SourceFile* source;         // null for API-built modules
  std::vector<ItemId> items;  // in definition order
  IdMap symbols;              // name -> the item that defines (or first declares) it
  std::vector<StartupFunc> inits, finis;  // in the order they were declared
  ItemId find(NameId name) const { return symbols.get(name); }
};

class Context {
 public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  Interner& names() { return names_; }
  const Interner& names() const { return names_; }
  NameId intern(std::string_view s) { return names_.intern(s); }
  std::string_view name(NameId id) const { return names_.str(id); }
  Arena& arena() { return arena_; }

  Module* new_module(NameId name, SourceFile* source = nullptr, uint32_t loc = 0);
  Module* new_module(std::string_view name) { return new_module(intern(name)); }
  const std::vector<Module*>& modules() const { return modules_; }

  // Items. new_item appends to the module's order unless `hidden` (placeholders).
  ItemId new_item(Module& m, ItemKind kind, NameId name, uint32_t loc, bool hidden = false);
  Item& item(ItemId id) { return *items_[id]; }
  const Item& item(ItemId id) const { return *items_[id]; }
  uint32_t num_items() const { return static_cast<uint32_t>(items_.size()); }
  // Shows `id` at the end of its module's item order (a placeholder getting its definition).
  void place_item(ItemId id) { items_[id]->module->items.push_back(id); }

  const Signature* new_signature(std::span<const Type> results, std::span<const Param> params, bool vararg);
  // Creates a function item (and its Func) in m, with parameters as its first variables.
  Func* new_func(Module& m, NameId name, const Signature* sig, uint32_t loc = 0);
  Func* new_func(Module& m, std::string_view name, std::initializer_list<Type> results,
                 std::initializer_list<std::pair<Type, std::string_view>> params, bool vararg = false);
  // Turns an existing placeholder item into a function (used by the parser).
  Func* make_func(ItemId id, const Signature* sig);
  ItemId new_proto(Module& m, std::string_view name, std::initializer_list<Type> results,
                   std::initializer_list<std::pair<Type, std::string_view>> params, bool vararg = false);
  // Declarations: `import name` (resolved at link time) and `export name`.
  ItemId new_import(Module& m, std::string_view name);
  ItemId new_export(Module& m, std::string_view name);

  StrId add_string(std::string_view bytes);  // the bytes as stored (include any final NUL)
  std::string_view string_literal(StrId s) const { return strings_[s]; }
  Operand string_operand(std::string_view text);  // appends the implicit NUL like the reader
  uint32_t add_ldouble(long double v);
  long double ldouble(uint32_t index) const { return ldoubles_[index]; }
  Operand ldouble_operand(long double v) { return Operand::ldouble_ref(add_ldouble(v)); }

  SourceFile* new_source(std::string_view name);

  // Reserved memory of everything this context owns, for the benchmarks.
  size_t bytes_reserved() const;

 private:
  Interner names_;
  Arena arena_;
  std::vector<Module*> modules_;
  std::vector<std::unique_ptr<Module>> module_store_;
  std::vector<Item*> items_;
  std::vector<std::unique_ptr<Func>> funcs_;
  std::vector<std::string_view> strings_;
  std::vector<long double> ldoubles_;
  std::vector<std::unique_ptr<SourceFile>> sources_;
};

// Keyword ids: the context interns every mnemonic, directive and type name first, so a
// NameId below kNumKeywords is a keyword and lookup is a comparison.
enum class Directive : uint8_t {
  Module,
  EndModule,
  Func,
  EndFunc,
  Proto,
  Import,
  Export,
  Forward,
  Local,
  Global,
  Bss,
  String,
  Ref,
  Lref,
  Expr,
  // Kite extensions.
  Alias,
  Init,
  Fini,
  Weak,
};
constexpr uint32_t kNumDirectives = static_cast<uint32_t>(Directive::Weak) + 1;
// Type names: "i8".."rblk" plus "blk" (= blk0).
constexpr uint32_t kNumTypeNames = 19;
constexpr NameId kFirstOpName = 1;
constexpr NameId kFirstDirectiveName = kFirstOpName + kNumOps;
constexpr NameId kFirstTypeName = kFirstDirectiveName + kNumDirectives;
constexpr NameId kNumKeywords = kFirstTypeName + kNumTypeNames;
const char* directive_name(Directive d);
// For a type-name keyword id, the type ("blk" gives Blk0); false if id names no type.
bool type_from_name_id(NameId id, Type* out);
NameId type_name_id(Type t);

}  // namespace kite

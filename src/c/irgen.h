// IR generation: the checked tree of ast.h to Kite IR through the C++ API (never text).
// File scope: functions become `func` items (exported unless static), objects become data or
// bss items (with `ref` items for addresses in initializers), undefined functions and extern
// objects become `import`s resolved at link time. In a function, scalars whose address is
// never taken are IR variables named after the C names; address-taken scalars and aggregates
// live in one frame `alloca`ed in the entry block. irgen.cpp holds items and statements,
// irgen_expr.cpp the expressions.
#pragma once
#include <string>
#include <vector>

#include "ast.h"
#include "kite/diagnostics.h"
#include "kite/ir.h"
#include "types.h"

namespace kite::c {

// A declaration of a variable length array object (not a pointer to one, not a typedef).
inline bool is_vla_object_decl(const Stmt* s) {
  return s->kind == StmtKind::Decl && s->sym->kind == Symbol::Var && is_array(s->sym->type) && s->sym->type->vm;
}

// A declaration of a variable with a GNU cleanup attribute.
inline bool has_cleanup(const Stmt* s) { return s->kind == StmtKind::Decl && s->sym->kind == Symbol::Var && s->sym->cleanup; }

class IrGen {
 public:
  IrGen(Context& ctx, Module& m, const SourceManager& sources, Diagnostics& diags, TypeTable& types);
  void set_main_file(uint32_t file) { main_file_ = file; }
  void run(const TranslationUnit& tu);

 private:
  // An lvalue: an IR variable, or memory at disp + base (+ index * scale).
  struct LVal {
    bool is_var = false;
    VarId var = kNone;
    VarId base = kNone;
    VarId index = kNone;
    uint8_t scale = 1;
    uint8_t bit_pos = 0;    // bit-fields: the field within the `type`-sized unit at disp
    uint8_t bit_width = 0;  // 0 = not a bit-field
    uint8_t unit_bytes = 0;  // bit-fields of packed records: the unit's size, not the type's
    int64_t disp = 0;
    const CType* type = nullptr;
  };
  struct ConstVal {
    bool is_addr = false;
    bool is_float = false;
    ItemId item = kNone;
    int64_t i = 0;
    long double f = 0;
    // GNU labels as values: the address of `label` in function `label_func` (is_addr set).
    LabelId label = kNone;
    ItemId label_func = kNone;
    LabelId label2 = kNone;  // `&&a - &&b`: minus the address of label2 (same function)
  };

  // How a struct travels in calls (SysV x86-64): in memory (blk0 / rblk), or in one or two
  // eightbytes of integer or SSE class (blk1..4 for arguments, up to two results).
  struct AbiClass {
    bool memory = false;
    Type blk = Type::Blk0;
    uint32_t nparts = 0;
    Type part_result[2];  // i64, d or f
    Type part_mem[2];     // the memory type of each eightbyte (narrower for a short tail)
  };
  AbiClass classify(const CType* record);

  // Items (irgen.cpp).
  const Signature* signature_of(const CType* ft, const std::vector<NameId>* names);
  ItemId proto_for(const CType* ft, const Expr* call);
  ItemId item_of(Symbol* s);  // function or global object item (an import when undefined)
  void export_symbol(const Symbol* s);  // exports s under its IR name (weak when it is)
  ItemId import_named(const char* name);
  void emit_global(Symbol* s);
  bool const_value(const Expr* e, ConstVal* out);
  bool const_addr(const Expr* e, ConstVal* out);
  // Constant evaluation (const_eval.cpp): address + integer, address - address.
  bool const_addr_arith(const Expr* e, ConstVal* out, const ConstVal& b);
  ItemId string_item(const char* bytes, size_t n);

  // Functions and statements (irgen.cpp).
  void gen_func(const FuncDef& fd);
  void collect_locals(const Stmt* s);
  void place_local(Symbol* s);
  void gen_stmt(const Stmt* s);
  void gen_loop_body(const Stmt* body, LabelId brk, LabelId cont);
  void gen_switch(const Stmt* s);
  void gen_local_init(Symbol* s);
  LabelId user_label(NameId name, SourceLoc loc);

  // GNU expression and statement forms (irgen_gnu.cpp).
  Operand stmt_expr(const Expr* e);
  LabelId static_label(const Expr* label_addr);  // a label whose address a static initializer takes

  // Expressions (irgen_expr.cpp).
  Operand rv(const Expr* e);
  void effect(const Expr* e);  // evaluated for its side effects only
  LVal lv(const Expr* e);
  Operand load(const LVal& l);
  void store(const LVal& l, Operand v);
  Operand address(const LVal& l);  // an int operand holding the address
  Operand convert(Operand v, const CType* from, const CType* to);
  Operand arith(Punct op, const CType* t, Operand a, Operand b);
  Operand compare(Punct op, const CType* t, Operand a, Operand b);
  Operand ptr_add(Operand p, Operand n, const CType* ptr_type, bool minus);
  Operand call(const Expr* e);
  Operand incdec(const Expr* e, bool value_used);
  Operand op_assign(const Expr* e);
  void branch(const Expr* e, bool when, LabelId target);  // jump to target when e's truth == when
  void copy_bytes(VarId dst, int64_t dst_disp, VarId src, int64_t src_disp, uint64_t size);
  void zero_bytes(VarId dst, int64_t disp, uint64_t size);
  Operand extend(Operand v, const CType* t);  // canonical form of an integer of type t
  // Bit-fields: the value of an assignment to one (its stored, truncated value).
  Operand bitfield_value(const LVal& l, Operand v);
  Type unit_type(const LVal& l) const;  // the memory type of a bit-field's unit (or of l)
  Operand load_split_bitfield(const LVal& l, VarId r);  // unit_bytes 9: two accesses
  void store_split_bitfield(const LVal& l, Operand v);

  // GNU builtins (irgen_builtins.cpp).
  Operand builtin(const Expr* e);
  Operand bit_op(BuiltinOp op, Operand x, unsigned bytes);
  Operand popcount64(Operand x);
  Operand clz64(Operand x);
  Operand fp_test(BuiltinOp op, Operand x, const CType* t);
  Operand overflow_builtin(const Expr* e);
  Operand bin(Op op, Operand a, Operand b);  // a new i64 temporary = a op b

  // Atomics (irgen_atomic.cpp): calls of the runtime's libatomic-style functions.
  static constexpr int64_t kSeqCst = 5;
  Operand atomic_builtin(const Expr* e);
  Operand runtime_call(const char* name, const CType* ft, const std::vector<Operand>& args);
  Operand atomic_load(Operand addr, const CType* t, Operand order);
  void atomic_store(Operand addr, const CType* t, Operand v, Operand order);
  Operand atomic_fetch_op(Punct op, bool old_value, Operand addr, const CType* t, Operand v, Operand order);
  Operand atomic_cmpxchg(Operand addr, uint64_t size, Operand expected_addr, Operand desired_bits, Operand success,
                         Operand failure);
  Operand atomic_update(const Expr* e, const LVal& l);  // ++, --, op= on an atomic lvalue
  Operand value_bits(Operand v, const CType* t);        // a floating value's bits as an integer
  Operand bits_value(Operand raw, const CType* t);      // a runtime result as a canonical t
  Operand fp_const(const CType* t, long double v);

  // Emission helpers. Names irgen makes up start with '.' (temporaries .tN, labels .LN, VLA
  // bookkeeping .spN and .vlaN), which no C name nor a C name made unique ("x.2", "f.x")
  // can, so the printed IR never has two things of one name.
  VarId temp(Type t);
  VarId to_var(Operand o);
  Type class_type(const Operand& o) const;
  void emit(Op op, std::initializer_list<Operand> ops) { f_->append(op, std::span(ops.begin(), ops.size()), loc_); }
  void emit(Op op, const std::vector<Operand>& ops) { f_->append(op, ops, loc_); }
  void emit_mov(Operand d, Operand s, Type t);
  LabelId new_label();
  void place(LabelId l) { f_->append_label(l, loc_); }
  // IR locations are offsets into the main file (the module's source); code that comes from
  // a header (a static inline function) gets none.
  uint32_t ir_loc(SourceLoc loc) const { return loc.file == main_file_ ? loc.offset + 1 : 0; }
  void set_loc(SourceLoc loc) { loc_ = ir_loc(loc); }
  void error(SourceLoc loc, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  NameId unique_var_name(NameId name);

  Context& ctx_;
  Module& m_;
  const SourceManager& sources_;
  uint32_t main_file_ = 0;
  Diagnostics& diags_;
  TypeTable& types_;
  uint32_t proto_count_ = 0;
  uint32_t string_count_ = 0;
  std::vector<std::pair<const CType*, ItemId>> protos_;
  ItemId memset_ = kNone, memcpy_ = kNone;

  // The function being generated.
  Func* f_ = nullptr;
  const FuncDef* fd_ = nullptr;
  uint32_t loc_ = 0;
  VarId frame_ = kNone;
  uint64_t frame_size_ = 0;
  InsnId frame_insn_ = kNone;  // the entry alloca, resized when temporaries need frame slots
  VarId ret_addr_ = kNone;     // rblk parameter of a function returning a large struct
  int64_t frame_slot(const CType* t);
  uint32_t temp_count_ = 0;
  std::vector<Symbol*> locals_;
  // The variable names taken in the current function: name_mark_[id] == name_serial_, so a
  // lookup is one load and moving to the next function is one increment.
  std::vector<uint32_t> name_mark_;
  uint32_t name_serial_ = 1;
  bool name_used(NameId n) const { return n < name_mark_.size() && name_mark_[n] == name_serial_; }
  void mark_name_used(NameId n) {
    if (n >= name_mark_.size()) name_mark_.resize(n + 1 + n / 2, 0);
    name_mark_[n] = name_serial_;
  }
  struct UserLabel {
    NameId name;
    LabelId label;
    SourceLoc first_use;
  };
  std::vector<UserLabel> labels_;
  std::vector<bool> label_defined_;
  std::vector<LabelId> break_, continue_;

  // Variable length arrays (irgen_vla.cpp). A declared VLA's byte size is computed once, where
  // its declaration is, into a variable (vla_size_var_, by vla_id). Each VLA object's storage
  // is an alloca after a `bstart` into its own variable: the scopes of those objects form a
  // tree (vla_scopes_, [0] the function's top), and leaving one (its block's end, break,
  // continue, a goto to a label outside it) releases it and everything after it with `bend`.
  // A variable with a cleanup attribute opens a scope the same way; leaving it (also by
  // `return`) runs its cleanup call, innermost scope first.
  struct VlaScope {
    VarId sp;         // the stack pointer just before the object's alloca (kNone: no VLA)
    uint32_t parent;  // the scope the declaration is in
    uint32_t depth;
    const Expr* cleanup;  // fn(&var) of a cleanup variable, or null
  };
  Operand type_size(const CType* t);  // sizeof t: a constant, or computed for a VLA
  void gen_vla_decl(const Stmt* s);
  void scan_vla_scopes(const Stmt* body);  // before generating a function that has VLA objects
  uint32_t scan_vla_scope(const Stmt* s, uint32_t cur);
  // Leaves the scopes inside `scope` (an ancestor): their cleanups, then (unless returning)
  // the stack of their VLAs.
  void release_vlas_to(uint32_t scope, bool release_stack = true);
  void goto_vla_scope(NameId label, SourceLoc loc);
  std::vector<VarId> vla_size_var_;
  bool has_vla_objects_ = false;  // or variables with cleanups: objects whose scope's end acts
  std::vector<VlaScope> vla_scopes_;
  uint32_t vla_cur_ = 0;
  std::vector<std::pair<const Stmt*, uint32_t>> vla_decl_scopes_;  // sorted by statement
  std::vector<std::pair<NameId, uint32_t>> label_vla_scopes_;     // sorted by name
  std::vector<uint32_t> break_vla_depth_, continue_vla_depth_;
  // Labels made before their function's body is generated, for `lref` items of static
  // initializers (`static void *t[] = { &&a };`); user_label() takes them up.
  struct StaticLabel {
    ItemId func;
    NameId name;
    LabelId label;
    SourceLoc first_use;
  };
  std::vector<StaticLabel> static_labels_;
};

}  // namespace kite::c

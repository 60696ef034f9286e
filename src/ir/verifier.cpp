// The verifier: operand counts, kinds and classes per opcode (from ops.def), writable outputs,
// calls against their prototypes, returns against the results, overflow-branch pairing, and
// the module-level rules for items. One linear pass over each function, O(insns + operands).
#include <cstdarg>
#include <string>

#include "kite/verify.h"

namespace kite {

// Declarations and aliases lead to the definition they name; a chain of aliases is followed
// for as many steps as there are items, so a cycle ends as "no definition".
ItemId definition_of(const Context& ctx, ItemId id) {
  for (uint32_t steps = 0; id < ctx.num_items() && steps <= ctx.num_items(); steps++) {
    const Item& it = ctx.item(id);
    if (it.kind == ItemKind::Alias) {
      id = it.alias_target;
      continue;
    }
    if (it.kind != ItemKind::Export && it.kind != ItemKind::Forward && it.kind != ItemKind::Undeclared) return id;
    ItemId next = it.resolved != kNone ? it.resolved : it.module->find(it.name);
    if (next == kNone || next == id) return kNone;
    ItemKind k = ctx.item(next).kind;
    if (k == ItemKind::Export || k == ItemKind::Forward || k == ItemKind::Undeclared) return kNone;
    id = next;
  }
  return kNone;
}

namespace {

class Verifier {
 public:
  Verifier(const Context& ctx, const Module& m, Diagnostics& diags, const VerifyOptions& opts)
      : ctx_(ctx), mod_(m), diags_(diags), opts_(opts) {}

  void func(const Func& f);
  void module();

 private:
  // Located at `loc` when the module came from text; otherwise the message names the item.
  void error(uint32_t loc, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  void insn_error(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  std::string str(NameId n) const { return std::string(ctx_.name(n)); }

  void signature(const Signature& sig, bool is_func, uint32_t loc, const char* what);
  void vars(const Func& f);
  void insn(const Func& f, InsnId id);
  void operand(const Func& f, const Insn& in, uint32_t i, OperandRole role);
  bool operand_ids_valid(const Func& f, const Operand& o, uint32_t i);
  ValueClass class_of_operand(const Func& f, const Operand& o) const;
  void expect_class(const Func& f, const Operand& o, uint32_t i, ValueClass want, bool output);
  void call(const Func& f, const Insn& in);
  void overflow_branch(const Func& f, InsnId id, const Insn& in);
  std::string describe(const Func& f, const Operand& o) const;

  const Context& ctx_;
  const Module& mod_;
  Diagnostics& diags_;
  const VerifyOptions& opts_;
  const Func* cur_func_ = nullptr;
  InsnId cur_insn_ = kNone;
  uint32_t cur_index_ = 0;
  bool has_ret_ = false, has_jret_ = false;
  std::string scratch_;
};

void Verifier::error(uint32_t loc, const char* fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (loc && mod_.source) {
    SourceFile::LineCol lc = mod_.source->locate(loc);
    diags_.error(mod_.source->name, lc.line, lc.col, "%s", msg);
    return;
  }
  // API-built IR: name the module, the function and the instruction.
  std::string where = "module '" + str(mod_.name) + "'";
  if (cur_func_) {
    where += ", function '" + str(cur_func_->name()) + "'";
    if (cur_insn_ != kNone)
      where += ", insn " + std::to_string(cur_index_) + " (" + op_name(cur_func_->insn(cur_insn_).op) + ")";
  }
  diags_.error("", 0, 0, "%s: %s", where.c_str(), msg);
}

void Verifier::insn_error(const char* fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  error(cur_func_->insn(cur_insn_).loc, "%s", msg);
}

std::string Verifier::describe(const Func& f, const Operand& o) const {
  switch (o.kind) {
    case OperandKind::Var: {
      const Var& v = f.var(o.a);
      return std::string(class_name(class_of(v.type))) + " variable '" + str(v.name) + "'";
    }
    case OperandKind::Int: return "an integer";
    case OperandKind::Float: return "a float literal";
    case OperandKind::Double: return "a double literal";
    case OperandKind::LDouble: return "a long double literal";
    case OperandKind::Str: return "a string";
    case OperandKind::Item:
      return std::string(item_kind_name(ctx_.item(o.a).kind)) + " '" + str(ctx_.item(o.a).name) + "'";
    case OperandKind::Label: return "label '" + str(f.label(o.a).name) + "'";
    case OperandKind::Mem: return std::string("memory of type ") + type_name(o.type);
    case OperandKind::None: return "no operand";
  }
  return "an operand";
}

ValueClass Verifier::class_of_operand(const Func& f, const Operand& o) const {
  switch (o.kind) {
    case OperandKind::Var: return class_of(f.var(o.a).type);
    case OperandKind::Int:
    case OperandKind::Str:
    case OperandKind::Item: return ValueClass::Int;
    case OperandKind::Float: return ValueClass::Float;
    case OperandKind::Double: return ValueClass::Double;
    case OperandKind::LDouble: return ValueClass::LDouble;
    case OperandKind::Mem: return class_of(o.type);
    case OperandKind::Label:
    case OperandKind::None: return ValueClass::None;
  }
  return ValueClass::None;
}

bool Verifier::operand_ids_valid(const Func& f, const Operand& o, uint32_t i) {
  bool ok = true;
  switch (o.kind) {
    case OperandKind::Var: ok = o.a < f.num_vars(); break;
    case OperandKind::Label: ok = o.a < f.num_labels(); break;
    case OperandKind::Item: ok = o.a < ctx_.num_items(); break;
    case OperandKind::Mem: {
      if (o.a >= f.num_mems()) {
        ok = false;
        break;
      }
      const MemRef& m = f.mem_ref(o);
      if ((m.base != kNone && m.base >= f.num_vars()) || (m.index != kNone && m.index >= f.num_vars())) {
        ok = false;
        break;
      }
      if (m.base != kNone && class_of(f.var(m.base).type) != ValueClass::Int)
        insn_error("operand %u: memory base '%s' must be an integer variable", i + 1, str(f.var(m.base).name).c_str());
      if (m.index != kNone && class_of(f.var(m.index).type) != ValueClass::Int)
        insn_error("operand %u: memory index '%s' must be an integer variable", i + 1,
                   str(f.var(m.index).name).c_str());
      if (o.scale == 0) insn_error("operand %u: scale must be an integer from 1 to 255, not 0", i + 1);
      if (static_cast<uint32_t>(o.type) >= kNumTypes) ok = false;
      break;
    }
    case OperandKind::None: ok = false; break;
    case OperandKind::Int:
    case OperandKind::Float:
    case OperandKind::Double:
    case OperandKind::LDouble:
    case OperandKind::Str: break;
  }
  if (!ok) insn_error("operand %u is malformed (refers to a missing variable, label, item or memory entry)", i + 1);
  return ok;
}

void Verifier::expect_class(const Func& f, const Operand& o, uint32_t i, ValueClass want, bool output) {
  if (output && o.kind != OperandKind::Var && o.kind != OperandKind::Mem) {
    insn_error("operand %u of '%s' is written and must be a variable or memory, not %s", i + 1,
               op_name(f.insn(cur_insn_).op), describe(f, o).c_str());
    return;
  }
  if (o.kind == OperandKind::Label) {
    insn_error("operand %u of '%s': a label cannot be a value", i + 1, op_name(f.insn(cur_insn_).op));
    return;
  }
  if (o.kind == OperandKind::Item) {
    ItemKind k = ctx_.item(o.a).kind;
    if (k == ItemKind::Proto) {
      insn_error("operand %u of '%s': prototype '%s' is not a value", i + 1, op_name(f.insn(cur_insn_).op),
                 str(ctx_.item(o.a).name).c_str());
      return;
    }
  }
  ValueClass have = class_of_operand(f, o);
  if (o.kind == OperandKind::Mem && o.type == Type::Undef) have = ValueClass::Int;  // API-only va_list memory
  if (have != want)
    insn_error("operand %u of '%s' must be %s, not %s", i + 1, op_name(f.insn(cur_insn_).op),
               want == ValueClass::Int ? "an int" : class_name(want), describe(f, o).c_str());
}

void Verifier::operand(const Func& f, const Insn& in, uint32_t i, OperandRole role) {
  const Operand& o = in.ops()[i];
  switch (role) {
    case OperandRole::OutInt: expect_class(f, o, i, ValueClass::Int, true); return;
    case OperandRole::OutFloat: expect_class(f, o, i, ValueClass::Float, true); return;
    case OperandRole::OutDouble: expect_class(f, o, i, ValueClass::Double, true); return;
    case OperandRole::OutLDouble: expect_class(f, o, i, ValueClass::LDouble, true); return;
    case OperandRole::InInt: expect_class(f, o, i, ValueClass::Int, false); return;
    case OperandRole::InFloat: expect_class(f, o, i, ValueClass::Float, false); return;
    case OperandRole::InDouble: expect_class(f, o, i, ValueClass::Double, false); return;
    case OperandRole::InLDouble: expect_class(f, o, i, ValueClass::LDouble, false); return;
    case OperandRole::Label:
      if (o.kind != OperandKind::Label)
        insn_error("operand %u of '%s' must be a label, not %s", i + 1, op_name(in.op), describe(f, o).c_str());
      return;
    case OperandRole::Var:
      if (o.kind != OperandKind::Var)
        insn_error("operand %u of '%s' must be a variable, not %s", i + 1, op_name(in.op), describe(f, o).c_str());
      return;
    case OperandRole::MemTemplate:
      if (o.kind != OperandKind::Mem || !is_scalar_type(o.type))
        insn_error("operand %u of '%s' must be a memory operand whose type names the argument (e.g. i64:0), not %s",
                   i + 1, op_name(in.op), describe(f, o).c_str());
      return;
    case OperandRole::VarOrMem:
      if (o.kind != OperandKind::Var && o.kind != OperandKind::Mem)
        insn_error("operand %u of '%s' must be a variable or memory, not %s", i + 1, op_name(in.op),
                   describe(f, o).c_str());
      return;
    case OperandRole::IntConst:
      if (o.kind != OperandKind::Int)
        insn_error("operand %u of '%s' must be an integer constant, not %s", i + 1, op_name(in.op),
                   describe(f, o).c_str());
      return;
  }
}

void Verifier::call(const Func& f, const Insn& in) {
  const char* name = op_name(in.op);
  if (in.nops < 2) {
    insn_error("'%s' needs a prototype and a callee", name);
    return;
  }
  const Operand& p = in.ops()[0];
  ItemId proto_id = p.kind == OperandKind::Item ? definition_of(ctx_, p.a) : kNone;
  if (proto_id == kNone || ctx_.item(proto_id).kind != ItemKind::Proto) {
    insn_error("operand 1 of '%s' must be a prototype, not %s", name, describe(f, p).c_str());
    return;
  }
  const Signature& sig = *ctx_.item(proto_id).proto;
  const Operand& callee = in.ops()[1];
  if (callee.kind == OperandKind::Item) {
    ItemId def = definition_of(ctx_, callee.a);
    ItemKind k = def == kNone ? ctx_.item(callee.a).kind : ctx_.item(def).kind;
    if (k != ItemKind::Func && k != ItemKind::Import && k != ItemKind::Forward && k != ItemKind::Export)
      insn_error("operand 2 of '%s' must be a function, an import or an address, not %s", name,
                 describe(f, callee).c_str());
  } else {
    expect_class(f, callee, 1, ValueClass::Int, false);
  }
  uint32_t nres = sig.nresults, nargs = in.nops - 2;
  if (nargs < nres + sig.nparams || (!sig.vararg && nargs != nres + sig.nparams)) {
    insn_error(
        "'%s' through prototype '%s' needs %u result%s and %s%u argument%s, but has %u operand%s after the callee",
        name, str(ctx_.item(proto_id).name).c_str(), nres, nres == 1 ? "" : "s", sig.vararg ? "at least " : "",
        sig.nparams, sig.nparams == 1 ? "" : "s", nargs, nargs == 1 ? "" : "s");
    return;
  }
  for (uint32_t r = 0; r < nres; r++) expect_class(f, in.ops()[2 + r], 2 + r, class_of(sig.results[r]), true);
  for (uint32_t a = 0; a < nargs - nres; a++) {
    uint32_t i = 2 + nres + a;
    const Operand& o = in.ops()[i];
    bool is_blk_arg = o.kind == OperandKind::Mem && is_blk_type(o.type);
    if (a < sig.nparams) {
      const Param& prm = sig.params[a];
      if (is_blk_type(prm.type)) {
        if (!is_blk_arg) {
          insn_error("argument %u of '%s' must be a block %s:%u(address), not %s", a + 1, name, type_name(prm.type),
                     prm.size, describe(f, o).c_str());
        } else if (o.type != prm.type || static_cast<uint64_t>(f.mem_ref(o).disp) != prm.size) {
          insn_error("argument %u of '%s' is %s:%lld but the prototype wants %s:%u", a + 1, name, type_name(o.type),
                     static_cast<long long>(f.mem_ref(o).disp), type_name(prm.type), prm.size);
        }
        continue;
      }
      if (is_blk_arg) {
        insn_error("argument %u of '%s' is a block but the prototype wants %s", a + 1, name, type_name(prm.type));
        continue;
      }
      expect_class(f, o, i, class_of(prm.type), false);
      continue;
    }
    // A variadic argument is passed by its own class.
    if (is_blk_arg) {
      if (o.type == Type::RBlk) insn_error("argument %u of '%s': rblk cannot be a variadic argument", a + 1, name);
      continue;
    }
    ValueClass c = class_of_operand(f, o);
    if (c == ValueClass::Float)
      insn_error("variadic argument %u of '%s' is a float; pass it as a double", a + 1, name);
    else if (c == ValueClass::None || c == ValueClass::Block)
      insn_error("variadic argument %u of '%s' cannot be %s", a + 1, name, describe(f, o).c_str());
    else if (o.kind == OperandKind::Item && ctx_.item(o.a).kind == ItemKind::Proto)
      insn_error("variadic argument %u of '%s': prototype '%s' is not a value", a + 1, name,
                 str(ctx_.item(o.a).name).c_str());
  }
}

void Verifier::overflow_branch(const Func& f, InsnId id, const Insn& in) {
  InsnId p = f.insn(id).prev;
  while (p != kNone && f.insn(p).op == Op::Mov && f.insn(p).nops == 2 && f.insn(p).ops()[1].kind == OperandKind::Var)
    p = f.insn(p).prev;
  if (p == kNone || !op_has(f.insn(p).op, kSetsOverflow)) {
    insn_error(
        "'%s' must follow an overflow instruction (addo, subo, mulo, umulo or their s forms); only moves from "
        "variables may come between",
        op_name(in.op));
    return;
  }
  Op setter = f.insn(p).op;
  bool reads_unsigned = in.op == Op::UBo || in.op == Op::UBno;
  if (reads_unsigned && op_has(setter, kSignedOverflowOnly))
    insn_error("'%s' reads the unsigned overflow flag, which '%s' does not set", op_name(in.op), op_name(setter));
  if (!reads_unsigned && op_has(setter, kUnsignedOverflowOnly))
    insn_error("'%s' reads the signed overflow flag, which '%s' does not set", op_name(in.op), op_name(setter));
}

void Verifier::insn(const Func& f, InsnId id) {
  const Insn& in = f.insn(id);
  if (static_cast<uint32_t>(in.op) >= kNumOps) {
    insn_error("invalid opcode %u", static_cast<unsigned>(in.op));
    return;
  }
  for (uint32_t i = 0; i < in.nops; i++)
    if (!operand_ids_valid(f, in.ops()[i], i)) return;
  const OpInfo& info = op_info(in.op);
  // Block memory operands are only call arguments.
  for (uint32_t i = 0; i < in.nops; i++) {
    const Operand& o = in.ops()[i];
    if (o.kind == OperandKind::Mem && is_blk_type(o.type) && !op_has(in.op, kCall))
      insn_error("operand %u of '%s': block memory (%s) is only allowed as a call argument", i + 1, op_name(in.op),
                 type_name(o.type));
    if (o.kind == OperandKind::Mem && o.type == Type::Undef &&
        !((in.op == Op::VaStart || in.op == Op::VaEnd) && i == 0) &&
        !((in.op == Op::VaArg || in.op == Op::VaBlockArg) && i == 1))
      insn_error("operand %u of '%s': undef memory may only name a va_list", i + 1, op_name(in.op));
  }
  if (!op_has(in.op, kVariadic)) {
    if (in.nops != info.nfixed) {
      insn_error("'%s' takes %u operand%s, not %u", info.name, info.nfixed, info.nfixed == 1 ? "" : "s", in.nops);
      return;
    }
    for (uint32_t i = 0; i < in.nops; i++) operand(f, in, i, info.roles[i]);
  }
  switch (in.op) {
    case Op::Call:
    case Op::Inline:
    case Op::JCall: call(f, in); break;
    case Op::Ret: {
      has_ret_ = true;
      const Signature& sig = f.sig();
      if (in.nops != sig.nresults) {
        insn_error("'ret' has %u operand%s but function '%s' returns %u value%s", in.nops, in.nops == 1 ? "" : "s",
                   str(f.name()).c_str(), sig.nresults, sig.nresults == 1 ? "" : "s");
        break;
      }
      for (uint32_t i = 0; i < in.nops; i++) expect_class(f, in.ops()[i], i, class_of(sig.results[i]), false);
      break;
    }
    case Op::Switch:
      if (in.nops < 2) {
        insn_error("'switch' needs an index and at least one label");
        break;
      }
      expect_class(f, in.ops()[0], 0, ValueClass::Int, false);
      for (uint32_t i = 1; i < in.nops; i++) operand(f, in, i, OperandRole::Label);
      break;
    case Op::JRet: has_jret_ = true; break;
    case Op::VaStart:
      if (!f.sig().vararg) insn_error("'va_start' in function '%s', which is not variadic", str(f.name()).c_str());
      break;
    case Op::Label:
      if (in.nops != 1 || in.ops()[0].kind != OperandKind::Label)
        insn_error("malformed label instruction");
      else if (f.label(in.ops()[0].a).def != id)
        insn_error("label '%s' is placed more than once", str(f.label(in.ops()[0].a).name).c_str());
      break;
    case Op::Bo:
    case Op::UBo:
    case Op::Bno:
    case Op::UBno: overflow_branch(f, id, in); break;
    default: break;
  }
  // Labels used by branches must be placed in this function.
  for (uint32_t i = 0; i < in.nops; i++) {
    const Operand& o = in.ops()[i];
    if (o.kind == OperandKind::Label && f.label(o.a).def == kNone)
      insn_error("label '%s' is used but never placed", str(f.label(o.a).name).c_str());
  }
}

void Verifier::signature(const Signature& sig, bool is_func, uint32_t loc, const char* what) {
  for (Type t : sig.result_types())
    if (!is_scalar_type(t)) error(loc, "%s: result type %s is not allowed", what, type_name(t));
  for (const Param& p : sig.param_list()) {
    if (static_cast<uint32_t>(p.type) >= kNumTypes || p.type == Type::Undef)
      error(loc, "%s: parameter '%s' has an invalid type", what, str(p.name).c_str());
    if (is_func && p.name == 0) error(loc, "%s: every parameter needs a name", what);
  }
  if (is_func && sig.vararg && sig.nparams == 0)
    error(loc, "%s: a vararg function needs at least one fixed argument", what);
}

void Verifier::vars(const Func& f) {
  IdMap seen;
  for (VarId v = 0; v < f.num_vars(); v++) {
    const Var& var = f.var(v);
    if (var.name != 0) {
      if (seen.get(var.name) != IdMap::kMissing)
        error(var.loc, "redefinition of variable '%s' in function '%s'", str(var.name).c_str(), str(f.name()).c_str());
      seen.set(var.name, v);
    }
    if (v < f.sig().nparams) continue;
    if (var.type != Type::I64 && var.type != Type::F && var.type != Type::D && var.type != Type::LD)
      error(var.loc, "variable '%s' must have type i64, f, d or ld, not %s", str(var.name).c_str(),
            type_name(var.type));
    if (var.is_global && opts_.hard_reg_fits && !opts_.hard_reg_fits(ctx_.name(var.hard_reg), var.type))
      error(var.loc, "'%s' is not a register that can hold global %s variable '%s'", str(var.hard_reg).c_str(),
            type_name(var.type), str(var.name).c_str());
  }
}

void Verifier::func(const Func& f) {
  cur_func_ = &f;
  cur_insn_ = kNone;
  has_ret_ = has_jret_ = false;
  std::string what = "function '" + str(f.name()) + "'";
  signature(f.sig(), true, ctx_.item(f.item()).loc, what.c_str());
  vars(f);
  cur_index_ = 0;
  for (InsnId id = f.first(); id != kNone && !diags_.at_limit(); id = f.insn(id).next) {
    cur_insn_ = id;
    insn(f, id);
    cur_index_++;
  }
  cur_insn_ = kNone;
  if (has_jret_ && has_ret_) error(ctx_.item(f.item()).loc, "%s uses both 'ret' and 'jret'", what.c_str());
  if (has_jret_ && f.sig().nresults)
    error(ctx_.item(f.item()).loc, "%s uses 'jret' and so cannot have results", what.c_str());
  cur_func_ = nullptr;
}

void Verifier::module() {
  IdMap defined;
  for (ItemId id : mod_.items) {
    if (diags_.at_limit()) return;
    const Item& it = ctx_.item(id);
    bool is_definition = it.kind != ItemKind::Export && it.kind != ItemKind::Forward && it.kind != ItemKind::Undeclared;
    if (is_definition && it.name) {
      if (defined.get(it.name) != IdMap::kMissing)
        error(it.loc, "redefinition of '%s' in module '%s'", str(it.name).c_str(), str(mod_.name).c_str());
      defined.set(it.name, id);
    }
    if (it.weak && it.kind != ItemKind::Import && it.kind != ItemKind::Export)
      error(it.loc, "only an import or an export can be weak ('%s' is a %s)", str(it.name).c_str(),
            item_kind_name(it.kind));
    switch (it.kind) {
      case ItemKind::Func: func(*it.func); break;
      case ItemKind::Proto: {
        std::string what = "prototype '" + str(it.name) + "'";
        signature(*it.proto, false, it.loc, what.c_str());
        break;
      }
      case ItemKind::Import: break;
      case ItemKind::Export:
      case ItemKind::Forward:
        if (definition_of(ctx_, id) == kNone)
          error(it.loc, "%s of undefined item '%s'", item_kind_name(it.kind), str(it.name).c_str());
        break;
      case ItemKind::Undeclared: error(it.loc, "undeclared name '%s'", str(it.name).c_str()); break;
      case ItemKind::Alias: {
        ItemId t = definition_of(ctx_, id);
        if (t == kNone || ctx_.item(t).module != &mod_ || ctx_.item(t).kind == ItemKind::Import ||
            ctx_.item(t).kind == ItemKind::Proto)
          error(it.loc, "alias '%s' names no function or data defined in this module", str(it.name).c_str());
        break;
      }
      case ItemKind::Data:
        if (!is_scalar_type(it.data.type)) error(it.loc, "data of type %s is not allowed", type_name(it.data.type));
        break;
      case ItemKind::Bss: break;
      case ItemKind::Ref: {
        ItemId t = definition_of(ctx_, it.ref.target);
        if (t == kNone)
          error(it.loc, "ref to undefined item '%s'",
                it.ref.target < ctx_.num_items() ? str(ctx_.item(it.ref.target).name).c_str() : "?");
        else if (ctx_.item(t).kind == ItemKind::Proto)
          error(it.loc, "ref to prototype '%s', which has no address", str(ctx_.item(t).name).c_str());
        break;
      }
      case ItemKind::Lref: {
        const LrefPayload& lr = it.lref;
        ItemId fn = lr.func == kNone ? kNone : definition_of(ctx_, lr.func);
        if (fn == kNone || ctx_.item(fn).kind != ItemKind::Func) {
          error(it.loc, "lref label '%s' is not placed by exactly one function of this module",
                str(lr.label_name).c_str());
          break;
        }
        const Func& f = *ctx_.item(fn).func;
        if (lr.label >= f.num_labels() || f.label(lr.label).def == kNone)
          error(it.loc, "lref label '%s' is not placed in function '%s'", str(lr.label_name).c_str(),
                str(f.name()).c_str());
        else if (lr.label2_name != 0 &&
                 (lr.label2 == kNone || lr.label2 >= f.num_labels() || f.label(lr.label2).def == kNone))
          error(it.loc, "lref label '%s' is not placed in function '%s', which places '%s'",
                str(lr.label2_name).c_str(), str(f.name()).c_str(), str(lr.label_name).c_str());
        break;
      }
      case ItemKind::Expr: {
        ItemId fn = definition_of(ctx_, it.expr_func);
        if (fn == kNone || ctx_.item(fn).kind != ItemKind::Func) {
          error(it.loc, "expr needs a function of this module");
          break;
        }
        const Func& f = *ctx_.item(fn).func;
        if (f.sig().nparams != 0 || f.sig().nresults != 1 || f.sig().vararg)
          error(it.loc, "expr function '%s' must take no arguments and return exactly one value",
                str(f.name()).c_str());
        for (InsnId i = f.first(); i != kNone; i = f.insn(i).next) {
          const Insn& in = f.insn(i);
          bool uses_mem = false;
          for (uint32_t k = 0; k < in.nops; k++) uses_mem |= in.ops()[k].kind == OperandKind::Mem;
          if (op_has(in.op, kCall) || uses_mem) {
            error(it.loc, "expr function '%s' may contain no calls and no memory operands", str(f.name()).c_str());
            break;
          }
        }
        break;
      }
    }
  }
  for (const std::vector<StartupFunc>* list : {&mod_.inits, &mod_.finis})
    for (const StartupFunc& sf : *list) {
      const char* what = list == &mod_.inits ? "init" : "fini";
      ItemId fn = definition_of(ctx_, sf.func);
      if (fn == kNone || ctx_.item(fn).kind != ItemKind::Func || ctx_.item(fn).module != &mod_)
        error(sf.loc, "%s needs a function of this module", what);
      else if (ctx_.item(fn).func->sig().nparams != 0)
        error(sf.loc, "%s function '%s' must take no arguments", what, str(ctx_.item(fn).name).c_str());
      if (sf.priority > kDefaultStartupPriority) error(sf.loc, "%s priority %u is above 65535", what, sf.priority);
    }
}

}  // namespace

bool verify_module(const Context& ctx, const Module& m, Diagnostics& diags, const VerifyOptions& opts) {
  size_t before = diags.error_count();
  Verifier v(ctx, m, diags, opts);
  v.module();
  return diags.error_count() == before;
}

bool verify_func(const Context& ctx, const Func& f, Diagnostics& diags, const VerifyOptions& opts) {
  size_t before = diags.error_count();
  Verifier v(ctx, f.module(), diags, opts);
  v.func(f);
  return diags.error_count() == before;
}

}  // namespace kite

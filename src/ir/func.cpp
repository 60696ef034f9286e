// Func: the per-function tables and the instruction buffer (one realloc'd block of 4-byte
// words; an InsnId is a word offset, so ids survive growth while pointers do not).
#include <cstdlib>

#include "kite/ir.h"

namespace kite {

Func::Func(Context& ctx, Module& module, ItemId item, const Signature* sig)
    : ctx_(&ctx), module_(&module), item_(item), sig_(sig) {
  uint32_t loc = ctx.item(item).loc;  // parameters are located at their function's header
  for (const Param& p : sig->param_list()) {
    Type t = is_int_type(p.type) || is_blk_type(p.type) ? Type::I64 : p.type;
    vars_.push_back(Var{p.name, t, 0, 0, loc, kNone});
  }
}

Func::~Func() { free(code_); }

NameId Func::name() const { return ctx_->item(item_).name; }

VarId Func::new_var(NameId name, Type type, uint32_t loc) {
  vars_.push_back(Var{name, type, 0, 0, loc, last_});
  return static_cast<VarId>(vars_.size() - 1);
}

VarId Func::new_global(NameId name, Type type, NameId hard_reg, uint32_t loc) {
  vars_.push_back(Var{name, type, 1, hard_reg, loc, last_});
  return static_cast<VarId>(vars_.size() - 1);
}

VarId Func::new_var(std::string_view name, Type type) { return new_var(ctx_->intern(name), type); }

VarId Func::find_var(NameId name) const {
  for (VarId v = 0; v < vars_.size(); v++)
    if (vars_[v].name == name) return v;
  return kNone;
}

LabelId Func::new_label(NameId name, uint32_t loc) {
  labels_.push_back(Label{name, kNone, loc});
  return static_cast<LabelId>(labels_.size() - 1);
}

LabelId Func::new_label(std::string_view name) { return new_label(ctx_->intern(name)); }

void Func::set_label_def(LabelId l, InsnId def, uint32_t loc) {
  labels_[l].def = def;
  if (loc) labels_[l].loc = loc;
}

Operand Func::mem(Type t, int64_t disp, VarId base, VarId index, uint8_t scale, NameId alias, NameId nonalias) {
  mems_.push_back(MemRef{disp, base, index, alias, nonalias});
  return Operand::mem_ref(t, static_cast<uint32_t>(mems_.size() - 1), scale);
}

InsnId Func::alloc_insn(Op op, std::span<const Operand> ops, uint32_t loc) {
  KITE_ASSERT(ops.size() <= UINT16_MAX, "too many operands");
  uint32_t words = static_cast<uint32_t>((sizeof(Insn) + ops.size() * sizeof(Operand)) / 4);
  if (code_size_ + words > code_cap_) {
    uint64_t cap = code_cap_ ? code_cap_ * 2ull : 64;
    while (cap < code_size_ + words) cap *= 2;
    KITE_ASSERT(cap < UINT32_MAX, "function too large");
    void* p = realloc(code_, cap * 4);
    KITE_ASSERT(p != nullptr, "out of memory");
    code_ = static_cast<uint32_t*>(p);
    code_cap_ = static_cast<uint32_t>(cap);
  }
  InsnId id = code_size_;
  code_size_ += words;
  Insn* in = new (code_ + id) Insn{kNone, kNone, op, static_cast<uint16_t>(ops.size()), loc};
  if (!ops.empty()) memcpy(static_cast<void*>(in->ops()), ops.data(), ops.size() * sizeof(Operand));
  ninsns_++;
  return id;
}

InsnId Func::append(Op op, std::span<const Operand> ops, uint32_t loc) {
  InsnId id = alloc_insn(op, ops, loc);
  insn(id).prev = last_;
  if (last_ != kNone)
    insn(last_).next = id;
  else
    first_ = id;
  last_ = id;
  return id;
}

InsnId Func::append_label(LabelId l, uint32_t loc) {
  Operand o = Operand::label(l);
  InsnId id = append(Op::Label, std::span(&o, 1), loc);
  set_label_def(l, id, loc);
  return id;
}

InsnId Func::insert_before(InsnId pos, Op op, std::span<const Operand> ops) {
  if (pos == kNone) return append(op, ops);
  InsnId id = alloc_insn(op, ops, 0);
  InsnId prev = insn(pos).prev;
  insn(id).next = pos;
  insn(id).prev = prev;
  insn(pos).prev = id;
  if (prev != kNone)
    insn(prev).next = id;
  else
    first_ = id;
  return id;
}

InsnId Func::insert_after(InsnId pos, Op op, std::span<const Operand> ops) {
  InsnId next = pos == kNone ? first_ : insn(pos).next;
  if (next == kNone) return append(op, ops);
  return insert_before(next, op, ops);
}

void Func::remove(InsnId id) {
  Insn& in = insn(id);
  if (in.prev != kNone)
    insn(in.prev).next = in.next;
  else
    first_ = in.next;
  if (in.next != kNone)
    insn(in.next).prev = in.prev;
  else
    last_ = in.prev;
  in.next = in.prev = kNone;
  ninsns_--;
}

void Func::shrink_to_fit() {
  if (code_cap_ > code_size_ && code_size_) {
    void* p = realloc(code_, code_size_ * 4ull);
    if (p) {
      code_ = static_cast<uint32_t*>(p);
      code_cap_ = code_size_;
    }
  }
  vars_.shrink_to_fit();
  labels_.shrink_to_fit();
  mems_.shrink_to_fit();
}

size_t Func::bytes_reserved() const {
  return sizeof(Func) + code_cap_ * 4ull + vars_.capacity() * sizeof(Var) + labels_.capacity() * sizeof(Label) +
         mems_.capacity() * sizeof(MemRef);
}

}  // namespace kite

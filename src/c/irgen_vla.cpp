// Variable length arrays (C11 6.7.6.2p4-5) in IR generation. A VLA type's element count is an
// expression; its byte size is that count times its element's size (itself computed when the
// element is a VLA). A declaration evaluates the sizes of its declarator's VLAs once, in
// order, innermost first, into variables that later uses (sizeof, indexing, pointer
// arithmetic) read; a type name (sizeof(int[n]), a cast) evaluates them where it is.
//
// A VLA object is an `alloca` whose address lives in the local's variable (like a struct
// parameter's, `by_ref`). Its storage lasts until its scope ends (6.2.4p7), which matters
// when a loop or a backward goto reaches the declaration again: the object's scope records
// the stack pointer before the alloca (`bstart`), and every way out of the scope restores it
// (`bend`): the block's end, break and continue, and a goto to a label outside the scope
// (found by a walk over the function before generating it, only in functions with VLA
// objects). A goto into such a scope is an error, as in gcc. Cost: linear in the function's
// statements, plus the scope depth at each jump out.
//
// GNU cleanup variables (`int x __attribute__((cleanup(f)))`) have scopes in the same tree:
// every way out of one (those above, and `return`, after its value is computed) calls f(&x),
// innermost first, before the VLA storage is released. A goto into such a scope is allowed,
// as gcc allows it (the cleanup then runs at the scope's end all the same).
#include <algorithm>

#include "irgen.h"

namespace kite::c {

Operand IrGen::type_size(const CType* t) {
  t = t->unqual;
  if (!t->vm) return Operand::int64(static_cast<int64_t>(is_void(t) || is_func(t) ? 1 : t->size));
  if (t->vla_len && t->vla_declared && vla_size_var_[t->vla_id] != kNone)
    return Operand::var(vla_size_var_[t->vla_id]);
  Operand elem = type_size(t->base);
  Operand count = t->vla_len ? rv(t->vla_len) : Operand::int64(t->length);
  VarId r = temp(Type::I64);
  emit(Op::Mul, {Operand::var(r), count, elem});
  return Operand::var(r);
}

void IrGen::scan_vla_scopes(const Stmt* body) {
  vla_decl_scopes_.clear();
  label_vla_scopes_.clear();
  scan_vla_scope(body, 0);
  std::sort(label_vla_scopes_.begin(), label_vla_scopes_.end());
  std::sort(vla_decl_scopes_.begin(), vla_decl_scopes_.end());  // looked up by statement
}

// Returns the scope after s (a declaration opens one for the statements after it).
uint32_t IrGen::scan_vla_scope(const Stmt* s, uint32_t cur) {
  if (!s) return cur;
  switch (s->kind) {
    case StmtKind::Decl: {
      bool vla = is_vla_object_decl(s);
      if (!vla && !has_cleanup(s)) return cur;
      VarId sp = vla ? f_->new_var(ctx_.intern(".sp" + std::to_string(vla_scopes_.size())), Type::I64, loc_) : kNone;
      vla_scopes_.push_back({sp, cur, vla_scopes_[cur].depth + 1, has_cleanup(s) ? s->sym->cleanup : nullptr});
      vla_decl_scopes_.push_back({s, static_cast<uint32_t>(vla_scopes_.size() - 1)});
      return static_cast<uint32_t>(vla_scopes_.size() - 1);
    }
    case StmtKind::Block: {
      uint32_t c = cur;
      for (uint32_t i = 0; i < s->n; i++) c = scan_vla_scope(s->list[i], c);
      return cur;
    }
    case StmtKind::If:
      scan_vla_scope(s->body, cur);
      scan_vla_scope(s->els, cur);
      return cur;
    case StmtKind::For: {  // declarations in the first clause are in scope until the for ends
      uint32_t c = cur;
      if (s->init && s->init->kind == StmtKind::Block)
        for (uint32_t i = 0; i < s->init->n; i++) c = scan_vla_scope(s->init->list[i], c);
      else
        c = scan_vla_scope(s->init, cur);
      scan_vla_scope(s->body, c);
      return cur;
    }
    case StmtKind::While:
    case StmtKind::DoWhile:
    case StmtKind::Switch: scan_vla_scope(s->body, cur); return cur;
    case StmtKind::Label: label_vla_scopes_.push_back({s->label, cur}); return scan_vla_scope(s->body, cur);
    case StmtKind::Case:
    case StmtKind::Default: return scan_vla_scope(s->body, cur);
    default: return cur;
  }
}

void IrGen::gen_vla_decl(const Stmt* s) {
  for (uint32_t i = 0; i < s->nvlas; i++) {
    const CType* t = s->vlas[i];
    vla_size_var_[t->vla_id] = kNone;  // computed anew each time the declaration is reached
    Operand size = type_size(t);
    VarId v = f_->new_var(ctx_.intern(".vla" + std::to_string(t->vla_id)), Type::I64, loc_);
    emit(Op::Mov, {Operand::var(v), size});
    vla_size_var_[t->vla_id] = v;
  }
  bool vla = is_vla_object_decl(s);
  if (!vla && !has_cleanup(s)) return;
  Symbol* sym = s->sym;
  // A declaration the scan did not reach (inside a statement expression) gets no scope of its
  // own: its storage then lasts until the enclosing scope's ends. A cleanup variable there
  // gets one now (a goto out of the statement expression then skips its cleanup).
  auto it = std::lower_bound(vla_decl_scopes_.begin(), vla_decl_scopes_.end(), std::pair<const Stmt*, uint32_t>{s, 0});
  if (it != vla_decl_scopes_.end() && it->first == s) {
    vla_cur_ = it->second;
    if (vla) emit(Op::BStart, {Operand::var(vla_scopes_[vla_cur_].sp)});
  } else if (!vla) {
    vla_scopes_.push_back({kNone, vla_cur_, vla_scopes_[vla_cur_].depth + 1, sym->cleanup});
    vla_cur_ = static_cast<uint32_t>(vla_scopes_.size() - 1);
  }
  if (!vla) return;
  Operand size = type_size(sym->type);
  int64_t a = sym->type->align;
  VarId n = temp(Type::I64);
  emit(Op::Add, {Operand::var(n), size, Operand::int64(a > 16 ? a : 0)});
  emit(Op::Alloca, {Operand::var(sym->ir_id), Operand::var(n)});
  if (a > 16) {  // alloca gives the ABI's 16; round up for _Alignas and aligned(N)
    emit(Op::Add, {Operand::var(sym->ir_id), Operand::var(sym->ir_id), Operand::int64(a - 1)});
    emit(Op::And, {Operand::var(sym->ir_id), Operand::var(sym->ir_id), Operand::int64(-a)});
  }
}

void IrGen::release_vlas_to(uint32_t scope, bool release_stack) {
  uint32_t outermost_vla = kNone;
  for (uint32_t s = vla_cur_; s != scope && s != 0; s = vla_scopes_[s].parent) {
    if (vla_scopes_[s].cleanup) effect(vla_scopes_[s].cleanup);
    if (vla_scopes_[s].sp != kNone) outermost_vla = s;
  }
  if (release_stack && outermost_vla != kNone) emit(Op::BEnd, {Operand::var(vla_scopes_[outermost_vla].sp)});
}

void IrGen::goto_vla_scope(NameId label, SourceLoc loc) {
  auto it = std::lower_bound(label_vla_scopes_.begin(), label_vla_scopes_.end(), std::pair<NameId, uint32_t>{label, 0});
  if (it == label_vla_scopes_.end() || it->first != label) return;  // an undeclared label: reported later
  uint32_t a = vla_cur_, b = it->second;
  while (vla_scopes_[a].depth > vla_scopes_[b].depth) a = vla_scopes_[a].parent;
  while (vla_scopes_[b].depth > vla_scopes_[a].depth) b = vla_scopes_[b].parent;
  while (a != b) a = vla_scopes_[a].parent, b = vla_scopes_[b].parent;
  if (a != it->second) {
    std::string_view n = ctx_.name(label);
    error(loc, "jump into the scope of an identifier with variably modified type (label '%.*s')",
          static_cast<int>(n.size()), n.data());
    return;
  }
  release_vlas_to(a);
}

}  // namespace kite::c

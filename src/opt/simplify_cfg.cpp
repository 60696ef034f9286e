// simplify-cfg: removes instructions that cannot run (after an unconditional jmp, ret, jret
// or jmpi, up to the next label), jumps to the very next instruction, and conditional
// branches on constants (bt/bf with an immediate become a jmp or vanish). O(insns).
#include "opt/pass.h"

namespace kite {
namespace {

bool is_barrier(Op op) { return op == Op::Jmp || op == Op::Ret || op == Op::JRet || op == Op::JmpI; }

// The label the next real instruction after `id` carries, if `target` is among them.
bool falls_into(const Func& f, InsnId id, LabelId target) {
  for (InsnId n = f.insn(id).next; n != kNone && f.insn(n).op == Op::Label; n = f.insn(n).next)
    if (f.insn(n).ops()[0].a == target) return true;
  return false;
}

}  // namespace

bool run_simplify_cfg(Func& f, PassContext&) {
  bool changed = false;
  for (InsnId id = f.first(); id != kNone;) {
    Insn& in = f.insn(id);
    InsnId next = in.next;
    // Conditional branches on an immediate.
    if ((in.op == Op::Bt || in.op == Op::Bf) && in.ops()[1].kind == OperandKind::Int) {
      bool taken = (in.ops()[1].int_value() != 0) == (in.op == Op::Bt);
      InsnId jmp = kNone;
      if (taken) {
        Operand l = in.ops()[0];
        jmp = f.insert_before(id, Op::Jmp, std::span(&l, 1));
      }
      f.remove(id);
      changed = true;
      id = jmp != kNone ? jmp : next;  // the new jmp is simplified in turn
      continue;
    }
    if (is_barrier(in.op)) {
      // Everything up to the next label is unreachable.
      while (next != kNone && f.insn(next).op != Op::Label) {
        InsnId dead = next;
        next = f.insn(next).next;
        f.remove(dead);
        changed = true;
      }
    }
    if (f.insn(id).op == Op::Jmp && falls_into(f, id, f.insn(id).ops()[0].a)) {
      f.remove(id);
      changed = true;
    }
    id = next;
  }
  return changed;
}

}  // namespace kite

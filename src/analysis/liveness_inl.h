// for_each_var_access: which variables an instruction reads and writes (see liveness.h).
#pragma once

namespace kite {

template <typename Visit>
void for_each_var_access(const Func& f, const Insn& in, Visit&& visit) {
  const OpInfo& info = op_info(in.op);
  uint32_t nres = 0;
  bool is_call = op_has(in.op, kCall);
  if (is_call && in.nops >= 1 && in.ops()[0].kind == OperandKind::Item) {
    const Context& ctx = f.context();
    ItemId p = in.ops()[0].a;
    if (ctx.item(p).kind != ItemKind::Proto && ctx.item(p).resolved != kNone) p = ctx.item(p).resolved;
    if (ctx.item(p).kind == ItemKind::Proto) nres = ctx.item(p).proto->nresults;
  }
  for (uint32_t k = 0; k < in.nops; k++) {
    const Operand& o = in.ops()[k];
    if (o.kind == OperandKind::Mem) {
      const MemRef& m = f.mem_ref(o);
      if (m.base != kNone) visit(m.base, false);
      if (m.index != kNone) visit(m.index, false);
      continue;
    }
    if (o.kind != OperandKind::Var) continue;
    bool write = is_call ? (k >= 2 && k < 2 + nres)
                         : (!op_has(in.op, kVariadic) && k < info.nfixed && role_is_output(info.roles[k]));
    visit(o.a, write);
  }
}

}  // namespace kite

// IR for the GNU expression forms: statement expressions and the labels of labels as values
// that static initializers refer to (computed goto itself is `laddr` and `jmpi`, in
// irgen_expr.cpp and irgen.cpp).
#include "irgen.h"

namespace kite::c {

// ({ ... }): the block's locals get their places here (collect_locals does not look inside
// expressions), the block runs, then the value expression, if any.
Operand IrGen::stmt_expr(const Expr* e) {
  size_t first = locals_.size();
  collect_locals(e->body);
  for (size_t i = first; i < locals_.size(); i++) place_local(locals_[i]);
  gen_stmt(e->body);
  if (!e->a) return Operand::int64(0);
  set_loc(e->loc);
  return rv(e->a);
}

// A static initializer is emitted before the functions' bodies, so the labels its `lref`
// items name are made in their function now, and gen_func hands them to user_label(). Their
// IR name is `function.label`: an `lref` in text names a label of the module, so it must be
// unique there (a C name cannot contain the dot).
LabelId IrGen::static_label(const Expr* label_addr) {
  ItemId func = label_addr->sym->ir_id;
  for (const StaticLabel& l : static_labels_)
    if (l.func == func && l.name == label_addr->label) return l.label;
  Func* f = ctx_.item(func).func;
  std::string name = std::string(ctx_.name(ctx_.item(func).name)) + "." + std::string(ctx_.name(label_addr->label));
  LabelId l = f->new_label(ctx_.intern(name), ir_loc(label_addr->loc));
  static_labels_.push_back({func, label_addr->label, l, label_addr->loc});
  return l;
}

}  // namespace kite::c

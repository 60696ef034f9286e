// plus10 from the project's origins, built through the C++ API: a function that takes an
// i32, adds 6 and then 4, and returns the result. Verifies it, prints its text, checks that
// the text reads back, then links it and calls it as a native function pointer.
#include <cstdio>

#include "kite/kite.h"
#include "kite/runtime.h"

int main() {
  using namespace kite;
  Context ctx;
  Module* m = ctx.new_module("m_plus10");
  Func* f = ctx.new_func(*m, "plus10", {Type::I32}, {{Type::I32, "x"}});
  FuncBuilder b(*f);
  VarId r = b.local("r");
  b.emit(Op::Add, {var(r), var(b.param(0)), imm(6)});
  b.emit(Op::Add, {var(r), var(r), imm(4)});
  b.emit(Op::Ret, {var(r)});

  Diagnostics diags;
  if (!verify_module(ctx, *m, diags)) {
    for (const Diagnostic& d : diags.list()) fprintf(stderr, "%s\n", Diagnostics::format(d).c_str());
    return 1;
  }
  // The text reads back to the same module.
  std::string text = print_module(ctx, *m);
  Context again;
  std::vector<Module*> mods;
  if (!parse_text(again, text, "plus10.mir", diags, &mods) || print_module(again, *mods[0]) != text) {
    fprintf(stderr, "plus10: the printed text does not read back\n");
    return 1;
  }
  fputs(text.c_str(), stdout);

  std::unique_ptr<Runtime> rt = make_interpreter_runtime(ctx);
  if (!rt->load(*m, diags) || !rt->link(diags)) return 1;
  auto plus10 = rt->function<int(int)>("plus10");
  int result = plus10(32);
  printf("plus10(32) = %d\n", result);
  return result == 42 ? 0 : 1;
}

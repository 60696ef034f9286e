// The sieve of Eratosthenes (the classic benchmark: 819,000 flags, N iterations), built
// through the C++ API. Verifies it, prints its text, checks the text reads back, then runs it
// in the interpreter.
#include <cstdio>

#include "kite/kite.h"
#include "kite/runtime.h"

int main() {
  using namespace kite;
  constexpr int64_t kSize = 819000;
  Context ctx;
  Module* m = ctx.new_module("m_sieve");
  Func* f = ctx.new_func(*m, "sieve", {Type::I32}, {{Type::I32, "N"}});
  FuncBuilder b(*f);
  VarId n = b.param(0);
  VarId iter = b.local("iter"), count = b.local("count"), i = b.local("i"), k = b.local("k");
  VarId prime = b.local("prime"), temp = b.local("temp"), flags = b.local("flags");
  LabelId loop = b.label("loop"), fin = b.label("fin");
  LabelId fill = b.label("fill"), filled = b.label("filled");
  LabelId scan = b.label("scan"), scanned = b.label("scanned"), next = b.label("next");
  LabelId strike = b.label("strike"), struck = b.label("struck");

  b.emit(Op::Alloca, {var(flags), imm(kSize)});
  b.emit(Op::Mov, {var(iter), imm(0)});
  b.place(loop);
  b.emit(Op::Bge, {lab(fin), var(iter), var(n)});
  b.emit(Op::Mov, {var(count), imm(0)});
  b.emit(Op::Mov, {var(i), imm(0)});
  b.place(fill);  // flags[i] = 1 for every i
  b.emit(Op::Bge, {lab(filled), var(i), imm(kSize)});
  b.emit(Op::Mov, {b.mem(Type::U8, 0, flags, i), imm(1)});
  b.emit(Op::Add, {var(i), var(i), imm(1)});
  b.emit(Op::Jmp, {lab(fill)});
  b.place(filled);
  b.emit(Op::Mov, {var(i), imm(0)});
  b.place(scan);
  b.emit(Op::Bge, {lab(scanned), var(i), imm(kSize)});
  b.emit(Op::Beq, {lab(next), b.mem(Type::U8, 0, flags, i), imm(0)});
  b.emit(Op::Add, {var(temp), var(i), var(i)});
  b.emit(Op::Add, {var(prime), var(temp), imm(3)});
  b.emit(Op::Add, {var(k), var(i), var(prime)});
  b.place(strike);  // clear every multiple of prime
  b.emit(Op::Bge, {lab(struck), var(k), imm(kSize)});
  b.emit(Op::Mov, {b.mem(Type::U8, 0, flags, k), imm(0)});
  b.emit(Op::Add, {var(k), var(k), var(prime)});
  b.emit(Op::Jmp, {lab(strike)});
  b.place(struck);
  b.emit(Op::Add, {var(count), var(count), imm(1)});
  b.place(next);
  b.emit(Op::Add, {var(i), var(i), imm(1)});
  b.emit(Op::Jmp, {lab(scan)});
  b.place(scanned);
  b.emit(Op::Add, {var(iter), var(iter), imm(1)});
  b.emit(Op::Jmp, {lab(loop)});
  b.place(fin);
  b.emit(Op::Ret, {var(count)});

  Diagnostics diags;
  if (!verify_module(ctx, *m, diags)) {
    for (const Diagnostic& d : diags.list()) fprintf(stderr, "%s\n", Diagnostics::format(d).c_str());
    return 1;
  }
  std::string text = print_module(ctx, *m);
  Context again;
  std::vector<Module*> mods;
  if (!parse_text(again, text, "sieve.mir", diags, &mods) || print_module(again, *mods[0]) != text) {
    fprintf(stderr, "sieve: the printed text does not read back\n");
    return 1;
  }
  fputs(text.c_str(), stdout);

  std::unique_ptr<Runtime> rt = make_interpreter_runtime(ctx);
  if (!rt->load(*m, diags) || !rt->link(diags)) return 1;
  auto sieve = rt->function<int(int)>("sieve");
  int primes = sieve(1);
  printf("# sieve(1) = %d odd primes up to 1,638,001\n", primes);
  return primes == 123814 ? 0 : 1;
}

// Code generation speed: the sieve function compiled repeatedly at -O0 and -O1 (time per
// function and per IR instruction); generated functions of 1,000 to 100,000 instructions
// (64 variables, a forward branch every four instructions) at -O1, to show how the time per
// instruction holds up with size; start-up: context creation, reading the sieve, linking
// with the eager JIT, one call, and destruction; and, for scale, `gcc -O2 -c` of the same
// function written in C (a whole compiler process, as a C-to-machine-code step is).
// Usage: bench_codegen               wall-clock figures
//        bench_codegen --compile-once / --startup-once / --compile-big
//            one compile (of sieve at -O1, or of the 12,565-instruction function) or one
//            start-up, for valgrind --tool=callgrind --toggle-collect=kite_bench_compile_once ...
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "jit/code_memory.h"
#include "bench_util.h"
#include "kite/kite.h"
#include "kite/runtime.h"
#include "target/target.h"

using Clock = std::chrono::steady_clock;

namespace {

const std::string kSieve = sieve_text();

struct NoLinkEnv : kite::CompileEnv {
  void* item_address(kite::ItemId) override { return nullptr; }
  void* string_address(std::string_view) override { return nullptr; }
  void* const* entry_slot(kite::ItemId) override { return nullptr; }
};

kite::CallShape shape_of(const kite::Func& f) {
  kite::CallShape s;
  for (const kite::Param& p : f.sig().param_list()) s.args.push_back({p.type, p.size});
  s.results.assign(f.sig().results, f.sig().results + f.sig().nresults);
  s.nfixed = f.sig().nparams;
  return s;
}

// A function of about 4 * blocks instructions over 64 variables: arithmetic and a forward
// branch per block.
std::string big_function(int blocks) {
  const int kVars = 64;
  std::string s = "m: module\nbig: func i64, i64:n\n  local i64:v0";
  for (int v = 1; v < kVars; v++) s += ", i64:v" + std::to_string(v);
  s += "\n";
  for (int v = 0; v < kVars; v++) s += "  mov v" + std::to_string(v) + ", " + std::to_string(v) + "\n";
  uint32_t x = 12345;
  auto var = [&] {
    x = x * 1103515245u + 12345u;
    return "v" + std::to_string((x >> 16) % kVars);
  };
  for (int b = 0; b < blocks; b++) {
    std::string next = "L" + std::to_string(b + 1);
    s += "  add " + var() + ", " + var() + ", " + var() + "\n";
    s += "  mul " + var() + ", " + var() + ", 3\n";
    s += "  bgt " + next + ", " + var() + ", n\n";
    s += "  sub " + var() + ", " + var() + ", 1\n";
    s += next + ":\n";
  }
  s += "  ret v0\n  endfunc\nendmodule\n";
  return s;
}

const char kSieveC[] =
    "long sieve(long n) {\n"
    "  static char flags[819000];\n"
    "  long count = 0;\n"
    "  for (long iter = 0; iter < n; iter++) {\n"
    "    count = 0;\n"
    "    for (long i = 0; i < 819000; i++) flags[i] = 1;\n"
    "    for (long i = 0; i < 819000; i++)\n"
    "      if (flags[i]) {\n"
    "        long prime = i + i + 3;\n"
    "        for (long k = i + prime; k < 819000; k += prime) flags[k] = 0;\n"
    "        count++;\n"
    "      }\n"
    "  }\n"
    "  return count;\n"
    "}\n";

// Best of five `gcc -O2 -c` runs over the C sieve, in seconds; negative when gcc fails.
double gcc_compile_seconds() {
  char path[] = "/tmp/kite_bench_sieveXXXXXX.c";
  int fd = mkstemps(path, 2);
  if (fd < 0) return -1;
  if (write(fd, kSieveC, sizeof kSieveC - 1) != static_cast<ssize_t>(sizeof kSieveC - 1)) return -1;
  close(fd);
  std::string cmd = std::string("gcc -O2 -c -o ") + path + ".o " + path;
  double best = 1e30;
  for (int r = 0; r < 5; r++) {
    auto t0 = Clock::now();
    if (std::system(cmd.c_str()) != 0) best = -1e30;
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  unlink(path);
  unlink((std::string(path) + ".o").c_str());
  return best;
}

}  // namespace

extern "C" __attribute__((noinline)) bool kite_bench_compile_once(const kite::Func& f, const kite::CallShape& shape,
                                                                 int level, kite::CodeMemory& mem) {
  NoLinkEnv env;
  kite::CompiledFunc out;
  std::string why;
  return kite::host_target().compile(f, shape, level, env, mem, &out, &why);
}

extern "C" __attribute__((noinline)) long kite_bench_startup_once() {
  kite::Context ctx;
  kite::Diagnostics diags;
  std::vector<kite::Module*> mods;
  kite::check_text(ctx, kSieve, "sieve.mir", diags, &mods);
  auto rt = kite::make_jit_runtime(ctx, kite::jit_options(false, 1));
  rt->load(*mods[0], diags);
  rt->link(diags);
  return rt->function<long(long)>("sieve")(0);
}

int main(int argc, char** argv) {
  kite::Context ctx;
  kite::Diagnostics diags;
  std::vector<kite::Module*> mods;
  if (!kite::check_text(ctx, kSieve, "sieve.mir", diags, &mods)) return 1;
  const kite::Func* fp = nullptr;
  for (kite::ItemId id : mods[0]->items)
    if (ctx.item(id).kind == kite::ItemKind::Func) fp = ctx.item(id).func;
  if (!fp) return 1;
  const kite::Func& f = *fp;
  kite::CallShape shape = shape_of(f);
  kite::CodeMemory mem;
  if (argc > 1 && strcmp(argv[1], "--compile-once") == 0) return kite_bench_compile_once(f, shape, 1, mem) ? 0 : 1;
  if (argc > 1 && strcmp(argv[1], "--startup-once") == 0) return static_cast<int>(kite_bench_startup_once());
  if (argc > 1 && strcmp(argv[1], "--compile-big") == 0) {
    kite::Context bctx;
    std::vector<kite::Module*> bmods;
    if (!kite::check_text(bctx, big_function(2500), "big.mir", diags, &bmods)) return 1;
    const kite::Func& big = *bctx.item(bmods[0]->items[0]).func;
    return kite_bench_compile_once(big, shape_of(big), 1, mem) ? 0 : 1;
  }

  const int kRuns = 5000;
  for (int level = 0; level <= 1; level++) {
    kite_bench_compile_once(f, shape, level, mem);  // warm up
    auto t0 = Clock::now();
    for (int i = 0; i < kRuns; i++) kite_bench_compile_once(f, shape, level, mem);
    double s = std::chrono::duration<double>(Clock::now() - t0).count() / kRuns;
    printf("compile sieve at -O%d: %6.2f us per function, %5.1f ns per IR instruction (%u insns)\n", level, s * 1e6,
           s * 1e9 / f.num_insns(), f.num_insns());
  }
  for (int blocks : {250, 2500, 25000}) {
    kite::Context bctx;
    std::vector<kite::Module*> bmods;
    if (!kite::check_text(bctx, big_function(blocks), "big.mir", diags, &bmods)) return 1;
    const kite::Func& big = *bctx.item(bmods[0]->items[0]).func;
    kite::CallShape bshape = shape_of(big);
    kite::CodeMemory bmem;
    int runs = 2000000 / big.num_insns() + 1;
    auto b0 = Clock::now();
    for (int i = 0; i < runs; i++) kite_bench_compile_once(big, bshape, 1, bmem);
    double bs = std::chrono::duration<double>(Clock::now() - b0).count() / runs;
    printf("compile a %6u-instruction function at -O1: %9.1f us, %5.1f ns per IR instruction\n", big.num_insns(),
           bs * 1e6, bs * 1e9 / big.num_insns());
  }
  const int kStarts = 2000;
  kite_bench_startup_once();
  auto t0 = Clock::now();
  for (int i = 0; i < kStarts; i++) kite_bench_startup_once();
  double s = std::chrono::duration<double>(Clock::now() - t0).count() / kStarts;
  printf("start-up (context, read, link with eager -O1 JIT, one call, destroy): %6.2f us\n", s * 1e6);
  double g = gcc_compile_seconds();
  if (g > 0)
    printf("gcc -O2 -c of the sieve in C: %.2f ms, %.0f times Kite's start-up\n", g * 1e3, g / s);
  else
    printf("gcc -O2 -c of the sieve in C: gcc did not run\n");
  return 0;
}

// Micro-benchmarks: the latency of reading, verifying and printing one small function, as a
// runtime that generates IR text per function would see it.
#include <benchmark/benchmark.h>

#include "kite/kite.h"

namespace {

const char kSieve[] = R"(m: module
sieve: func i32, i32:N
  local i64:iter, i64:count, i64:i, i64:k, i64:prime, i64:temp, i64:flags
  alloca flags, 819000
  mov iter, 0
loop: bge fin, iter, N
  mov count, 0;  mov i, 0
fill: bge filled, i, 819000
  mov u8:(flags, i), 1;  add i, i, 1
  jmp fill
filled: mov i, 0
scan: bge scanned, i, 819000
  beq next, u8:(flags, i), 0
  add temp, i, i;  add prime, temp, 3;  add k, i, prime
strike: bge struck, k, 819000
  mov u8:(flags, k), 0;  add k, k, prime
  jmp strike
struck: add count, count, 1
next: add i, i, 1
  jmp scan
scanned: add iter, iter, 1
  jmp loop
fin: ret count
  endfunc
endmodule
)";

void BM_ContextCreate(benchmark::State& state) {
  for (auto _ : state) {
    kite::Context ctx;
    benchmark::DoNotOptimize(&ctx);
  }
}
BENCHMARK(BM_ContextCreate);

void BM_ParseVerifySieve(benchmark::State& state) {
  kite::Context ctx;  // one context, many modules: the per-function cost
  for (auto _ : state) {
    kite::Diagnostics diags;
    std::vector<kite::Module*> mods;
    bool ok = kite::parse_text(ctx, kSieve, "sieve.mir", diags, &mods);
    ok &= kite::verify_module(ctx, *mods[0], diags);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_ParseVerifySieve);

void BM_PrintSieve(benchmark::State& state) {
  kite::Context ctx;
  kite::Diagnostics diags;
  std::vector<kite::Module*> mods;
  kite::parse_text(ctx, kSieve, "sieve.mir", diags, &mods);
  for (auto _ : state) {
    std::string out = kite::print_module(ctx, *mods[0]);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_PrintSieve);

}  // namespace

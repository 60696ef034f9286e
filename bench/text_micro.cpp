// Micro-benchmarks: the latency of reading, verifying and printing one small function, as a
// runtime that generates IR text per function would see it.
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "kite/kite.h"

namespace {

const std::string kSieve = sieve_text();

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

// The interpreter and the JIT against the same algorithms compiled by the host compiler at
// -O2, in one run: sieve (819,000 flags) and recursive fibonacci. Prints time per run and
// the ratio to -O2.
// Usage: bench_interp [BENCH_DIR]   (default: the source tree's bench/programs)
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "kite/kite.h"
#include "kite/runtime.h"

using Clock = std::chrono::steady_clock;

// Reference implementations; this file is built with -O2 (see bench/CMakeLists.txt).
extern "C" __attribute__((noinline)) long c_sieve(long n) {
  static char flags[819000];
  long count = 0;
  for (long iter = 0; iter < n; iter++) {
    count = 0;
    for (long i = 0; i < 819000; i++) flags[i] = 1;
    for (long i = 0; i < 819000; i++)
      if (flags[i]) {
        long prime = i + i + 3;
        for (long k = i + prime; k < 819000; k += prime) flags[k] = 0;
        count++;
      }
  }
  return count;
}
extern "C" __attribute__((noinline)) long c_fib(long n) { return n < 2 ? n : c_fib(n - 1) + c_fib(n - 2); }

namespace {

template <typename F>
double best_seconds(int runs, F&& f) {
  double best = 1e30;
  for (int r = 0; r < runs; r++) {
    auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : KITE_BENCH_DIR;
  kite::Context ctx;
  kite::Diagnostics diags;
  std::vector<kite::Module*> mods;
  for (const char* f : {"sieve.mir", "fib.mir"}) {
    std::string text = read(dir + "/" + f);
    if (!kite::check_text(ctx, text, f, diags, &mods)) {
      fprintf(stderr, "%s\n", diags.list().empty() ? "cannot read" : kite::Diagnostics::format(diags.list()[0]).c_str());
      return 1;
    }
  }
  const long kSieveIters = 10, kFibN = 30;
  long want_sieve = c_sieve(kSieveIters), want_fib = c_fib(kFibN);
  double gcc_sieve = best_seconds(5, [&] { c_sieve(kSieveIters); });
  double gcc_fib = best_seconds(5, [&] { c_fib(kFibN); });
  printf("%-14s %14s %8s %14s %8s\n", "", "sieve(10) ms", "vs -O2", "fib(30) ms", "vs -O2");
  printf("%-14s %14.2f %7.2fx %14.2f %7.2fx\n", "gcc -O2", gcc_sieve * 1e3, 1.0, gcc_fib * 1e3, 1.0);
  struct Mode {
    const char* name;
    std::unique_ptr<kite::Runtime> rt;
  } modes[] = {{"interpreter", kite::make_interpreter_runtime(ctx)},
               {"jit -O0", kite::make_jit_runtime(ctx, kite::jit_options(false, 0))},
               {"jit -O1", kite::make_jit_runtime(ctx, kite::jit_options(false, 1))}};
  for (Mode& m : modes) {
    for (kite::Module* mod : mods) m.rt->load(*mod, diags);
    if (!m.rt->link(diags)) return 1;
    auto sieve = m.rt->function<long(long)>("sieve");
    auto fib = m.rt->function<long(long)>("fib");
    long r1 = 0, r2 = 0;
    double s = best_seconds(3, [&] { r1 = sieve(kSieveIters); });
    double f = best_seconds(3, [&] { r2 = fib(kFibN); });
    if (r1 != want_sieve || r2 != want_fib) fprintf(stderr, "%s: wrong results %ld %ld\n", m.name, r1, r2);
    printf("%-14s %14.2f %7.2fx %14.2f %7.2fx\n", m.name, s * 1e3, s / gcc_sieve, f * 1e3, f / gcc_fib);
  }
  return 0;
}

// Parse + verify + print throughput on large generated modules, and IR memory per
// instruction. Usage: bench_text_throughput [INSNS]   (default 1,000,000; best of 3 runs)
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kite/kite.h"

using namespace kite;
using Clock = std::chrono::steady_clock;

namespace {

// A mix like compiler output: arithmetic, memory operands, compares and branches, calls.
std::string mixed_module(long insns, long* count) {
  std::string s = "bench: module\np_f: proto i64, i64:a, i64:b\n";
  long n = 0;
  for (int fn = 0; n < insns; fn++) {
    s += "f" + std::to_string(fn) + ": func i64, i64:a, i64:b, i64:p\n";
    s += "  local i64:r0, i64:r1, i64:r2, i64:r3, d:x, d:y\n";
    for (int blk = 0; blk < 100 && n < insns; blk++) {
      std::string L = "L" + std::to_string(blk);
      s += L + ":\n";
      s += "  add r0, a, b\n  sub r1, r0, 42\n  mul r2, r1, r0\n  mov r3, i64:8(p, r0, 8)\n";
      s += "  mov i32:-16(p):i, r2\n  and r0, r0, 0xff\n  dadd x, x, y\n  dmul y, x, 1.5\n";
      s += "  blt " + L + ", r0, r1\n  call p_f, f0, r3, r0, r1\n";
      n += 11;  // ten insns and a label
    }
    s += "  ret r3\n  endfunc\n";
    n++;
  }
  s += "endmodule\n";
  *count = n;
  return s;
}

// Only three-operand register instructions: the "simple instruction" memory figure.
std::string simple_module(long insns) {
  std::string s = "simple: module\n";
  for (long n = 0, fn = 0; n < insns; fn++) {
    s += "g" + std::to_string(fn) + ": func i64, i64:a, i64:b\n  local i64:r\n";
    for (int i = 0; i < 10000 && n < insns; i++, n++) s += "  add r, a, b\n";
    s += "  ret r\n  endfunc\n";
  }
  s += "endmodule\n";
  return s;
}

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

void measure(const char* name, const std::string& text, long insns) {
  double best_parse = 1e9, best_verify = 1e9, best_print = 1e9;
  size_t reserved = 0, heap = 0;
  for (int run = 0; run < 3; run++) {
    struct mallinfo2 before = mallinfo2();
    auto* ctx = new Context;
    Diagnostics diags;
    std::vector<Module*> mods;
    auto t0 = Clock::now();
    bool ok = parse_text(*ctx, text, name, diags, &mods);
    auto t1 = Clock::now();
    for (Module* m : mods) ok &= verify_module(*ctx, *m, diags);
    auto t2 = Clock::now();
    std::string out;
    out.reserve(text.size() * 2);
    for (Module* m : mods) print_module(*ctx, *m, out);
    auto t3 = Clock::now();
    if (!ok) {
      fprintf(stderr, "%s: %s\n", name, diags.list().empty() ? "?" : Diagnostics::format(diags.list()[0]).c_str());
      exit(1);
    }
    struct mallinfo2 after = mallinfo2();
    heap = after.uordblks + after.hblkhd - before.uordblks - before.hblkhd;
    heap -= out.capacity();
    reserved = ctx->bytes_reserved();
    best_parse = std::min(best_parse, seconds(t0, t1));
    best_verify = std::min(best_verify, seconds(t1, t2));
    best_print = std::min(best_print, seconds(t2, t3));
    delete ctx;
  }
  printf(
      "%-7s %9ld insns, %6.1f MB text | parse %6.2f M/s  verify %6.2f M/s  parse+verify %6.2f M/s  print %6.2f M/s"
      " | IR %5.1f B/insn (heap %5.1f)\n",
      name, insns, text.size() / 1e6, insns / best_parse / 1e6, insns / best_verify / 1e6,
      insns / (best_parse + best_verify) / 1e6, insns / best_print / 1e6, double(reserved) / insns,
      double(heap) / insns);
}

}  // namespace

int main(int argc, char** argv) {
  long want = argc > 1 ? atol(argv[1]) : 1000000;
  long mixed_count = 0;
  std::string mixed = mixed_module(want, &mixed_count);
  measure("mixed", mixed, mixed_count);
  measure("simple", simple_module(want), want);
  return 0;
}

// The pass pipeline as data, and the runner that does every pass's chores.
#include <chrono>
#include <cstring>

#include "kite/text.h"
#include "kite/verify.h"
#include "opt/pass.h"

namespace kite {

namespace {
constexpr PassInfo kPipeline[] = {
    {"simplify-cfg", run_simplify_cfg, 1, false},
    {"combine", run_combine, 1, false},
};
}  // namespace

std::span<const PassInfo> pipeline() { return kPipeline; }

bool run_pipeline(Func& f, PassContext& ctx) {
  const PassOptions& opts = *ctx.options;
  bool ok = true;
  for (const PassInfo& p : pipeline()) {
    if (!p.required && opts.opt_level < p.min_opt_level) continue;
    auto t0 = std::chrono::steady_clock::now();
    bool changed = p.fn(f, ctx);
    uint64_t ns = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
    if (ctx.timings) {
      PassTiming* t = nullptr;
      for (PassTiming& x : *ctx.timings)
        if (strcmp(x.name, p.name) == 0) t = &x;
      if (!t) {
        ctx.timings->push_back(PassTiming{p.name, 0, 0, 0});
        t = &ctx.timings->back();
      }
      t->nanoseconds += ns;
      t->runs++;
      t->changed += changed;
    }
    if (ctx.dump && (opts.dump_after == p.name || opts.dump_after == "all")) {
      *ctx.dump += "# after " + std::string(p.name) + ":\n";
      print_func(f, *ctx.dump);
    }
    if (opts.verify_each && changed) {
      Diagnostics local;
      if (!verify_func(f.context(), f, local)) {
        std::string fname(f.context().name(f.name()));
        if (ctx.diags) {
          ctx.diags->error("", 0, 0, "pass '%s' broke function '%s'", p.name, fname.c_str());
          for (const Diagnostic& d : local.list()) ctx.diags->error(d.file, d.line, d.col, "%s", d.message.c_str());
        }
        ok = false;
        break;
      }
    }
  }
  return ok;
}

}  // namespace kite

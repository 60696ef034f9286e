// libFuzzer target for the C front end: the input is one C translation unit in memory. It must
// compile to a module the verifier accepts, or be rejected with at least one located error;
// never crash, assert, hang or leak (the fuzz build has ASan and UBSan).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "kite/c.h"
#include "kite/kite.h"
#include "target/x86_64/registers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kite;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Context ctx;
  Diagnostics diags;
  c::CompileOptions opts;
  opts.warnings = false;  // warnings are not what this looks for, and cost time
  Module* m = c::compile(ctx, "fuzz.c", text, opts, diags);
  if (!m) {
    for (const Diagnostic& d : diags.list())
      if (d.severity == Severity::Error && d.line > 0 && d.col > 0) return 0;
    fprintf(stderr, "rejected without a located error (%zu diagnostics)\n", diags.list().size());
    abort();
  }
  VerifyOptions vopts;
  vopts.hard_reg_fits = x86_64::hard_reg_fits;
  Diagnostics vdiags;
  if (!verify_module(ctx, *m, vdiags, vopts)) {
    for (const Diagnostic& d : vdiags.list()) fprintf(stderr, "%s\n", Diagnostics::format(d).c_str());
    abort();  // the front end made invalid IR
  }
  return 0;
}

// libFuzzer target for the text reader, verifier and printer. Accepted inputs must round-trip.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kite/kite.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kite;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string first;
  {
    Context ctx;
    Diagnostics diags;
    std::vector<Module*> mods;
    bool ok = check_text(ctx, text, "fuzz.mir", diags, &mods);
    if (!ok) {
      if (diags.list().empty()) abort();  // rejected without a message
      return 0;
    }
    for (Module* m : mods) print_module(ctx, *m, first);
  }
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  bool ok = check_text(ctx, first, "fuzz2.mir", diags, &mods);
  if (!ok) abort();  // printed text must read back
  std::string second;
  for (Module* m : mods) print_module(ctx, *m, second);
  if (second != first) abort();  // and print the same
  return 0;
}

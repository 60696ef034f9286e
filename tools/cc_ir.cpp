// `kite cc -S`: the C front end's IR as text, to a file (-o) or stdout. The driver only parses
// options; compiling is kite::c::compile's.
#include "cc_ir.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "kite/c.h"
#include "kite/text.h"

namespace kite_tool {

static bool read_all(const char* path, std::string* out) {
  FILE* f = fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool ok = !ferror(f);
  fclose(f);
  return ok;
}

int cc_emit_ir(int argc, char** argv, int first) {
  const char* input = nullptr;
  const char* output = nullptr;
  bool emit_ir = false;
  for (int i = first; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-S") {
      emit_ir = true;
    } else if (a == "-o") {
      if (i + 1 >= argc) {
        fprintf(stderr, "kite: -o needs a file name\n");
        return 2;
      }
      output = argv[++i];
    } else if (a.size() > 1 && a[0] == '-') {
      fprintf(stderr, "kite: unknown option '%s'\n", a.c_str());
      return 2;
    } else if (input) {
      fprintf(stderr, "kite: cc takes one C file\n");
      return 2;
    } else {
      input = argv[i];
    }
  }
  if (!emit_ir || !input) {
    fprintf(stderr, "kite: usage: kite cc -S FILE.c [-o OUT.mir]\n");
    return 2;
  }
  std::string text;
  if (!read_all(input, &text)) {
    fprintf(stderr, "kite: cannot read '%s': %s\n", input, strerror(errno));
    return 2;
  }
  kite::Context ctx;
  kite::Diagnostics diags;
  kite::Module* m = kite::c::compile(ctx, input, text, kite::c::CompileOptions{}, diags);
  for (const kite::Diagnostic& d : diags.list()) fputs(kite::Diagnostics::render(d, text).c_str(), stderr);
  if (!m) return 1;
  std::string out = kite::print_module(ctx, *m);
  FILE* f = output ? fopen(output, "wb") : stdout;
  if (!f) {
    fprintf(stderr, "kite: cannot write '%s': %s\n", output, strerror(errno));
    return 2;
  }
  fwrite(out.data(), 1, out.size(), f);
  if (output) fclose(f);
  return 0;
}

}  // namespace kite_tool

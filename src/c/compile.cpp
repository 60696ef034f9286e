// kite::c::compile: one translation unit from text to a verified module: the preprocessor's
// tokens (token_source.h) to the parser, then IR generation and the verifier.
#include "kite/c.h"

#include <chrono>

#include "irgen.h"
#include "kite/verify.h"
#include "parser.h"
#include "preprocess.h"
#include "token_source.h"

namespace kite::c {
namespace {

// The module's name: the file's base name as an IR identifier (letters, digits and _$%.;
// anything else becomes '_', and a leading digit gets a '_' before it), so that the printed
// IR reads back. "src/lua-5.4/lapi.c" is module "lapi.c".
std::string module_name(std::string_view file_name) {
  size_t slash = file_name.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  std::string name;
  if (base.empty() || (base[0] >= '0' && base[0] <= '9')) name += '_';
  for (char c : base) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
              c == '%' || c == '.';
    name += ok ? c : '_';
  }
  return name;
}

uint64_t now_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

}  // namespace

Module* compile(Context& ctx, std::string_view file_name, std::string_view text, const CompileOptions& opts,
                Diagnostics& diags) {
  CompileStats* stats = opts.stats;
  uint64_t t0 = stats ? now_ns() : 0;
  if (stats) stats->files++;
  SourceManager sources;
  Preprocessor pp(sources, ctx.names(), opts, diags);
  pp.enter_main(file_name, text);
  uint32_t file = sources.num_files() - 1;  // enter_main adds the main file last
  PreprocessorSource src(pp);
  TypeTable types;
  Arena arena;
  Parser parser(src, sources, ctx.names(), diags, types, arena);
  parser.set_warnings(opts.warnings);
  parser.set_gnu89_inline(opts.gnu89_inline);
  parser.set_common(opts.common);
  TranslationUnit tu = parser.parse();
  uint64_t t1 = stats ? now_ns() : 0;
  if (stats) stats->parse_ns += t1 - t0;
  if (diags.has_errors()) return nullptr;
  // IR locations are offsets into the C text: the module's source has the C file's lines.
  kite::SourceFile* sf = ctx.new_source(file_name);
  sf->line_starts = sources.file(file).line_starts;
  Module* m = ctx.new_module(ctx.intern(module_name(file_name)), sf, 0);
  IrGen gen(ctx, *m, sources, diags, types);
  gen.set_main_file(file);
  gen.run(tu);
  uint64_t t2 = stats ? now_ns() : 0;
  if (stats) stats->irgen_ns += t2 - t1;
  if (diags.has_errors()) return nullptr;
  bool ok = verify_module(ctx, *m, diags);
  if (stats) stats->verify_ns += now_ns() - t2;
  return ok ? m : nullptr;
}

}  // namespace kite::c

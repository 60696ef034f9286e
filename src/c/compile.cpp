// kite::c::compile: one translation unit from text to a verified module: the preprocessor's
// tokens (token_source.h) to the parser, then IR generation and the verifier.
#include "kite/c.h"

#include "irgen.h"
#include "kite/verify.h"
#include "parser.h"
#include "preprocess.h"
#include "token_source.h"

namespace kite::c {

Module* compile(Context& ctx, std::string_view file_name, std::string_view text, const CompileOptions& opts,
                Diagnostics& diags) {
  SourceManager sources;
  Preprocessor pp(sources, ctx.names(), opts, diags);
  pp.enter_main(file_name, text);
  uint32_t file = sources.num_files() - 1;  // enter_main adds the main file last
  PreprocessorSource src(pp);
  TypeTable types;
  Arena arena;
  Parser parser(src, sources, ctx.names(), diags, types, arena);
  parser.set_warnings(opts.warnings);
  TranslationUnit tu = parser.parse();
  if (diags.has_errors()) return nullptr;
  // IR locations are offsets into the C text: the module's source has the C file's lines.
  kite::SourceFile* sf = ctx.new_source(file_name);
  sf->line_starts = sources.file(file).line_starts;
  Module* m = ctx.new_module(ctx.intern(file_name), sf, 0);
  IrGen gen(ctx, *m, sources, diags, types);
  gen.set_main_file(file);
  gen.run(tu);
  if (diags.has_errors()) return nullptr;
  if (!verify_module(ctx, *m, diags)) return nullptr;
  return m;
}

}  // namespace kite::c

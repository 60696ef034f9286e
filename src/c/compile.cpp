// kite::c::compile: one translation unit from text to a verified module. Tokens come from the
// raw lexer through LexerSource (token_source.h); the preprocessor replaces it there.
#include "kite/c.h"

#include "irgen.h"
#include "kite/verify.h"
#include "parser.h"
#include "token_source.h"

namespace kite::c {

Module* compile(Context& ctx, std::string_view file_name, std::string_view text, const CompileOptions& opts,
                Diagnostics& diags) {
  (void)opts;  // include paths and macros are the preprocessor's
  SourceManager sources;
  uint32_t file = sources.add_file(std::string(file_name), std::string(text), SourceLoc{kNoFile, 0}, false);
  LexerSource src(sources, file, ctx.names(), diags);
  TypeTable types;
  Arena arena;
  Parser parser(src, sources, ctx.names(), diags, types, arena);
  TranslationUnit tu = parser.parse();
  if (diags.has_errors()) return nullptr;
  // IR locations are offsets into the C text: the module's source has the C file's lines.
  kite::SourceFile* sf = ctx.new_source(file_name);
  sf->line_starts = sources.file(file).line_starts;
  Module* m = ctx.new_module(ctx.intern(file_name), sf, 0);
  IrGen gen(ctx, *m, sources, diags, types);
  gen.run(tu);
  if (diags.has_errors()) return nullptr;
  if (!verify_module(ctx, *m, diags)) return nullptr;
  return m;
}

}  // namespace kite::c

// The seam between the token producers and the parser: the parser pulls tokens from a
// TokenSource. compile() feeds it the Preprocessor (PreprocessorSource); LexerSource gives raw
// lexer tokens, for tests of the parser alone.
#pragma once
#include "kite/diagnostics.h"
#include "lexer.h"
#include "preprocess.h"
#include "token.h"

namespace kite::c {

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  virtual Token next() = 0;
  // `#pragma pack`'s maximum field alignment in bytes as of the last token read (0: none).
  virtual uint32_t pack_alignment() const { return 0; }
};

// Raw lexer tokens. A `#` at the start of a line begins a directive, which only the
// preprocessor understands: it is reported and its line skipped.
class LexerSource : public TokenSource {
 public:
  LexerSource(const SourceManager& sources, uint32_t file, Interner& names, Diagnostics& diags)
      : sources_(sources), lexer_(sources, file, names, diags), diags_(diags) {}
  Token next() override {
    for (;;) {
      Token t = lexer_.next();
      if (!(t.is(Punct::Hash) && (t.flags & kAtLineStart))) return t;
      LineCol lc = sources_.locate(t.loc);
      diags_.error(lc.file, lc.line, lc.col, "preprocessing directives are not supported yet");
      lexer_.skip_line();
    }
  }

 private:
  const SourceManager& sources_;
  Lexer lexer_;
  Diagnostics& diags_;
};

class PreprocessorSource : public TokenSource {
 public:
  explicit PreprocessorSource(Preprocessor& pp) : pp_(pp) {}
  Token next() override { return pp_.next(); }
  uint32_t pack_alignment() const override { return pp_.pack_alignment(); }

 private:
  Preprocessor& pp_;
};

}  // namespace kite::c

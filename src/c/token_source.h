// The seam between the token producers and the parser: the parser pulls tokens from a
// TokenSource. Today compile() feeds it the raw lexer through LexerSource; the Preprocessor
// (preprocess.h) plugs in here as another TokenSource once it is merged, with no parser change.
#pragma once
#include "kite/diagnostics.h"
#include "lexer.h"
#include "token.h"

namespace kite::c {

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  virtual Token next() = 0;
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

}  // namespace kite::c

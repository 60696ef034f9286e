// The C lexer (C11 6.4): one source file's bytes to preprocessing tokens. Comments and line
// splices (backslash-newline) are consumed here; each token records whether it starts a line
// and whether white space precedes it, which is all the preprocessor needs of layout.
#pragma once
#include <string>

#include "kite/diagnostics.h"
#include "token.h"

namespace kite::c {

class Lexer {
 public:
  Lexer(const SourceManager& sources, uint32_t file, Interner& names, Diagnostics& diags);

  // The next token; TokKind::Eof at the end of the file (again on every later call).
  Token next();
  // After `#include` (or #include_next, __has_include): reads a `<...>` header name if one
  // follows on this line, storing the text between the brackets. False (nothing consumed)
  // when the next token is not '<'.
  bool header_name(std::string* out);
  // Skips to the start of the next line (the rest of a directive, or a line in a skipped
  // #if group), honouring line splices and comments that span lines; the next token then has
  // kAtLineStart.
  void skip_line();
  uint32_t file() const { return file_; }
  uint32_t offset() const { return pos_; }

 private:
  const SourceManager& sources_;
  uint32_t file_;
  std::string_view text_;
  Interner& names_;
  Diagnostics& diags_;
  uint32_t pos_ = 0;
  bool at_line_start_ = true;
  std::string spelling_;  // reused buffer for spellings that contain line splices
};

}  // namespace kite::c

// The preprocessor (C11 6.10): a stream of tokens in from the lexer, one file at a time with
// #include, and a stream out for the parser with macros expanded, directives carried out and
// adjacent string literals left adjacent (the parser concatenates them). Macro bodies are token
// arrays; expansion never re-lexes text, except where # and ## make new spellings.
#pragma once
#include <cstdarg>
#include <memory>
#include <string_view>

#include "kite/c.h"
#include "kite/diagnostics.h"
#include "token.h"

namespace kite::c {

class Preprocessor {
 public:
  Preprocessor(SourceManager& sources, Interner& names, const CompileOptions& opts, Diagnostics& diags);
  ~Preprocessor();
  Preprocessor(const Preprocessor&) = delete;
  Preprocessor& operator=(const Preprocessor&) = delete;

  // Starts the translation unit (predefined macros, then -D/-U, then the main file).
  void enter_main(std::string_view name, std::string_view text);
  // The next token after preprocessing; TokKind::Eof at the end (and after that, again Eof).
  Token next();
  // The maximum field alignment `#pragma pack` sets, in bytes, as of the last token next()
  // returned; 0 when none is in effect.
  uint32_t pack_alignment() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reports a diagnostic at a token's location, with "In file included from" notes for headers
// and a note naming the macro an expanded token came from.
void report(const SourceManager& sources, Diagnostics& diags, Severity sev, SourceLoc loc, uint32_t expansion,
            const char* fmt, ...) __attribute__((format(printf, 6, 7)));
void vreport(const SourceManager& sources, Diagnostics& diags, Severity sev, SourceLoc loc, uint32_t expansion,
             const char* fmt, va_list ap);

}  // namespace kite::c

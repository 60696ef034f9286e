// The tokenizer of Kite's (MIR-compatible) text IR. It works on one in-memory buffer and
// produces one token at a time; names are interned as they are scanned.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "kite/interner.h"

namespace kite::text {

enum class Tok : uint8_t {
  Name,
  Int,
  Float,
  Double,
  LDouble,
  String,
  Colon,
  Comma,
  Semi,
  LParen,
  RParen,
  Newline,
  Eof,
  Error
};
const char* tok_name(Tok t);

struct Token {
  Tok kind = Tok::Eof;
  bool negative = false;  // numbers: written with a leading '-'
  uint32_t pos = 0;       // byte offset of the first character
  uint32_t len = 0;
  NameId name = 0;    // Tok::Name
  uint64_t ival = 0;  // Tok::Int: the 64-bit pattern
  float fval = 0;
  double dval = 0;
  long double ldval = 0;
  const char* error = nullptr;  // Tok::Error: what is wrong
};

// Infinities and NaNs (docs/ir.md, "Infinities and NaNs"). `s` starts after any sign:
//   inf | nan [ '(' 0xHEX ')' ] | snan '(' 0xHEX ')', then an optional f/F (float) or l/L
//   (long double) suffix; no suffix means double.
// On success fills t's kind and value (bits exact, payload included) and returns the length
// scanned; returns 0 when `s` does not start with such a spelling, and sets *error (with a
// non-zero return) when it does but is malformed. A name character after it is the caller's
// to reject.
size_t scan_nonfinite(std::string_view s, bool negative, Token* t, const char** error);

class Lexer {
 public:
  Lexer(std::string_view text, Interner& names) : text_(text), names_(names) {}
  Token next();
  // The decoded bytes of the last Tok::String (implicit NUL already appended).
  const std::string& string_value() const { return str_; }
  // True when the next non-blank character is ':' (a label or `type:` follows).
  bool next_is_colon() const;
  uint32_t offset() const { return pos_; }
  // Skips to just before the next newline (error recovery).
  void skip_line();

 private:
  Token lex_number(uint32_t start);
  Token lex_string(uint32_t start);
  Token error(uint32_t start, const char* msg);
  std::string_view text_;
  Interner& names_;
  uint32_t pos_ = 0;
  std::string str_;
  std::string num_;
};

inline bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c == '%' || c == '.';
}
inline bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace kite::text

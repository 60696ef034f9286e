// Tokenizer: numbers follow ir-reference section 1.2, strings section 1.3.
#include "lexer.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace kite::text {

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static unsigned hex_value(char c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

const char* tok_name(Tok t) {
  switch (t) {
    case Tok::Name: return "name";
    case Tok::Int: return "integer";
    case Tok::Float: return "float literal";
    case Tok::Double: return "double literal";
    case Tok::LDouble: return "long double literal";
    case Tok::String: return "string";
    case Tok::Colon: return "':'";
    case Tok::Comma: return "','";
    case Tok::Semi: return "';'";
    case Tok::LParen: return "'('";
    case Tok::RParen: return "')'";
    case Tok::Newline: return "end of line";
    case Tok::Eof: return "end of file";
    case Tok::Error: return "invalid token";
  }
  return "token";
}

bool Lexer::next_is_colon() const {
  size_t p = pos_;
  while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) p++;
  return p < text_.size() && text_[p] == ':';
}

void Lexer::skip_line() {
  while (pos_ < text_.size() && text_[pos_] != '\n') pos_++;
}

Token Lexer::error(uint32_t start, const char* msg) {
  Token t;
  t.kind = Tok::Error;
  t.pos = start;
  t.len = pos_ - start;
  t.error = msg;
  return t;
}

Token Lexer::next() {
  const size_t n = text_.size();
  const char* s = text_.data();
  for (;;) {
    while (pos_ < n && (s[pos_] == ' ' || s[pos_] == '\t')) pos_++;
    if (pos_ >= n) {
      Token t;
      t.kind = Tok::Eof;
      t.pos = static_cast<uint32_t>(n);
      return t;
    }
    char c = s[pos_];
    uint32_t start = pos_;
    if (c == '#') {  // a comment ends at the newline, which is a token of its own
      while (pos_ < n && s[pos_] != '\n') pos_++;
      continue;
    }
    Token t;
    t.pos = start;
    t.len = 1;
    switch (c) {
      case '\r':
        if (pos_ + 1 < n && s[pos_ + 1] == '\n') {  // CR-LF line ending
          pos_++;
          continue;
        }
        pos_++;
        return error(start, "stray carriage return");
      case '\n':
        pos_++;
        t.kind = Tok::Newline;
        return t;
      case ':':
        pos_++;
        t.kind = Tok::Colon;
        return t;
      case ',':
        pos_++;
        t.kind = Tok::Comma;
        return t;
      case ';':
        pos_++;
        t.kind = Tok::Semi;
        return t;
      case '(':
        pos_++;
        t.kind = Tok::LParen;
        return t;
      case ')':
        pos_++;
        t.kind = Tok::RParen;
        return t;
      case '"': return lex_string(start);
      default: break;
    }
    if (is_name_start(c)) {
      while (pos_ < n && is_name_char(s[pos_])) pos_++;
      t.kind = Tok::Name;
      t.len = pos_ - start;
      t.name = names_.intern(std::string_view(s + start, t.len));
      return t;
    }
    if ((c >= '0' && c <= '9') || c == '+' || c == '-') return lex_number(start);
    pos_++;
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Skip the rest of a UTF-8 sequence so that one bad character is one error.
      while (pos_ < n && (static_cast<unsigned char>(s[pos_]) & 0xC0) == 0x80) pos_++;
      return error(start, "unexpected non-ASCII character");
    }
    return error(start, "unexpected character");
  }
}


size_t scan_nonfinite(std::string_view s, bool negative, Token* t, const char** error) {
  *error = nullptr;
  size_t p;
  bool nan = false, quiet = true;
  if (s.starts_with("inf")) {
    p = 3;
  } else if (s.starts_with("nan")) {
    p = 3;
    nan = true;
  } else if (s.starts_with("snan")) {
    p = 4;
    nan = true;
    quiet = false;
  } else {
    return 0;
  }
  uint64_t payload = 0;
  if (nan && p < s.size() && s[p] == '(') {
    size_t q = p + 1;
    if (!(q + 2 < s.size() && s[q] == '0' && (s[q + 1] == 'x' || s[q + 1] == 'X') && is_hex(s[q + 2]))) {
      *error = "a NaN payload is written as (0xHEX)";
      return p;
    }
    q += 2;
    size_t digits = 0;
    for (; q < s.size() && is_hex(s[q]); q++, digits++) {
      if (digits >= 16) {
        *error = "NaN payload too large for its type";
        return q;
      }
      payload = payload << 4 | hex_value(s[q]);
    }
    if (q >= s.size() || s[q] != ')') {
      *error = "a NaN payload is written as (0xHEX)";
      return q;
    }
    p = q + 1;
  } else if (!quiet) {
    *error = "a signaling NaN needs a payload, as in snan(0x1)";
    return p;
  }
  if (!quiet && payload == 0) {
    *error = "a signaling NaN needs a non-zero payload";
    return p;
  }
  char suffix = p < s.size() ? s[p] : 0;
  Tok kind = Tok::Double;
  if (suffix == 'f' || suffix == 'F') {
    kind = Tok::Float;
    p++;
  } else if (suffix == 'l' || suffix == 'L') {
    kind = Tok::LDouble;
    p++;
  }
  // The payload is the fraction below the quiet bit: 22 bits (float), 51 (double), 62 (long
  // double, whose explicit integer bit is always set).
  unsigned payload_bits = kind == Tok::Float ? 22 : kind == Tok::Double ? 51 : 62;
  if (payload >> payload_bits) {
    *error = "NaN payload too large for its type";
    return p;
  }
  uint64_t sign = negative ? 1 : 0;
  t->kind = kind;
  t->negative = negative;
  if (kind == Tok::Float) {
    uint32_t bits = static_cast<uint32_t>(sign << 31 | 0xFFu << 23);
    if (nan) bits |= (quiet ? 1u << 22 : 0) | static_cast<uint32_t>(payload);
    memcpy(&t->fval, &bits, 4);
  } else if (kind == Tok::Double) {
    uint64_t bits = sign << 63 | uint64_t(0x7FF) << 52;
    if (nan) bits |= (quiet ? uint64_t(1) << 51 : 0) | payload;
    memcpy(&t->dval, &bits, 8);
  } else {
    // x87 extended: a 64-bit significand with an explicit integer bit, then sign and exponent.
    uint64_t significand = uint64_t(1) << 63;
    if (nan) significand |= (quiet ? uint64_t(1) << 62 : 0) | payload;
    uint16_t sign_exp = static_cast<uint16_t>(sign << 15 | 0x7FFF);
    uint8_t bytes[sizeof(long double)] = {0};
    memcpy(bytes, &significand, 8);
    memcpy(bytes + 8, &sign_exp, 2);
    memcpy(&t->ldval, bytes, sizeof(long double));
  }
  return p;
}

Token Lexer::lex_number(uint32_t start) {
  const size_t n = text_.size();
  const char* s = text_.data();
  Token t;
  t.pos = start;
  bool neg = false;
  if (s[pos_] == '+' || s[pos_] == '-') {
    neg = s[pos_] == '-';
    pos_++;
    if (pos_ < n && !is_digit(s[pos_])) {
      const char* err = nullptr;
      size_t len = scan_nonfinite(text_.substr(pos_), neg, &t, &err);
      if (len) {
        pos_ += static_cast<uint32_t>(len);
        if (err) return error(start, err);
        if (pos_ < n && is_name_char(s[pos_])) {
          while (pos_ < n && is_name_char(s[pos_])) pos_++;
          return error(start, "invalid suffix on floating-point literal");
        }
        t.len = pos_ - start;
        return t;
      }
    }
    if (pos_ >= n || !is_digit(s[pos_])) return error(start, "a sign must be followed by a digit");
  }
  t.negative = neg;
  num_.clear();
  if (neg) num_.push_back('-');
  uint64_t value = 0;
  bool overflow = false;
  auto accumulate = [&](unsigned base, unsigned d) {
    if (value > (UINT64_MAX - d) / base) overflow = true;
    value = overflow ? UINT64_MAX : value * base + d;
  };
  if (s[pos_] == '0' && pos_ + 1 < n && (s[pos_ + 1] == 'x' || s[pos_ + 1] == 'X')) {
    pos_ += 2;
    if (pos_ >= n || !is_hex(s[pos_])) return error(start, "hexadecimal literal without digits");
    while (pos_ < n && (is_hex(s[pos_]) || s[pos_] == '_')) {
      if (s[pos_] != '_') accumulate(16, hex_value(s[pos_]));
      pos_++;
    }
  } else {
    uint32_t digits_start = pos_;
    while (pos_ < n && (is_digit(s[pos_]) || s[pos_] == '_')) {
      if (s[pos_] != '_') num_.push_back(s[pos_]);
      pos_++;
    }
    bool is_float = false;
    if (pos_ < n && s[pos_] == '.') {
      is_float = true;
      num_.push_back('.');
      pos_++;
      while (pos_ < n && (is_digit(s[pos_]) || s[pos_] == '_')) {
        if (s[pos_] != '_') num_.push_back(s[pos_]);
        pos_++;
      }
    }
    if (pos_ < n && (s[pos_] == 'e' || s[pos_] == 'E')) {
      is_float = true;
      num_.push_back('e');
      pos_++;
      if (pos_ < n && (s[pos_] == '+' || s[pos_] == '-')) num_.push_back(s[pos_++]);
      if (pos_ >= n || !is_digit(s[pos_])) return error(start, "malformed exponent in number");
      while (pos_ < n && (is_digit(s[pos_]) || s[pos_] == '_')) {
        if (s[pos_] != '_') num_.push_back(s[pos_]);
        pos_++;
      }
    }
    if (is_float) {
      char suffix = pos_ < n ? s[pos_] : 0;
      if (suffix == 'f' || suffix == 'F') {
        pos_++;
        t.kind = Tok::Float;
        t.fval = strtof(num_.c_str(), nullptr);
      } else if (suffix == 'l' || suffix == 'L') {
        pos_++;
        t.kind = Tok::LDouble;
        t.ldval = strtold(num_.c_str(), nullptr);
      } else {
        t.kind = Tok::Double;
        t.dval = strtod(num_.c_str(), nullptr);
      }
      if (pos_ < n && is_name_char(s[pos_])) {
        while (pos_ < n && is_name_char(s[pos_])) pos_++;
        return error(start, "invalid suffix on floating-point literal");
      }
      t.len = pos_ - start;
      return t;
    }
    // Integer: a leading 0 means octal.
    const char* d = num_.c_str() + (neg ? 1 : 0);
    unsigned base = (d[0] == '0' && d[1] != 0) ? 8 : 10;
    for (; *d; d++) {
      unsigned v = static_cast<unsigned>(*d - '0');
      if (v >= base) {
        pos_ = digits_start;
        while (pos_ < n && is_name_char(s[pos_])) pos_++;
        return error(start, "invalid digit in octal literal");
      }
      accumulate(base, v);
    }
  }
  if (pos_ < n && is_name_char(s[pos_])) {
    while (pos_ < n && is_name_char(s[pos_])) pos_++;
    return error(start, "invalid suffix on integer literal (integers take no suffix)");
  }
  t.kind = Tok::Int;
  t.ival = neg ? (0 - value) : value;
  t.len = pos_ - start;
  return t;
}

Token Lexer::lex_string(uint32_t start) {
  const size_t n = text_.size();
  const char* s = text_.data();
  str_.clear();
  pos_++;  // opening quote
  for (;;) {
    if (pos_ >= n || s[pos_] == '\n') return error(start, "unfinished string");
    char c = s[pos_++];
    if (c == '"') break;
    if (c != '\\') {
      str_.push_back(c);
      continue;
    }
    if (pos_ >= n) return error(start, "unfinished string");
    char e = s[pos_++];
    switch (e) {
      case 'n': str_.push_back('\n'); break;
      case 't': str_.push_back('\t'); break;
      case 'v': str_.push_back('\v'); break;
      case 'a': str_.push_back('\a'); break;
      case 'b': str_.push_back('\b'); break;
      case 'r': str_.push_back('\r'); break;
      case 'f': str_.push_back('\f'); break;
      case '\n': break;  // line continuation
      case 'x': {
        if (pos_ + 1 >= n || !is_hex(s[pos_]) || !is_hex(s[pos_ + 1])) {
          while (pos_ < n && s[pos_] != '"' && s[pos_] != '\n') pos_++;
          if (pos_ < n && s[pos_] == '"') pos_++;
          return error(start, "\\x escape needs exactly two hexadecimal digits");
        }
        str_.push_back(static_cast<char>(hex_value(s[pos_]) * 16 + hex_value(s[pos_ + 1])));
        pos_ += 2;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          unsigned v = static_cast<unsigned>(e - '0');
          for (int k = 0; k < 2 && pos_ < n && s[pos_] >= '0' && s[pos_] <= '7'; k++)
            v = v * 8 + static_cast<unsigned>(s[pos_++] - '0');
          str_.push_back(static_cast<char>(v & 0xFF));
        } else {
          str_.push_back(e);  // \\ \' \" and any other character stand for themselves
        }
    }
  }
  if (!str_.empty() && str_.back() != '\0') str_.push_back('\0');
  Token t;
  t.kind = Tok::String;
  t.pos = start;
  t.len = pos_ - start;
  return t;
}

}  // namespace kite::text

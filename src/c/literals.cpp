// Character constants and string literals (C11 6.4.4.4, 6.4.5): escapes, universal character
// names, the encoding prefixes L, u, U and u8, and the concatenation of adjacent literals.
// Narrow literals hold bytes (source text and UCNs as UTF-8); wide ones hold code units of
// their element type: wchar_t (int, UTF-32), char16_t (unsigned short, UTF-16 with surrogate
// pairs) or char32_t (unsigned int). A literal's bytes in the tree are its elements in target
// (little-endian) order, so irgen emits every kind the same way.
#include <cstdarg>
#include <cstring>

#include "parser.h"
#include "preprocess.h"

namespace kite::c {

struct LiteralEncoding {
  unsigned unit_size;  // bytes per element: 1, 2 or 4
  TypeKind elem;       // the element type of a string, the type of a character constant
  bool utf16;
};

namespace {

using Encoding = LiteralEncoding;

// The prefix of a literal's spelling: "", "u8", "L", "u" or "U". `*body` gets the index of the
// opening quote.
Encoding encoding_of(std::string_view s, size_t* body) {
  if (s.substr(0, 2) == "u8") {
    *body = 2;
    return {1, TypeKind::Char, false};
  }
  *body = 1;
  switch (s[0]) {
    case 'L': return {4, TypeKind::Int, false};  // wchar_t is int on x86-64 Linux (<stddef.h>)
    case 'u': return {2, TypeKind::UShort, true};
    case 'U': return {4, TypeKind::UInt, false};
    default: *body = 0; return {1, TypeKind::Char, false};
  }
}

void warn(const SourceManager& sources, Diagnostics& diags, SourceLoc loc, const char* fmt, ...)
    __attribute__((format(printf, 4, 5)));
void warn(const SourceManager& sources, Diagnostics& diags, SourceLoc loc, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(sources, diags, Severity::Warning, loc, 0, fmt, ap);
  va_end(ap);
}

int hex_digit(char d) {
  if (d >= '0' && d <= '9') return d - '0';
  if ((d | 32) >= 'a' && (d | 32) <= 'f') return (d | 32) - 'a' + 10;
  return -1;
}

void append_utf8(uint32_t cp, std::vector<uint32_t>* out) {
  if (cp < 0x80) {
    out->push_back(cp);
  } else if (cp < 0x800) {
    out->push_back(0xc0 | (cp >> 6));
    out->push_back(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out->push_back(0xe0 | (cp >> 12));
    out->push_back(0x80 | ((cp >> 6) & 0x3f));
    out->push_back(0x80 | (cp & 0x3f));
  } else {
    out->push_back(0xf0 | (cp >> 18));
    out->push_back(0x80 | ((cp >> 12) & 0x3f));
    out->push_back(0x80 | ((cp >> 6) & 0x3f));
    out->push_back(0x80 | (cp & 0x3f));
  }
}

// A code point as elements of `enc`: UTF-8 bytes, UTF-16 units or one UTF-32 unit.
void append_code_point(uint32_t cp, const Encoding& enc, std::vector<uint32_t>* out) {
  if (enc.unit_size == 1) {
    append_utf8(cp, out);
  } else if (enc.utf16 && cp >= 0x10000) {
    cp -= 0x10000;
    out->push_back(0xd800 | (cp >> 10));
    out->push_back(0xdc00 | (cp & 0x3ff));
  } else {
    out->push_back(cp);
  }
}

// One UTF-8 sequence of source text at s[*i]; a byte that does not start a valid sequence is
// taken as it is (gcc does the same for bytes it cannot convert).
uint32_t decode_utf8(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int extra = c >= 0xf0 && c < 0xf8 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
  if (c >= 0xf8) extra = 0;
  uint32_t cp = extra == 3 ? c & 7 : extra == 2 ? c & 15 : extra == 1 ? c & 31 : c;
  if (extra == 0 || *i + static_cast<size_t>(extra) >= s.size()) {
    (*i)++;
    return c;
  }
  for (int k = 1; k <= extra; k++) {
    unsigned char d = static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]);
    if ((d & 0xc0) != 0x80) {
      (*i)++;
      return c;
    }
    cp = cp << 6 | (d & 0x3f);
  }
  *i += static_cast<size_t>(extra) + 1;
  return cp;
}

}  // namespace

// The body of one literal (after its opening quote at s[start]) as elements of `enc`, up to
// the closing `quote`.
void Parser::decode_literal(const Token& t, size_t start, const LiteralEncoding& enc, char quote, std::vector<uint32_t>* out) {
  std::string_view s = spelling(t);
  uint64_t max_unit = enc.unit_size == 4 ? 0xffffffffu : enc.unit_size == 2 ? 0xffffu : 0xffu;
  size_t i = start + 1;
  while (i < s.size() && s[i] != quote) {
    if (s[i] != '\\') {
      if (enc.unit_size == 1) out->push_back(static_cast<unsigned char>(s[i++]));
      else append_code_point(decode_utf8(s, &i), enc, out);
      continue;
    }
    i++;
    char c = s[i++];
    switch (c) {
      case 'n': out->push_back('\n'); continue;
      case 't': out->push_back('\t'); continue;
      case 'r': out->push_back('\r'); continue;
      case 'a': out->push_back('\a'); continue;
      case 'b': out->push_back('\b'); continue;
      case 'f': out->push_back('\f'); continue;
      case 'v': out->push_back('\v'); continue;
      case 'e':
      case 'E': out->push_back(27); continue;
      case 'u':
      case 'U': {  // a universal character name (6.4.3)
        int n = c == 'u' ? 4 : 8;
        uint32_t cp = 0;
        int k = 0;
        for (; k < n && i < s.size() && hex_digit(s[i]) >= 0; k++) cp = cp << 4 | static_cast<uint32_t>(hex_digit(s[i++]));
        if (k < n) {
          error(t.loc, "incomplete universal character name");
          continue;
        }
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp < 0xa0 && cp != '$' && cp != '@' && cp != '`')) {
          error(t.loc, "\\%c%0*x is not a valid universal character", c, n, cp);
          continue;
        }
        append_code_point(cp, enc, out);
        continue;
      }
      case 'x': {
        uint64_t v = 0;
        bool any = false, big = false;
        while (i < s.size() && hex_digit(s[i]) >= 0) {
          v = v << 4 | static_cast<uint64_t>(hex_digit(s[i++]));
          if (v > max_unit) big = true;
          any = true;
        }
        if (!any) error(t.loc, "\\x used with no following hex digits");
        if (big) warn(sources_, diags_, t.loc, "hex escape sequence out of range");
        out->push_back(static_cast<uint32_t>(v & max_unit));
        continue;
      }
      default:
        if (c >= '0' && c <= '7') {
          uint32_t v = static_cast<uint32_t>(c - '0');
          for (int n = 1; n < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7'; n++) v = v * 8 + static_cast<uint32_t>(s[i++] - '0');
          if (v > max_unit) warn(sources_, diags_, t.loc, "octal escape sequence out of range");
          out->push_back(static_cast<uint32_t>(v & max_unit));
          continue;
        }
        out->push_back(static_cast<unsigned char>(c));  // \\ \' \" \? and unknown escapes
    }
  }
}

Expr* Parser::parse_char(const Token& t) {
  std::string_view s = spelling(t);
  size_t body;
  Encoding enc = encoding_of(s, &body);
  if (body == 2) {  // u8'x' is C23
    error(t.loc, "u8 character constants are not supported");
    return int_lit(0, types_.int_t(), t.loc);
  }
  std::vector<uint32_t> units;
  decode_literal(t, body, enc, '\'', &units);
  if (units.empty()) {
    error(t.loc, "empty character constant");
    return int_lit(0, types_.int_t(), t.loc);
  }
  if (enc.unit_size > 1) {
    // gcc keeps the last element of a wide constant that holds several.
    if (units.size() > 1) warn(sources_, diags_, t.loc, "character constant too long for its type");
    uint32_t u = units.back();
    int64_t v = enc.elem == TypeKind::Int ? static_cast<int32_t>(u) : static_cast<int64_t>(u);
    return int_lit(v, types_.basic(enc.elem), t.loc);
  }
  // A multi-character constant is an int made of its bytes, first byte highest, as gcc does.
  int64_t v = 0;
  for (uint32_t u : units) v = (v << 8) | (u & 0xff);
  if (units.size() == 1) {
    v = static_cast<signed char>(v);  // plain char is signed on x86-64
  } else {
    if (units.size() > 4) warn(sources_, diags_, t.loc, "character constant too long for its type");
    else warn(sources_, diags_, t.loc, "multi-character character constant");
    v = static_cast<int32_t>(v);
  }
  return int_lit(v, types_.int_t(), t.loc);
}

// Adjacent string literals are one (6.4.5p5): when any has an encoding prefix the whole is of
// that encoding (narrow pieces included); two different wide prefixes are an error. The result
// is an lvalue array of the element type.
Expr* Parser::parse_string() {
  SourceLoc loc = peek().loc;
  size_t body;
  Encoding enc = encoding_of(spelling(peek()), &body);
  for (size_t k = 1; peek(k).kind == TokKind::String; k++) {
    Encoding e = encoding_of(spelling(peek(k)), &body);
    if (e.unit_size == 1) continue;
    if (enc.unit_size != 1 && (e.elem != enc.elem)) {
      error(peek(k).loc, "unsupported non-standard concatenation of string literals");
      break;
    }
    enc = e;
  }
  std::vector<uint32_t> units;
  while (peek().kind == TokKind::String) {
    Token t = advance();
    encoding_of(spelling(t), &body);
    decode_literal(t, body, enc, '"', &units);
  }
  units.push_back(0);
  size_t n = units.size();
  char* bytes = static_cast<char*>(arena_.allocate(n * enc.unit_size, 1));
  for (size_t i = 0; i < n; i++)
    for (unsigned b = 0; b < enc.unit_size; b++) bytes[i * enc.unit_size + b] = static_cast<char>(units[i] >> (8 * b));
  Expr* e = new_expr(ExprKind::StrLit, types_.array_of(types_.basic(enc.elem), static_cast<int64_t>(n)), loc);
  e->str = bytes;
  e->lvalue = true;
  return e;
}

int64_t string_element(const Expr* s, int64_t i) {
  const CType* et = s->type->base;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s->str) + static_cast<uint64_t>(i) * et->size;
  uint32_t u = 0;
  for (uint64_t b = 0; b < et->size; b++) u |= static_cast<uint32_t>(p[b]) << (8 * b);
  switch (et->kind) {
    case TypeKind::Char: return static_cast<signed char>(u);
    case TypeKind::Int: return static_cast<int32_t>(u);
    default: return u;
  }
}

}  // namespace kite::c

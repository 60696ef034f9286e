// The C lexer: bytes to preprocessing tokens (C11 6.4), one file at a time. Line splices are
// honoured everywhere by stepping over them while scanning; only a token that contains one
// gets its spelling copied (without the splices) before it is interned.
#include "lexer.h"

#include <array>
#include <cstring>

namespace kite::c {
namespace {

// Character classes, one table lookup each (the lexer's inner loops run once per byte).
constexpr uint8_t kIdentStart = 1, kDigit = 2, kHSpace = 4, kLineStop = 8;
constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; c++) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80) t[c] |= kIdentStart;
    if (c >= '0' && c <= '9') t[c] |= kDigit;
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r') t[c] |= kHSpace;
    if (c == '\n' || c == '/' || c == '"' || c == '\'' || c == '\\') t[c] |= kLineStop;  // skip_line looks closer
  }
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = make_classes();
inline bool is_ident_start(unsigned char c) { return kClasses[c] & kIdentStart; }
inline bool is_digit(unsigned char c) { return kClasses[c] & kDigit; }
inline bool is_ident_char(unsigned char c) { return kClasses[c] & (kIdentStart | kDigit); }
inline bool is_hspace(char c) { return kClasses[static_cast<unsigned char>(c)] & kHSpace; }
inline bool is_line_stop(char c) { return kClasses[static_cast<unsigned char>(c)] & kLineStop; }

constexpr uint32_t kNotFound = UINT32_MAX;

// Comments are most of the bytes of system headers, so they are skipped with memchr; only a
// backslash next to the characters that matter (a splice) takes the careful path.
// The offset of the newline that ends a // comment starting at p (or the end of the text).
uint32_t line_comment_end(std::string_view s, uint32_t p) {
  for (;;) {
    const void* nl = memchr(s.data() + p, '\n', s.size() - p);
    if (!nl) return static_cast<uint32_t>(s.size());
    uint32_t q = static_cast<uint32_t>(static_cast<const char*>(nl) - s.data());
    uint32_t b = q;
    if (b > p && s[b - 1] == '\r') b--;
    if (b > p && s[b - 1] == '\\') {  // a splice: the comment goes on
      p = q + 1;
      continue;
    }
    return q;
  }
}

// The offset just past the */ that closes a comment whose body starts at p; kNotFound if none.
uint32_t block_comment_end(std::string_view s, uint32_t p) {
  while (p < s.size()) {
    const void* star = memchr(s.data() + p, '*', s.size() - p);
    if (!star) return kNotFound;
    uint32_t q = static_cast<uint32_t>(static_cast<const char*>(star) - s.data()) + 1;
    // Splices may stand between '*' and '/'.
    while (q + 1 < s.size() && s[q] == '\\' && (s[q + 1] == '\n' || (s[q + 1] == '\r' && q + 2 < s.size() && s[q + 2] == '\n')))
      q += s[q + 1] == '\n' ? 2 : 3;
    if (q < s.size() && s[q] == '/') return q + 1;
    p = q;
  }
  return kNotFound;
}

}  // namespace

Lexer::Lexer(const SourceManager& sources, uint32_t file, Interner& names, Diagnostics& diags)
    : sources_(sources), file_(file), text_(sources.file(file).text), names_(names), diags_(diags) {}

namespace {

// Scanning state over one file's text: `p` moves past line splices (backslash, optional CR,
// newline) wherever they stand, as translation phase 2 removes them.
struct Scan {
  std::string_view s;
  uint32_t p;
  bool spliced = false;

  uint32_t skip_splices(uint32_t q) {
    for (;;) {
      if (q + 1 < s.size() && s[q] == '\\') {
        if (s[q + 1] == '\n') {
          q += 2;
          spliced = true;
          continue;
        }
        if (s[q + 1] == '\r' && q + 2 < s.size() && s[q + 2] == '\n') {
          q += 3;
          spliced = true;
          continue;
        }
      }
      return q;
    }
  }
  // The character at p (after splices), 0 at the end.
  char cur() {
    p = skip_splices(p);
    return p < s.size() ? s[p] : 0;
  }
  // The character after the current one (after splices), without moving.
  char peek() {
    uint32_t q = skip_splices(p);
    if (q >= s.size()) return 0;
    q = skip_splices(q + 1);
    return q < s.size() ? s[q] : 0;
  }
  void advance() {
    p = skip_splices(p);
    if (p < s.size()) p++;
  }
};

struct PunctSpelling {
  const char* text;
  Punct punct;
};
// Longest first, so that the first match is the longest (C11 6.4p4). Digraphs map to the
// punctuators they stand for (6.4.6p3).
constexpr PunctSpelling kPuncts[] = {
    {"%:%:", Punct::HashHash}, {"...", Punct::Ellipsis}, {"<<=", Punct::ShlAssign}, {">>=", Punct::ShrAssign},
    {"->", Punct::Arrow},      {"++", Punct::PlusPlus},  {"--", Punct::MinusMinus}, {"<<", Punct::Shl},
    {">>", Punct::Shr},        {"<=", Punct::Le},        {">=", Punct::Ge},         {"==", Punct::EqEq},
    {"!=", Punct::Ne},         {"&&", Punct::AmpAmp},    {"||", Punct::PipePipe},   {"*=", Punct::StarAssign},
    {"/=", Punct::SlashAssign}, {"%=", Punct::PercentAssign}, {"+=", Punct::PlusAssign},
    {"-=", Punct::MinusAssign}, {"&=", Punct::AmpAssign}, {"^=", Punct::CaretAssign}, {"|=", Punct::PipeAssign},
    {"##", Punct::HashHash},   {"<:", Punct::LBracket},  {":>", Punct::RBracket},   {"<%", Punct::LBrace},
    {"%>", Punct::RBrace},     {"%:", Punct::Hash},      {"[", Punct::LBracket},    {"]", Punct::RBracket},
    {"(", Punct::LParen},      {")", Punct::RParen},     {"{", Punct::LBrace},      {"}", Punct::RBrace},
    {".", Punct::Dot},         {"&", Punct::Amp},        {"*", Punct::Star},        {"+", Punct::Plus},
    {"-", Punct::Minus},       {"~", Punct::Tilde},      {"!", Punct::Bang},        {"/", Punct::Slash},
    {"%", Punct::Percent},     {"<", Punct::Lt},         {">", Punct::Gt},          {"^", Punct::Caret},
    {"|", Punct::Pipe},        {"?", Punct::Question},   {":", Punct::Colon},       {";", Punct::Semi},
    {"=", Punct::Assign},      {",", Punct::Comma},      {"#", Punct::Hash},
};

// For each first character, the punctuators that start with it, longest first.
struct PunctCandidates {
  uint8_t count = 0;
  uint8_t index[8] = {};
};
constexpr std::array<PunctCandidates, 128> make_punct_index() {
  std::array<PunctCandidates, 128> t{};
  for (size_t i = 0; i < sizeof kPuncts / sizeof kPuncts[0]; i++) {
    PunctCandidates& c = t[static_cast<unsigned char>(kPuncts[i].text[0])];
    c.index[c.count++] = static_cast<uint8_t>(i);
  }
  return t;
}
constexpr std::array<PunctCandidates, 128> kPunctIndex = make_punct_index();

}  // namespace

Token Lexer::next() {
  Scan sc{text_, pos_};
  bool space = false;
  // White space, newlines and comments.
  for (;;) {
    char c = sc.cur();
    if (sc.p >= text_.size()) {
      pos_ = sc.p;
      Token t;
      t.kind = TokKind::Eof;
      t.loc = SourceLoc{file_, static_cast<uint32_t>(text_.size())};
      t.flags = static_cast<uint8_t>((at_line_start_ ? kAtLineStart : 0) | (space ? kLeadingSpace : 0));
      return t;
    }
    if (c == '\n') {
      sc.advance();
      at_line_start_ = true;
      space = false;
      continue;
    }
    if (is_hspace(c)) {
      sc.p++;
      while (sc.p < text_.size() && is_hspace(text_[sc.p])) sc.p++;
      space = true;
      continue;
    }
    if (c == '/') {
      char d = sc.peek();
      if (d == '/') {  // to the end of the line; a splice continues it
        sc.p = line_comment_end(text_, sc.p);
        space = true;
        continue;
      }
      if (d == '*') {
        uint32_t start = sc.p;
        sc.advance();
        sc.advance();
        uint32_t end = block_comment_end(text_, sc.p);
        bool closed = end != kNotFound;
        sc.p = closed ? end : static_cast<uint32_t>(text_.size());
        if (!closed) {
          LineCol lc = sources_.locate(SourceLoc{file_, start});
          diags_.error(lc.file, lc.line, lc.col, "unterminated comment");
        }
        space = true;
        continue;
      }
    }
    break;
  }

  Token t;
  uint32_t start = sc.p;
  t.loc = SourceLoc{file_, start};
  t.flags = static_cast<uint8_t>((at_line_start_ ? kAtLineStart : 0) | (space ? kLeadingSpace : 0));
  at_line_start_ = false;
  sc.spliced = false;
  unsigned char c = static_cast<unsigned char>(sc.cur());

  auto finish = [&](TokKind kind) {
    pos_ = sc.p;
    t.kind = kind;
    std::string_view raw = text_.substr(start, sc.p - start);
    if (!sc.spliced) {
      t.spelling = names_.intern(raw);
      return t;
    }
    spelling_.clear();
    Scan copy{text_, start};
    while (copy.skip_splices(copy.p) < sc.p) {
      spelling_.push_back(copy.cur());
      copy.p++;
    }
    t.spelling = names_.intern(spelling_);
    return t;
  };

  // A character constant or string literal, after any prefix; unterminated ones end at the
  // line's end with an error, and still make one token.
  auto quoted = [&](char q, TokKind kind) {
    sc.advance();  // the opening quote
    for (;;) {
      char d = sc.cur();
      if (sc.p >= text_.size() || d == '\n') {
        LineCol lc = sources_.locate(t.loc);
        diags_.error(lc.file, lc.line, lc.col, q == '"' ? "missing terminating '\"' character"
                                                        : "missing terminating ' character");
        break;
      }
      sc.advance();
      if (d == q) break;
      if (d == '\\') {
        if (sc.cur() != '\n' && sc.p < text_.size()) sc.advance();
      }
    }
    return finish(kind);
  };

  // Encoding prefixes: L, u, U, u8 before a quote.
  if (c == 'L' || c == 'U' || c == 'u') {
    Scan look = sc;
    look.advance();
    char d = look.cur();
    if (c == 'u' && d == '8') {
      look.advance();
      d = look.cur();
    }
    if (d == '"' || d == '\'') {
      sc = look;
      sc.spliced = look.spliced;
      return quoted(d, d == '"' ? TokKind::String : TokKind::Char);
    }
  }
  if (c == '"') return quoted('"', TokKind::String);
  if (c == '\'') return quoted('\'', TokKind::Char);

  if (is_ident_start(c) || (c == '\\' && (sc.peek() == 'u' || sc.peek() == 'U'))) {
    // Plain identifier characters without the splice check; the loop below takes the rest.
    while (sc.p < text_.size() && is_ident_char(static_cast<unsigned char>(text_[sc.p]))) sc.p++;
    for (;;) {
      unsigned char d = static_cast<unsigned char>(sc.cur());
      if (sc.p >= text_.size()) break;
      if (is_ident_char(d)) {
        sc.advance();
        continue;
      }
      if (d == '\\' && (sc.peek() == 'u' || sc.peek() == 'U')) {  // a universal character name
        sc.advance();
        sc.advance();
        continue;
      }
      break;
    }
    return finish(TokKind::Identifier);
  }

  // A preprocessing number: digit or .digit, then identifier characters, '.', and signs after
  // e, E, p, P (C11 6.4.8).
  if (is_digit(c) || (c == '.' && is_digit(static_cast<unsigned char>(sc.peek())))) {
    // Plain bytes first, without the splice check; an exponent letter right before a
    // backslash is left to the careful loop, since its sign may follow a splice.
    for (uint32_t n = static_cast<uint32_t>(text_.size()); sc.p < n;) {
      unsigned char d = static_cast<unsigned char>(text_[sc.p]);
      if (!is_ident_char(d) && d != '.') break;
      if (d == 'e' || d == 'E' || d == 'p' || d == 'P') {
        char sign = sc.p + 1 < n ? text_[sc.p + 1] : 0;
        if (sign == '\\') break;
        if (sign == '+' || sign == '-') {
          sc.p += 2;
          continue;
        }
      }
      sc.p++;
    }
    for (;;) {
      char d = sc.cur();
      if (sc.p >= text_.size()) break;
      if ((d == 'e' || d == 'E' || d == 'p' || d == 'P') && (sc.peek() == '+' || sc.peek() == '-')) {
        sc.advance();
        sc.advance();
        continue;
      }
      if (is_ident_char(static_cast<unsigned char>(d)) || d == '.') {
        sc.advance();
        continue;
      }
      break;
    }
    return finish(TokKind::Number);
  }

  // Punctuators: compare against the spellings, longest first. With no backslash among the
  // next four bytes (the longest spelling), no splice can be inside one: compare bytes.
  const PunctCandidates& cands = kPunctIndex[c < 128 ? c : 0];
  size_t avail = text_.size() - sc.p;
  if (!memchr(text_.data() + sc.p, '\\', avail < 4 ? avail : 4)) {
    for (uint8_t k = 0; k < cands.count; k++) {
      const PunctSpelling& ps = kPuncts[cands.index[k]];
      size_t i = 1;  // the first byte is c
      while (ps.text[i] && i < avail && text_[sc.p + i] == ps.text[i]) i++;
      if (ps.text[i]) continue;
      pos_ = sc.p + static_cast<uint32_t>(i);
      t.kind = TokKind::Punct;
      t.punct = ps.punct;
      return t;
    }
  }
  for (uint8_t k = 0; k < cands.count; k++) {
    const PunctSpelling& ps = kPuncts[cands.index[k]];
    Scan look = sc;
    const char* q = ps.text;
    while (*q && look.cur() == *q && look.p < text_.size()) {
      look.advance();
      q++;
    }
    if (*q) continue;
    sc = look;
    pos_ = sc.p;
    t.kind = TokKind::Punct;
    t.punct = ps.punct;
    return t;
  }

  // Any other byte (a stray '@', '`' or backslash): a token of its own, reported by the parser
  // if it gets there (the preprocessor may legitimately pass it through a skipped group).
  sc.advance();
  return finish(TokKind::Other);
}

bool Lexer::header_name(std::string* out) {
  Scan sc{text_, pos_};
  for (;;) {
    char c = sc.cur();
    if (sc.p < text_.size() && is_hspace(c)) {
      sc.advance();
      continue;
    }
    if (c == '/' && sc.peek() == '*') {  // a comment before the header name
      sc.advance();
      sc.advance();
      while (sc.p < text_.size() && !(sc.cur() == '*' && sc.peek() == '/')) sc.advance();
      sc.advance();
      sc.advance();
      continue;
    }
    break;
  }
  if (sc.cur() != '<') return false;
  uint32_t start = sc.p;
  sc.advance();
  out->clear();
  for (;;) {
    char c = sc.cur();
    if (sc.p >= text_.size() || c == '\n') {
      LineCol lc = sources_.locate(SourceLoc{file_, start});
      diags_.error(lc.file, lc.line, lc.col, "missing terminating '>' character");
      pos_ = sc.p;
      return true;
    }
    sc.advance();
    if (c == '>') break;
    out->push_back(c);
  }
  pos_ = sc.p;
  at_line_start_ = false;
  return true;
}

void Lexer::skip_line() {
  Scan sc{text_, pos_};
  while (sc.p < text_.size()) {
    // Runs of ordinary characters go fast; what needs a closer look is rare in a line.
    while (sc.p < text_.size() && !is_line_stop(text_[sc.p])) sc.p++;
    char c = sc.cur();
    if (sc.p >= text_.size()) break;
    if (c == '\n') {
      sc.advance();
      break;
    }
    if (c == '/' && sc.peek() == '*') {  // a comment may go on past this line
      sc.advance();
      sc.advance();
      uint32_t end = block_comment_end(text_, sc.p);
      sc.p = end == kNotFound ? static_cast<uint32_t>(text_.size()) : end;
      continue;
    }
    if (c == '/' && sc.peek() == '/') {
      sc.p = line_comment_end(text_, sc.p);
      continue;
    }
    if (c == '"' || c == '\'') {  // quotes end at their match or at the line's end
      sc.advance();
      while (sc.p < text_.size() && sc.cur() != c && sc.cur() != '\n') {
        if (sc.cur() == '\\') sc.advance();
        if (sc.cur() != '\n') sc.advance();
      }
      if (sc.cur() == c) sc.advance();
      continue;
    }
    sc.advance();
  }
  pos_ = sc.p;
  at_line_start_ = true;
}

}  // namespace kite::c

// `kite cc -E`: the preprocessed token stream as text, like gcc -E: line markers where the
// file changes or lines jump, source lines kept where practical, a space where the source had
// one, and one more where two tokens from macros would otherwise run together.
#include <algorithm>

#include "kite/c.h"
#include "lexer.h"
#include "preprocess.h"

namespace kite::c {

namespace {

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Would `a` followed directly by `b` read back as different tokens?
bool could_paste(std::string_view a, TokKind ka, std::string_view b, TokKind kb) {
  if (a.empty() || b.empty()) return false;
  char x = a.back(), y = b[0];
  if (ident_char(x) && (ident_char(y) || kb == TokKind::String || kb == TokKind::Char)) return true;
  if (ka == TokKind::Number && (y == '.' || y == '+' || y == '-')) return true;
  if (ka == TokKind::Punct && kb == TokKind::Punct) {
    // The last character of one and the first of the next: do they begin a longer punctuator,
    // a digraph or a comment?
    static const char kPairs[][3] = {"++", "--", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "==",
                                     "!=", "<=", ">=", "<<", ">>", "&&", "||", "##", "..", "<:", ":>", "<%",
                                     "%>", "%:", "//", "/*"};
    for (const char* p : kPairs)
      if (p[0] == x && p[1] == y) return true;
    return false;
  }
  if (ka == TokKind::Punct && x == '.' && kb == TokKind::Number) return true;
  return false;
}

void append_marker(std::string* out, uint32_t line, std::string_view file) {
  *out += "# ";
  *out += std::to_string(line);
  *out += " \"";
  for (char c : file) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  *out += "\"\n";
}

}  // namespace

bool preprocess_to_text(std::string_view file_name, std::string_view text, const CompileOptions& opts,
                        Diagnostics& diags, std::string* out) {
  Interner names;
  SourceManager sources;
  Preprocessor pp(sources, names, opts, diags);
  pp.enter_main(file_name, text);
  out->clear();
  uint32_t cur_file = kNoFile;
  uint32_t cur_line = 0;
  std::string_view prev;
  TokKind prev_kind = TokKind::Eof;
  bool prev_macro = false;
  bool line_empty = true;
  for (;;) {
    Token t = pp.next();
    if (t.kind == TokKind::Eof) break;
    std::string_view s = t.kind == TokKind::Punct ? std::string_view(punct_text(t.punct)) : names.str(t.spelling);
    if (t.loc.file != cur_file || (t.flags & kAtLineStart)) {
      LineCol lc = sources.locate(t.loc);
      if (t.loc.file != cur_file || lc.line < cur_line || lc.line > cur_line + 8) {
        if (!line_empty) out->push_back('\n');
        append_marker(out, lc.line, lc.file);
        cur_file = t.loc.file;
        cur_line = lc.line;
        line_empty = true;
      } else {
        while (cur_line < lc.line) {
          out->push_back('\n');
          cur_line++;
          line_empty = true;
        }
      }
      if (line_empty && lc.col > 1) out->append(std::min<uint32_t>(lc.col - 1, 64), ' ');
    } else if (!line_empty) {
      bool from_macro = (t.flags & kFromMacro) || prev_macro;
      if ((t.flags & kLeadingSpace) || (from_macro && could_paste(prev, prev_kind, s, t.kind))) out->push_back(' ');
    }
    out->append(s);
    prev = s;
    prev_kind = t.kind;
    prev_macro = (t.flags & kFromMacro) != 0;
    line_empty = false;
  }
  if (!line_empty) out->push_back('\n');
  return !diags.has_errors();
}

}  // namespace kite::c

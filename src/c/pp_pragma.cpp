// `#pragma pack` (and `_Pragma("pack(...)")`): the preprocessor keeps gcc's maximum field
// alignment and its push/pop stack; the parser reads the value in effect when a struct or
// union body ends (TokenSource::pack_alignment), which is when gcc lays the record out.
#include <cstdlib>

#include "lexer.h"
#include "pp_impl.h"

namespace kite::c {

// gcc's handle_pragma_pack: pack(), pack(N), pack(push[, id][, N]), pack(pop[, id]). A
// malformed pragma is a warning and changes nothing.
void Preprocessor::Impl::pragma_pack(const std::vector<Token>& line) {
  const Token& at = line[0];
  size_t i = 1;
  auto tok = [&](size_t k) -> const Token* { return k < line.size() ? &line[k] : nullptr; };
  auto number = [&](const Token& t, int64_t* v) {
    std::string s(names.str(t.spelling));
    char* end = nullptr;
    unsigned long long x = strtoull(s.c_str(), &end, 0);
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L') end++;
    if (*end || x > 0x7fffffff) return false;
    *v = static_cast<int64_t>(x);
    return true;
  };
  if (!tok(i) || !tok(i)->is(Punct::LParen)) {
    warning(at, "missing '(' after '#pragma pack' - ignored");
    return;
  }
  i++;
  enum { Set, Push, Pop } action = Set;
  int64_t align = -1;
  NameId id = 0;
  const Token* t = tok(i);
  if (t && t->is(Punct::RParen)) {
    align = 0;
    i++;
  } else if (t && t->kind == TokKind::Number) {
    if (!number(*t, &align)) {
      warning(*t, "invalid constant in '#pragma pack' - ignored");
      return;
    }
    i++;
    if (!tok(i) || !tok(i)->is(Punct::RParen)) {
      warning(at, "malformed '#pragma pack' - ignored");
      return;
    }
    i++;
  } else if (t && t->kind == TokKind::Identifier) {
    std::string_view op = names.str(t->spelling);
    if (op == "push") {
      action = Push;
    } else if (op == "pop") {
      action = Pop;
    } else {
      warning(*t, "unknown action '%.*s' for '#pragma pack' - ignored", static_cast<int>(op.size()), op.data());
      return;
    }
    i++;
    const char* bad = action == Pop ? "malformed '#pragma pack(pop[, id])' - ignored"
                                    : "malformed '#pragma pack(push[, id][, <n>])' - ignored";
    while (tok(i) && tok(i)->is(Punct::Comma)) {
      const Token* a = tok(i + 1);
      if (a && a->kind == TokKind::Identifier && id == 0) {
        id = a->spelling;
      } else if (a && a->kind == TokKind::Number && action == Push && align == -1) {
        if (!number(*a, &align)) {
          warning(*a, "invalid constant in '#pragma pack' - ignored");
          return;
        }
      } else {
        warning(at, "%s", bad);
        return;
      }
      i += 2;
    }
    if (!tok(i) || !tok(i)->is(Punct::RParen)) {
      warning(at, "%s", bad);
      return;
    }
    i++;
  } else {
    warning(at, "malformed '#pragma pack' - ignored");
    return;
  }
  if (tok(i)) warning(*tok(i), "junk at end of '#pragma pack'");
  if (action != Pop) {
    if (align == -1 && action == Push) {
      align = pack_align;
    } else if (align != 0 && align != 1 && align != 2 && align != 4 && align != 8 && align != 16) {
      warning(at, "alignment must be a small power of two, not %d", static_cast<int>(align));
      return;
    }
  }
  switch (action) {
    case Set:
      pack_align = static_cast<uint32_t>(align);
      break;
    case Push:
      if (pack_stack.empty()) pack_default = pack_align;
      pack_stack.push_back({static_cast<uint32_t>(align), id});
      pack_align = static_cast<uint32_t>(align);
      break;
    case Pop: {
      if (pack_stack.empty()) {
        warning(at, "'#pragma pack (pop)' encountered without matching '#pragma pack (push)'");
        return;
      }
      // pop with an id drops everything above the entry pushed with it, then that entry.
      if (id) {
        size_t k = pack_stack.size();
        while (k > 0 && pack_stack[k - 1].second != id) k--;
        if (k == 0) {
          std::string_view s = names.str(id);
          warning(at, "'#pragma pack(pop, %.*s)' encountered without matching '#pragma pack(push, %.*s)'",
                  static_cast<int>(s.size()), s.data(), static_cast<int>(s.size()), s.data());
        } else {
          pack_stack.resize(k);
        }
      }
      pack_stack.pop_back();
      pack_align = pack_stack.empty() ? pack_default : pack_stack.back().first;
      break;
    }
  }
}

// _Pragma("pack(...)"): the string's contents, destringized (C11 6.10.9), lexed as a line.
void Preprocessor::Impl::pragma_operator(const Token& at, const Token& str) {
  std::string_view s = names.str(str.spelling);
  size_t q = s.find('"');
  if (q == std::string_view::npos || s.size() < q + 2) return;
  std::string text;
  for (size_t k = q + 1; k + 1 < s.size(); k++) {
    if (s[k] == '\\' && k + 2 < s.size() && (s[k + 1] == '"' || s[k + 1] == '\\')) k++;
    text.push_back(s[k]);
  }
  if (text == "once") {
    if (!files.empty()) once_files.insert(files.back().path);
    return;
  }
  size_t b = text.find_first_not_of(" \t");
  if (b == std::string::npos || text.compare(b, 4, "pack") != 0) return;  // other pragmas give no tokens
  uint32_t file = sources.add_file("<_Pragma>", text, at.loc, false);
  Lexer lexer(sources, file, names, diags);
  std::vector<Token> line;
  for (Token t = lexer.next(); t.kind != TokKind::Eof; t = lexer.next()) {
    t.loc = at.loc;  // diagnostics point at the _Pragma
    t.expansion = at.expansion;
    line.push_back(t);
  }
  if (!line.empty() && line[0].kind == TokKind::Identifier && names.str(line[0].spelling) == "pack") pragma_pack(line);
}

uint32_t Preprocessor::pack_alignment() const { return impl_->pack_align; }

}  // namespace kite::c

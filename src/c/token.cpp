// Punctuator spellings and the source manager's file table and line lookup.
#include "token.h"

#include <algorithm>

namespace kite::c {

const char* punct_text(Punct p) {
  switch (p) {
#define KITE_C_PUNCT_CASE(name, text) \
  case Punct::name: return text;
    KITE_C_PUNCTUATORS(KITE_C_PUNCT_CASE)
#undef KITE_C_PUNCT_CASE
  }
  return "?";
}

uint32_t SourceManager::add_file(std::string name, std::string text, SourceLoc included_from, bool system) {
  auto f = std::make_unique<SourceFile>();
  f->name = std::move(name);
  f->text = std::move(text);
  f->included_from = included_from;
  f->system = system;
  f->line_starts.push_back(0);
  for (uint32_t i = 0; i < f->text.size(); i++)
    if (f->text[i] == '\n') f->line_starts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<uint32_t>(files_.size() - 1);
}

LineCol SourceManager::locate(SourceLoc loc) const {
  LineCol lc;
  if (loc.file >= files_.size()) return lc;
  const SourceFile& f = *files_[loc.file];
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), loc.offset);
  uint32_t line = static_cast<uint32_t>(it - f.line_starts.begin());  // 1-based
  lc.file = f.name;
  lc.line = line;
  lc.col = loc.offset - f.line_starts[line - 1] + 1;
  return lc;
}

}  // namespace kite::c

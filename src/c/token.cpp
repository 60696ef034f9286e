// Punctuator spellings and the source manager's file table and line lookup.
#include "token.h"

#include <algorithm>
#include <cstring>

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
  f->line_starts.reserve(f->text.size() / 32 + 1);
  f->line_starts.push_back(0);
  // memchr: this scan touches every byte of every header, so it should be the libc's fast one.
  const char* base = f->text.data();
  const char* end = base + f->text.size();
  for (const char* p = base; (p = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p)))); p++)
    f->line_starts.push_back(static_cast<uint32_t>(p - base + 1));
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
  if (!f.remaps.empty() && loc.offset >= f.remaps[0].offset) {
    auto r = std::upper_bound(f.remaps.begin(), f.remaps.end(), loc.offset,
                              [](uint32_t off, const SourceFile::LineRemap& m) { return off < m.offset; });
    --r;
    lc.line = r->line + (line - r->phys_line);
    lc.file = *r->name;
  }
  return lc;
}

void SourceManager::add_line_remap(uint32_t file, uint32_t offset, uint32_t line, std::string_view name) {
  SourceFile& f = *files_[file];
  const std::string* n = nullptr;
  if (!f.remaps.empty() && f.remaps.back().name && *f.remaps.back().name == name) {
    n = f.remaps.back().name;
  } else if (name == f.name) {
    n = &f.name;
  } else {
    remap_names_.emplace_back(name);
    n = &remap_names_.back();
  }
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  uint32_t phys = static_cast<uint32_t>(it - f.line_starts.begin());
  f.remaps.push_back(SourceFile::LineRemap{offset, phys, line, n});
}

}  // namespace kite::c

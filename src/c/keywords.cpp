// The keyword table: spellings interned once, then a dense NameId -> Kw array.
#include "keywords.h"

#include <string_view>

namespace kite::c {

KeywordTable::KeywordTable(Interner& names) {
  static constexpr std::string_view kSpellings[] = {
#define KITE_C_KW_TEXT(name, text) text,
      KITE_C_KEYWORDS(KITE_C_KW_TEXT)
      KITE_C_GNU_EXPR_KEYWORDS(KITE_C_KW_TEXT)
#undef KITE_C_KW_TEXT
  };
  uint8_t kw = 1;
  for (std::string_view s : kSpellings) {
    NameId id = names.intern(s);
    if (id >= table_.size()) table_.resize(id + 1, 0);
    table_[id] = kw++;
  }
}

}  // namespace kite::c

// Open-addressing string interner (FNV-1a hash, linear probing, load factor <= 1/2).
#include "kite/interner.h"

#include <cstring>

namespace kite {

Interner::Interner() : slots_(kInternInitialSlots) { intern(""); }

NameId Interner::find(std::string_view s) const {
  uint32_t h = intern_hash(s);
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id_plus_one == 0) return UINT32_MAX;
    if (slot.hash == h && names_[slot.id_plus_one - 1] == s) return slot.id_plus_one - 1;
  }
}

NameId Interner::intern(std::string_view s) {
  uint32_t h = intern_hash(s);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id_plus_one == 0) break;
    if (slot.hash == h && names_[slot.id_plus_one - 1] == s) return slot.id_plus_one - 1;
  }
  NameId id = static_cast<NameId>(names_.size());
  names_.emplace_back(arena_.copy(s.data(), s.size()), s.size());
  slots_[i] = Slot{h, id + 1};
  if (names_.size() * 2 > slots_.size()) grow();
  return id;
}

void Interner::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id_plus_one == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace kite

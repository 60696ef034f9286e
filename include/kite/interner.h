// Interned names: each distinct string gets a dense 32-bit id, once per context. Passes and
// the parser compare ids, never strings. Id 0 is the empty string.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "kite/arena.h"

namespace kite {

using NameId = uint32_t;

class Interner {
 public:
  Interner();
  NameId intern(std::string_view s);
  // Returns the id or UINT32_MAX when s was never interned.
  NameId find(std::string_view s) const;
  std::string_view str(NameId id) const { return names_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(names_.size()); }
  size_t bytes_reserved() const {
    return arena_.bytes_reserved() + names_.capacity() * sizeof(std::string_view) + slots_.capacity() * sizeof(Slot);
  }

 private:
  struct Slot {
    uint32_t hash;
    uint32_t id_plus_one;  // 0 = empty slot
  };
  static uint32_t hash(std::string_view s);
  void grow();
  Arena arena_;
  std::vector<std::string_view> names_;
  std::vector<Slot> slots_;  // open addressing, linear probing, power-of-two size
};

}  // namespace kite

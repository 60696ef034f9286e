// Interned names: each distinct string gets a dense 32-bit id, once per context. Passes and
// the parser compare ids, never strings. Id 0 is the empty string.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kite/arena.h"

namespace kite {

using NameId = uint32_t;

// FNV-1a; constexpr so that tables of names can be hashed at compile time.
constexpr uint32_t intern_hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

struct InternSlot {
  uint32_t hash;
  uint32_t id_plus_one;  // 0 = empty slot
};

// The interner's state after interning "" and then `names` in order, computed at compile time
// by make_intern_table: a context starts from a copy of it instead of hashing its few hundred
// keywords on every creation. `distinct` is false when a name repeats (ids would not be dense).
template <size_t N, size_t S>
struct InternTable {
  std::array<std::string_view, N + 1> names;
  std::array<InternSlot, S> slots;
  bool distinct;
};

// An empty interner's slot count (a power of two).
constexpr size_t kInternInitialSlots = 512;

// The slot count the interner has after n + 1 names (it keeps the load factor <= 1/2).
constexpr size_t intern_table_slots(size_t n) {
  size_t s = kInternInitialSlots;
  while ((n + 1) * 2 > s) s *= 2;
  return s;
}

// Names must have static storage (string literals): the interner keeps views, not copies.
template <size_t N>
consteval InternTable<N, intern_table_slots(N)> make_intern_table(const std::array<std::string_view, N>& names) {
  InternTable<N, intern_table_slots(N)> t{};
  t.distinct = true;
  const size_t mask = t.slots.size() - 1;
  for (size_t id = 0; id <= N; id++) {
    std::string_view s = id == 0 ? std::string_view() : names[id - 1];
    uint32_t h = intern_hash(s);
    size_t i = h & mask;
    for (; t.slots[i].id_plus_one != 0; i = (i + 1) & mask)
      if (t.names[t.slots[i].id_plus_one - 1] == s) t.distinct = false;
    t.names[id] = s;
    t.slots[i] = InternSlot{h, static_cast<uint32_t>(id + 1)};
  }
  return t;
}

class Interner {
 public:
  Interner();
  // Starts with the names of a table from make_intern_table, with the same ids.
  template <size_t N, size_t S>
  explicit Interner(const InternTable<N, S>& table)
      : names_(table.names.begin(), table.names.end()), slots_(table.slots.begin(), table.slots.end()) {}
  NameId intern(std::string_view s);
  // Returns the id or UINT32_MAX when s was never interned.
  NameId find(std::string_view s) const;
  std::string_view str(NameId id) const { return names_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(names_.size()); }
  size_t bytes_reserved() const {
    return arena_.bytes_reserved() + names_.capacity() * sizeof(std::string_view) + slots_.capacity() * sizeof(Slot);
  }

 private:
  using Slot = InternSlot;
  void grow();
  Arena arena_;
  std::vector<std::string_view> names_;
  std::vector<Slot> slots_;  // open addressing, linear probing, power-of-two size
};

}  // namespace kite

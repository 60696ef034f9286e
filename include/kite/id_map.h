// A flat open-addressing map from 32-bit ids to 32-bit values (no per-entry allocation).
// Key UINT32_MAX is reserved as the empty marker.
#pragma once
#include <cstdint>
#include <vector>

namespace kite {

class IdMap {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;
  uint32_t get(uint32_t key) const {
    if (slots_.empty()) return kMissing;
    size_t mask = slots_.size() - 1;
    for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == key) return slots_[i].value;
      if (slots_[i].key == kMissing) return kMissing;
    }
  }
  void set(uint32_t key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    size_t mask = slots_.size() - 1;
    size_t i = mix(key) & mask;
    while (slots_[i].key != kMissing && slots_[i].key != key) i = (i + 1) & mask;
    if (slots_[i].key == kMissing) size_++;
    slots_[i] = Slot{key, value};
  }
  uint32_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
  }

 private:
  struct Slot {
    uint32_t key = kMissing;
    uint32_t value = kMissing;
  };
  static uint32_t mix(uint32_t k) { return k * 2654435761u; }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 16 : slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Slot& s : old)
      if (s.key != kMissing) set(s.key, s.value);
  }
  std::vector<Slot> slots_;
  uint32_t size_ = 0;
};

}  // namespace kite

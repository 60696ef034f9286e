// A bump allocator: objects are carved from large chunks and freed all at once. Everything it
// holds must be trivially destructible. Used for names, instructions and item payloads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

namespace kite {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  void* allocate(size_t size, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + align - 1) & ~(uintptr_t)(align - 1);
    if (p + size > reinterpret_cast<uintptr_t>(end_)) return allocate_slow(size, align);
    cur_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <typename T>
  T* make_array(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    T* p = static_cast<T*>(allocate(sizeof(T) * (n ? n : 1), alignof(T)));
    for (size_t i = 0; i < n; i++) new (p + i) T();
    return p;
  }

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T{static_cast<Args&&>(args)...};
  }

  // Copies bytes into the arena (not NUL-terminated unless the bytes are).
  const char* copy(const char* data, size_t n) {
    char* p = static_cast<char*>(allocate(n ? n : 1, 1));
    if (n) memcpy(p, data, n);
    return p;
  }

  void reset();                                        // frees every chunk but the first
  size_t bytes_reserved() const { return reserved_; }  // total chunk memory held

 private:
  void* allocate_slow(size_t size, size_t align);
  struct Chunk {
    Chunk* prev;
    size_t size;
  };
  Chunk* chunks_ = nullptr;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t reserved_ = 0;
};

}  // namespace kite

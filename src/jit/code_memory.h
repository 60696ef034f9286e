// Executable memory that is never writable and executable at once (W^X): code is written
// while its pages are read-write and then flipped to read-execute.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kite {

class CodeMemory {
 public:
  CodeMemory() = default;
  ~CodeMemory();
  CodeMemory(const CodeMemory&) = delete;
  CodeMemory& operator=(const CodeMemory&) = delete;

  // Copies code into executable memory and returns its address, or null when the system
  // refuses memory.
  void* install(const uint8_t* code, size_t size);

  // Bytes of code memory mapped by all CodeMemory objects of the process (for tests).
  static size_t mapped_bytes();

  // Test hook: called while an install has pages writable (and not executable), with them.
  using WriteObserver = void (*)(void* user, const void* pages, size_t length);
  static void set_write_observer(WriteObserver observer, void* user);

 private:
  struct Region {
    uint8_t* base;
    size_t size;
    size_t used;
  };
  std::vector<Region> regions_;
};

}  // namespace kite

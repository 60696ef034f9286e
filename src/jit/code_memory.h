// Executable memory that is never writable and executable at once (W^X): code is written
// through a separate read-write view of the same memory (see code_memory.cpp), so installing
// never disturbs code that is running. install() may be called from several threads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
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
    uint8_t* base;  // the executable view
    uint8_t* rw;    // the writable view (null: pages are flipped instead)
    int fd;
    size_t size;
    size_t used;
  };
  bool add_region(size_t len);
  std::vector<Region> regions_;
  std::mutex mutex_;
};

}  // namespace kite

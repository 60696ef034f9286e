// Code regions: mmap'd in 64 KiB steps, filled front to back. Each install flips the touched
// pages to read-write, copies, and flips them back to read-execute.
#include "code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace kite {
namespace {
CodeMemory::WriteObserver g_observer = nullptr;
std::atomic<size_t> g_mapped{0};
void* g_observer_user = nullptr;
}  // namespace

size_t CodeMemory::mapped_bytes() { return g_mapped.load(); }

void CodeMemory::set_write_observer(WriteObserver observer, void* user) {
  g_observer = observer;
  g_observer_user = user;
}

CodeMemory::~CodeMemory() {
  for (Region& r : regions_) {
    munmap(r.base, r.size);
    g_mapped -= r.size;
  }
}

void* CodeMemory::install(const uint8_t* code, size_t size) {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t need = (size + 15) & ~size_t(15);
  if (regions_.empty() || regions_.back().used + need > regions_.back().size) {
    size_t len = need > (64u << 10) ? (need + page - 1) & ~(page - 1) : (64u << 10);
    void* p = mmap(nullptr, len, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    regions_.push_back(Region{static_cast<uint8_t*>(p), len, 0});
    g_mapped += len;
  }
  Region& r = regions_.back();
  uint8_t* dst = r.base + r.used;
  uintptr_t first = reinterpret_cast<uintptr_t>(dst) & ~(page - 1);
  uintptr_t last = (reinterpret_cast<uintptr_t>(dst) + need + page - 1) & ~(page - 1);
  void* pages = reinterpret_cast<void*>(first);
  if (mprotect(pages, last - first, PROT_READ | PROT_WRITE) != 0) return nullptr;
  memcpy(dst, code, size);
  memset(dst + size, 0xCC, need - size);  // int3 padding
  if (g_observer) g_observer(g_observer_user, pages, last - first);
  if (mprotect(pages, last - first, PROT_READ | PROT_EXEC) != 0) return nullptr;
  __builtin___clear_cache(reinterpret_cast<char*>(dst), reinterpret_cast<char*>(dst + need));
  r.used += need;
  return dst;
}

}  // namespace kite

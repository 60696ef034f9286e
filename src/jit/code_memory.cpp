// Code regions, mmap'd in 64 KiB steps and filled front to back. Each region is one memfd
// mapped twice: a read-write view the installer writes through and a read-execute view that
// runs, so no page is ever writable and executable, and installing never touches pages other
// threads may be executing. Where memfd is unavailable, installs flip the touched pages
// RW -> RX instead (single-threaded use only).
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
const size_t kPage = static_cast<size_t>(sysconf(_SC_PAGESIZE));
}  // namespace

size_t CodeMemory::mapped_bytes() { return g_mapped.load(); }

void CodeMemory::set_write_observer(WriteObserver observer, void* user) {
  g_observer = observer;
  g_observer_user = user;
}

CodeMemory::~CodeMemory() {
  for (Region& r : regions_) {
    munmap(r.base, r.size);
    if (r.rw) munmap(r.rw, r.size);
    if (r.fd >= 0) close(r.fd);
    g_mapped -= r.size;
  }
}

bool CodeMemory::add_region(size_t len) {
  int fd = static_cast<int>(memfd_create("kite-code", MFD_CLOEXEC));
  if (fd >= 0 && ftruncate(fd, static_cast<off_t>(len)) == 0) {
    void* rx = mmap(nullptr, len, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    void* rw = rx == MAP_FAILED ? MAP_FAILED : mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rx != MAP_FAILED && rw != MAP_FAILED) {
      regions_.push_back(Region{static_cast<uint8_t*>(rx), static_cast<uint8_t*>(rw), fd, len, 0});
      g_mapped += len;
      return true;
    }
    if (rx != MAP_FAILED) munmap(rx, len);
  }
  if (fd >= 0) close(fd);
  void* p = mmap(nullptr, len, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return false;
  regions_.push_back(Region{static_cast<uint8_t*>(p), nullptr, -1, len, 0});
  g_mapped += len;
  return true;
}

void* CodeMemory::install(const uint8_t* code, size_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t need = (size + 15) & ~size_t(15);
  if (regions_.empty() || regions_.back().used + need > regions_.back().size) {
    size_t len = need > (64u << 10) ? (need + kPage - 1) & ~(kPage - 1) : (64u << 10);
    if (!add_region(len)) return nullptr;
  }
  Region& r = regions_.back();
  uint8_t* dst = r.base + r.used;
  if (r.rw) {
    uint8_t* w = r.rw + r.used;
    memcpy(w, code, size);
    memset(w + size, 0xCC, need - size);  // int3 padding
    if (g_observer) {
      uintptr_t first = reinterpret_cast<uintptr_t>(w) & ~(kPage - 1);
      uintptr_t last = (reinterpret_cast<uintptr_t>(w) + need + kPage - 1) & ~(kPage - 1);
      g_observer(g_observer_user, reinterpret_cast<void*>(first), last - first);
    }
  } else {
    uintptr_t first = reinterpret_cast<uintptr_t>(dst) & ~(kPage - 1);
    uintptr_t last = (reinterpret_cast<uintptr_t>(dst) + need + kPage - 1) & ~(kPage - 1);
    void* pages = reinterpret_cast<void*>(first);
    if (mprotect(pages, last - first, PROT_READ | PROT_WRITE) != 0) return nullptr;
    memcpy(dst, code, size);
    memset(dst + size, 0xCC, need - size);
    if (g_observer) g_observer(g_observer_user, pages, last - first);
    if (mprotect(pages, last - first, PROT_READ | PROT_EXEC) != 0) return nullptr;
  }
  __builtin___clear_cache(reinterpret_cast<char*>(dst), reinterpret_cast<char*>(dst + need));
  r.used += need;
  return dst;
}

}  // namespace kite

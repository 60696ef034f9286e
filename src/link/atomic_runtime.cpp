// Kite's own definitions of the atomic runtime functions (see atomic_runtime.h), made with the
// host compiler's __atomic builtins, which are lock-free instructions on x86-64 for every size
// here. The memory order arguments are passed on: gcc treats one that is not a constant as
// seq_cst, which is valid for every operation (an order only ever weakens the guarantees).
// The compare-exchange is always strong: a strong one is a valid weak one, and the weak flag
// has to be a constant for the builtin.
#include "atomic_runtime.h"

#include <cstdint>
#include <cstring>

namespace kite {
namespace {

template <class T>
T load(const volatile void* p, int order) {
  return __atomic_load_n(static_cast<const volatile T*>(p), order);
}

template <class T>
void store(volatile void* p, T v, int order) {
  __atomic_store_n(static_cast<volatile T*>(p), v, order);
}

template <class T>
T exchange(volatile void* p, T v, int order) {
  return __atomic_exchange_n(static_cast<volatile T*>(p), v, order);
}

template <class T>
bool compare_exchange(volatile void* p, void* expected, T desired, bool, int success, int failure) {
  return __atomic_compare_exchange_n(static_cast<volatile T*>(p), static_cast<T*>(expected), desired, false, success,
                                     failure);
}

// The read-modify-write operations, old value first (fetch_OP) and new value (OP_fetch).
#define KITE_ATOMIC_RMW(op)                                                 \
  template <class T>                                                        \
  T fetch_##op(volatile void* p, T v, int order) {                          \
    return __atomic_fetch_##op(static_cast<volatile T*>(p), v, order);      \
  }                                                                         \
  template <class T>                                                        \
  T op##_fetch(volatile void* p, T v, int order) {                          \
    return __atomic_##op##_fetch(static_cast<volatile T*>(p), v, order);    \
  }
KITE_ATOMIC_RMW(add)
KITE_ATOMIC_RMW(sub)
KITE_ATOMIC_RMW(and)
KITE_ATOMIC_RMW(or)
KITE_ATOMIC_RMW(xor)
KITE_ATOMIC_RMW(nand)
#undef KITE_ATOMIC_RMW

void thread_fence(int order) { __atomic_thread_fence(order); }

struct Entry {
  const char* name;
  void* address;
};

#define KITE_ATOMIC_SIZED(op)                                                          \
  {"__atomic_" #op "_1", reinterpret_cast<void*>(&op<uint8_t>)},                       \
      {"__atomic_" #op "_2", reinterpret_cast<void*>(&op<uint16_t>)},                  \
      {"__atomic_" #op "_4", reinterpret_cast<void*>(&op<uint32_t>)},                  \
      {"__atomic_" #op "_8", reinterpret_cast<void*>(&op<uint64_t>)}

const Entry kEntries[] = {
    KITE_ATOMIC_SIZED(load),      KITE_ATOMIC_SIZED(store),     KITE_ATOMIC_SIZED(exchange),
    KITE_ATOMIC_SIZED(compare_exchange),
    KITE_ATOMIC_SIZED(fetch_add), KITE_ATOMIC_SIZED(fetch_sub), KITE_ATOMIC_SIZED(fetch_and),
    KITE_ATOMIC_SIZED(fetch_or),  KITE_ATOMIC_SIZED(fetch_xor), KITE_ATOMIC_SIZED(fetch_nand),
    KITE_ATOMIC_SIZED(add_fetch), KITE_ATOMIC_SIZED(sub_fetch), KITE_ATOMIC_SIZED(and_fetch),
    KITE_ATOMIC_SIZED(or_fetch),  KITE_ATOMIC_SIZED(xor_fetch), KITE_ATOMIC_SIZED(nand_fetch),
    {"__kite_atomic_thread_fence", reinterpret_cast<void*>(&thread_fence)},
};
#undef KITE_ATOMIC_SIZED

}  // namespace

void* atomic_runtime_function(const char* name) {
  // Most imports are not atomics: one prefix test keeps the common lookup cheap.
  if (strncmp(name, "__atomic_", 9) != 0 && strncmp(name, "__kite_atomic_", 14) != 0) return nullptr;
  for (const Entry& e : kEntries)
    if (strcmp(e.name, name) == 0) return e.address;
  return nullptr;
}

}  // namespace kite

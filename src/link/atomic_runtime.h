// The atomic operations C code compiled by Kite calls (src/c/irgen_atomic.cpp): libatomic's
// sized entry points (`__atomic_load_4`, `__atomic_compare_exchange_8`, `__atomic_fetch_add_2`,
// ...; N = 1, 2, 4, 8) with its signatures, and `__kite_atomic_thread_fence(int order)`, which
// libatomic has no export for. The linker's default resolver takes these names from here
// before it looks in the process, so programs run without libatomic installed.
#pragma once

namespace kite {

// The address of Kite's definition of `name`, or null when it is none of these functions.
void* atomic_runtime_function(const char* name);

}  // namespace kite

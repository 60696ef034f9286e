// Internal-invariant checks. These fire only on bugs inside Kite, never because of bad input:
// bad input is reported through Diagnostics (see diagnostics.h).
#pragma once

namespace kite {
[[noreturn]] void assert_fail(const char* file, int line, const char* cond, const char* msg);
}  // namespace kite

#define KITE_ASSERT(cond, msg)                                        \
  do {                                                                \
    if (!(cond)) ::kite::assert_fail(__FILE__, __LINE__, #cond, msg); \
  } while (0)

#define kite_unreachable(msg) ::kite::assert_fail(__FILE__, __LINE__, "unreachable", msg)

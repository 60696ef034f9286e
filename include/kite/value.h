// One IR value in a 16-byte cell: the interpreter's argument/result exchange format, also
// used by the call glue between interpreted and native code.
#pragma once
#include <cstdint>

namespace kite {

union Value {
  int64_t i;
  uint64_t u;
  float f;
  double d;
  long double ld;
  void* p;
};
static_assert(sizeof(Value) == 16);

}  // namespace kite

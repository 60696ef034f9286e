// x86-64 register names as the text IR writes them (`global i64:x:r12`).
#pragma once
#include <string_view>

#include "kite/types.h"

namespace kite::x86_64 {

// rax..r15 hold integers, xmm0..xmm15 floats and doubles, st0/st1 long doubles. rsp and rbp
// are reserved for the frame and cannot hold a global.
bool hard_reg_fits(std::string_view name, Type type);

}  // namespace kite::x86_64

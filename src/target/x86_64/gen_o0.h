// The baseline x86-64 code generator (see gen_o0.cpp).
#pragma once
#include <string>

#include "target/target.h"

namespace kite::x86_64 {

bool generate_o0(const Func& f, const CallShape& shape, CompileEnv& env, CodeMemory& mem, CompiledFunc* out,
                 std::string* why);

}  // namespace kite::x86_64

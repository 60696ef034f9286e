// The baseline x86-64 code generator for -O0 and -O1 (see baseline_gen.cpp).
#pragma once
#include <string>

#include "target/target.h"

namespace kite::x86_64 {

bool generate_baseline(const Func& f, const CallShape& shape, int opt_level, CompileEnv& env, CodeMemory& mem,
                       CompiledFunc* out, std::string* why);

}  // namespace kite::x86_64

// Generators for the glue between the interpreter and native code (see call_glue.cpp).
#pragma once
#include "target/target.h"

namespace kite::x86_64 {

NativeCallGlue make_call_glue(const CallShape& shape, CodeMemory& mem);
void* make_shim(const CallShape& shape, void* fn_context, ShimEntry entry, CodeMemory& mem);
void* make_thunk(void* const* slot, CodeMemory& mem);
void* make_lazy_stub(void* const* slot, void* ctx, void (*compile)(void*), CodeMemory& mem);

}  // namespace kite::x86_64

// The interpreter as an Executor for the linker.
#pragma once
#include <memory>

#include "link/linker.h"

namespace kite::interp {

std::unique_ptr<Executor> make_executor();

}  // namespace kite::interp

// Translation of IR functions into the interpreter's threaded code.
#pragma once
#include "code.h"

namespace kite::interp {

bool translate(Linker& linker, FuncState& fs, Code& code, Diagnostics& diags);

}  // namespace kite::interp

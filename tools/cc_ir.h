// `kite cc -S FILE.c [-o OUT.mir]`: compiles C and prints the module's IR text.
#pragma once

namespace kite_tool {

// argv[first..argc) are the cc options after the command name; returns the exit status.
int cc_emit_ir(int argc, char** argv, int first);

}  // namespace kite_tool

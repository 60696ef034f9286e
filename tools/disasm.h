// Disassembly of generated code for `kite asm` and the compile filetests. Backed by capstone
// when it was found at build time (a debugging aid; the library never depends on it).
#pragma once
#include <cstdint>
#include <span>
#include <string>

namespace kite::tools {

bool have_disassembler();
// One instruction a line: "  offset  mnemonic operands"; empty without a disassembler.
std::string disassemble(std::span<const uint8_t> code);

}  // namespace kite::tools

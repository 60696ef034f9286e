// capstone-backed disassembly (see disasm.h).
#include "disasm.h"

#include <cstdio>

#ifdef KITE_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

namespace kite::tools {

#ifdef KITE_HAVE_CAPSTONE
bool have_disassembler() { return true; }

std::string disassemble(std::span<const uint8_t> code) {
  csh handle;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) return "";
  cs_insn* insns = nullptr;
  size_t n = cs_disasm(handle, code.data(), code.size(), 0, 0, &insns);
  std::string out;
  char line[256];
  for (size_t i = 0; i < n; i++) {
    snprintf(line, sizeof line, "  %4llx  %s%s%s\n", static_cast<unsigned long long>(insns[i].address),
             insns[i].mnemonic, insns[i].op_str[0] ? " " : "", insns[i].op_str);
    out += line;
  }
  if (n) cs_free(insns, n);
  cs_close(&handle);
  return out;
}
#else
bool have_disassembler() { return false; }
std::string disassemble(std::span<const uint8_t>) { return ""; }
#endif

}  // namespace kite::tools

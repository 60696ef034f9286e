// x86-64 register name table for `global` variables.
#include "registers.h"

namespace kite::x86_64 {

bool hard_reg_fits(std::string_view name, Type type) {
  static constexpr std::string_view kGpr[] = {"rax", "rcx", "rdx", "rbx", "rsi", "rdi", "r8",
                                              "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
  for (std::string_view r : kGpr)
    if (name == r) return type == Type::I64;
  if (name.size() >= 4 && name.substr(0, 3) == "xmm") {
    std::string_view num = name.substr(3);
    int n = 0;
    for (char c : num) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    if (num.size() > 2 || (num.size() == 2 && num[0] == '0') || n > 15) return false;
    return type == Type::F || type == Type::D;
  }
  if (name == "st0" || name == "st1") return type == Type::LD;
  return false;
}

}  // namespace kite::x86_64

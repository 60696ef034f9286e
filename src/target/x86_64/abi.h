// The SysV x86-64 calling convention as Kite uses it: where each argument of a call lives,
// and the variadic-argument list (va_list) layout.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "target/target.h"

namespace kite::x86_64 {

enum class ArgLocKind : uint8_t { IntReg, SseReg, Stack, Regs };
enum class EightbyteClass : uint8_t { Int, Sse };

struct ArgLoc {
  ArgLocKind kind;
  uint8_t reg;       // IntReg/SseReg: the register number among the argument registers
  uint8_t nregs;     // Regs (a block in registers): 1 or 2 eightbytes
  EightbyteClass cls[2];
  uint8_t regs[2];   // Regs: register number of each eightbyte (in its class)
  uint32_t offset;   // Stack: offset from the first stack argument
};

struct ArgLayout {
  std::vector<ArgLoc> locs;
  uint32_t int_regs = 0;    // integer argument registers used
  uint32_t sse_regs = 0;    // SSE argument registers used
  uint32_t stack_size = 0;  // bytes of stack arguments (a multiple of 8)
};

constexpr uint32_t kNumIntArgRegsAbi = 6;
constexpr uint32_t kNumSseArgRegsAbi = 8;

ArgLayout classify_args(const std::vector<ArgShape>& args, size_t count);

// Offsets in the register save area a shim builds (the va_list reg_save_area layout).
constexpr uint32_t kRegSaveIntOffset = 0;   // rdi, rsi, rdx, rcx, r8, r9
constexpr uint32_t kRegSaveSseOffset = 48;  // xmm0..xmm7, 16 bytes each
constexpr uint32_t kRegSaveSize = 176;

struct VaList {
  uint32_t gp_offset;
  uint32_t fp_offset;
  uint8_t* overflow_arg_area;
  uint8_t* reg_save_area;
};
static_assert(sizeof(VaList) == 24);

}  // namespace kite::x86_64

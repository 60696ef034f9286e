// Machinize: what the x86-64 code for each IR instruction needs from the register file,
// decided before register allocation so the allocator can honour it.
//  - Fixed registers: the ones the code names because the machine or the ABI says so (rax and
//    rdx for division, rcx for a shift count, argument and result registers for calls and
//    ret; a call clobbers every caller-saved register).
//  - Temporaries: registers the code needs for the instruction's duration, any free ones
//    (values of spilled operands, address parts, constants). They are named by role; the
//    generator binds each role to a register that no live variable holds at that
//    instruction, and the allocator keeps enough caller-saved registers free for that.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/cfg.h"
#include "codegen/linear_scan.h"
#include "kite/ir.h"

namespace kite::x86_64 {

// Temporaries by role: two integer values, two address parts, two XMM values.
enum TempRole : uint8_t { kT0 = 1, kT1 = 2, kA0 = 4, kA1 = 8, kX0 = 16, kX1 = 32 };
constexpr uint8_t kGprRoles = kT0 | kT1 | kA0 | kA1;
constexpr uint8_t kXmmRoles = kX0 | kX1;

struct InsnRegs {
  uint16_t fixed_gpr = 0;  // bit per register number
  uint16_t fixed_xmm = 0;
  uint8_t roles = 0;       // temporaries its code may use
  bool calls = false;      // calls out: every caller-saved register is clobbered
  // The fixed registers stay in use while outputs are written (several call results), so
  // no output may live in one either.
  bool fixed_at_write = false;
  // Only the operand bound for the fixed register is read there (a single returned value),
  // so it may already live in it: the fixed register is not clobbered for the allocator.
  bool fixed_in_place = false;
  // A call whose sequence reads arguments from wherever they live (moving the ones it would
  // overwrite to their frame slots first): values read only by the call may stay in
  // caller-saved registers; only values live across it lose them.
  bool args_in_place = false;
};

InsnRegs insn_regs(const Func& f, const Insn& in);

// The register file the allocator works over, per class (0 integer, 1 XMM): every register
// but rsp and rbp, less those `taken` (bit per register: hard-register globals), each list in
// order of preference (the registers temporaries prefer come last).
void register_file(const uint16_t taken[2], RegisterClass regs[2]);

struct MachineConstraints {
  std::vector<InsnRegs> insns;  // by instruction index in CFG order
  RegisterClobbers clobbers;
  RegisterHints hints;  // call results and returned values in rax/xmm0; copies and
                        // two-address destinations with their source
  uint32_t reserve[2] = {0, 0};  // most temporaries plus fixed registers any non-call needs
};

// Over the function in CFG order; caller_saved[c] lists the caller-saved registers of class c
// the allocator may use.
MachineConstraints machinize(const Func& f, const Cfg& cfg, const uint16_t caller_saved[2]);

// The constraints as text (--dump-after=machinize): the reserve, then one line per
// instruction that has any: "  INDEX OPCODE: fixed REGS; temps ROLES; calls".
void describe(const Func& f, const Cfg& cfg, const MachineConstraints& mc, std::string& out);

}  // namespace kite::x86_64

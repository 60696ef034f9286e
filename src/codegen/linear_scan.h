// Linear-scan register allocation (Poletto and Sarkar) over whole-variable live intervals:
// intervals are visited by start; a free register of the variable's class is taken when one
// is available; otherwise the cheapest of the competing intervals (by loop-weighted uses) is
// spilled to its frame slot for the whole function. O(V log V + V * R log C).
//
// The target describes its register file and its constraints, nothing else is assumed:
//  - every register of a class, caller-saved ones first, each list in order of preference;
//  - clobbers: positions at which a register cannot hold a live variable (a call clobbers the
//    caller-saved registers; a division needs rax and rdx; a shift needs rcx; ...), checked
//    against the variable's exact live ranges, so a clobber in a hole does not matter;
//  - a cap on how many caller-saved registers may hold variables at any one instruction, so
//    that the temporaries an instruction's code needs (at most `reserve` of them) are free
//    there, whichever registers those turn out to be.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "analysis/liveness.h"

namespace kite {

constexpr int kMaxClassRegs = 32;  // register numbers of one class are below this

// A short list of register numbers, in order (no heap).
class RegList {
 public:
  RegList() = default;
  RegList(std::initializer_list<uint8_t> regs) {
    for (uint8_t r : regs) push_back(r);
  }
  void push_back(uint8_t r) { regs_[n_++] = r; }
  const uint8_t* begin() const { return regs_; }
  const uint8_t* end() const { return regs_ + n_; }
  uint32_t size() const { return n_; }

 private:
  uint8_t regs_[kMaxClassRegs] = {};
  uint32_t n_ = 0;
};

struct RegisterClass {
  RegList caller_saved;  // free to use; clobbered by calls
  RegList callee_saved;  // the function must save them before use
  uint32_t reserve = 0;  // caller-saved registers left free at every instruction for temporaries
};

// Positions (see Liveness) at which a register holds no variable, per class and register.
class RegisterClobbers {
 public:
  // Clobbered at pos (positions of one register arrive in order).
  void add(int cls, uint8_t reg, uint32_t pos) { add_half(cls, reg, 2 * pos); }
  // Clobbered between pos and pos + 1: a call that reads its arguments at pos and writes its
  // result at pos + 1 clobbers only values that live across it.
  void add_between(int cls, uint8_t reg, uint32_t pos) { add_half(cls, reg, 2 * pos + 1); }
  // Whether reg is clobbered anywhere in [start, end].
  bool any_in(int cls, uint8_t reg, uint32_t start, uint32_t end) const {
    return !at_[cls][reg].empty() && any_in_list(at_[cls][reg], start, end);
  }

 private:
  void add_half(int cls, uint8_t reg, uint32_t half);
  static bool any_in_list(const std::vector<uint32_t>& v, uint32_t start, uint32_t end);
  std::vector<uint32_t> at_[2][kMaxClassRegs];  // in half positions (2 * pos, or 2 * pos + 1)
};

// Preferences that save moves, by VarId: a register the value is wanted in (a call's result
// register, the return register), and a variable whose register it should share when that
// one ends where this one starts (the source of a copy, the first operand of a two-address
// instruction). Taken only when free and allowed.
struct RegisterHints {
  std::vector<int16_t> reg;  // -1: none
  std::vector<VarId> var;    // kNone: none
};

struct Allocation {
  static constexpr int16_t kSpilled = -1;
  std::vector<int16_t> reg;  // by VarId: a target register number, or kSpilled
};

// classes[v]: 0 = integer, 1 = floating point, -1 = never in a register (stays in memory).
Allocation linear_scan(const Liveness& lv, const std::vector<int8_t>& classes, const RegisterClass regs[2],
                       const RegisterClobbers& clobbers, const RegisterHints* hints = nullptr);

}  // namespace kite

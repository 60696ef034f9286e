// A small x86-64 machine-code assembler: the instruction forms Kite's call glue needs today.
// The code generator extends it; encodings follow the Intel SDM (REX, ModRM, SIB).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kite::x86_64 {

enum Reg : uint8_t { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
enum Xmm : uint8_t { XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7 };

// SysV argument registers, in order.
constexpr Reg kIntArgRegs[6] = {RDI, RSI, RDX, RCX, R8, R9};
constexpr int kNumIntArgRegs = 6;
constexpr int kNumSseArgRegs = 8;

struct Mem {
  Reg base;
  int32_t disp;
};

class Assembler {
 public:
  const std::vector<uint8_t>& code() const { return code_; }
  size_t size() const { return code_.size(); }

  void mov(Reg dst, Reg src);          // mov dst, src (64-bit)
  void mov(Reg dst, Mem src);          // mov dst, qword [src]
  void mov(Mem dst, Reg src);          // mov qword [dst], src
  void mov_imm64(Reg dst, uint64_t v);  // movabs dst, v
  void mov_imm32(Reg dst, uint32_t v);  // mov dst32, v (zero-extends)
  void mov8(Reg dst, Mem src);         // movzx dst32, byte [src]
  void mov8(Mem dst, Reg src);         // mov byte [dst], src8
  void lea(Reg dst, Mem src);
  void movsd(Xmm dst, Mem src);  // loads 8 bytes, clears the upper half
  void movsd(Mem dst, Xmm src);
  void movss(Xmm dst, Mem src);
  void movss(Mem dst, Xmm src);
  void movdqu(Xmm dst, Mem src);
  void movdqu(Mem dst, Xmm src);
  void fld80(Mem src);   // fld tbyte [src]
  void fstp80(Mem dst);  // fstp tbyte [dst]
  void push(Reg r);
  void pop(Reg r);
  void add_imm(Reg r, int32_t v);
  void sub_imm(Reg r, int32_t v);
  void call(Reg r);
  void jmp(Mem target);  // jmp qword [target]
  void leave();
  void ret();

 private:
  void byte(uint8_t b) { code_.push_back(b); }
  void imm32(uint32_t v);
  void rex(bool w, unsigned reg, unsigned rm, bool force = false);
  void modrm_mem(unsigned reg, Mem m);
  std::vector<uint8_t> code_;
};

}  // namespace kite::x86_64

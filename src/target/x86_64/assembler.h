// A small x86-64 machine-code assembler: the instruction forms Kite's call glue and code
// generator emit. Encodings follow the Intel SDM (legacy prefix, REX, opcode, ModRM, SIB,
// displacement, immediate). Jumps to labels are rel32 and patched when the label is bound.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kite::x86_64 {

enum Reg : uint8_t { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15, kNoReg = 0xFF };
enum Xmm : uint8_t { XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7, XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15 };

// Condition codes (the low nibble of Jcc/SETcc).
enum Cond : uint8_t { O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G };

// SysV argument registers, in order.
constexpr Reg kIntArgRegs[6] = {RDI, RSI, RDX, RCX, R8, R9};

const char* gpr_name(Reg r);  // "rax" ... "r15"
constexpr int kNumIntArgRegs = 6;
constexpr int kNumSseArgRegs = 8;

// [base + index * scale + disp]; base may be kNoReg when an index is present.
struct Mem {
  Reg base;
  int32_t disp = 0;
  Reg index = kNoReg;
  uint8_t scale = 1;
};

enum class Alu : uint8_t { Add = 0, Or = 1, And = 4, Sub = 5, Xor = 6, Cmp = 7 };
enum class Unary : uint8_t { Not = 2, Neg = 3, Mul = 4, IMul = 5, Div = 6, IDiv = 7 };
enum class Shift : uint8_t { Shl = 4, Shr = 5, Sar = 7 };
enum class Width : uint8_t { W8, W16, W32, W64 };

struct Label {
  int32_t pos = -1;  // bound position, or -1
  struct Fixup {
    uint32_t at;    // the rel32 field
    uint32_t base;  // what the value is relative to (end of instruction, or a table start)
  };
  std::vector<Fixup> fixups;          // fields waiting for the position
  std::vector<uint32_t> listing_refs;  // listing lines waiting for the position
};

class Assembler {
 public:
  const std::vector<uint8_t>& code() const { return code_; }
  size_t size() const { return code_.size(); }

  // The assembly printer: with a listing on, every instruction also appends a line
  // "  offset  mnemonic operands" (Intel syntax, the conventions capstone uses) to it.
  // Call finish_listing() once every label is bound.
  void set_listing(std::string* out) { listing_ = out; }
  void finish_listing();

  // Moves.
  void mov(Reg dst, Reg src);           // 64-bit
  void mov32(Reg dst, Reg src);         // 32-bit (zero-extends)
  void mov(Reg dst, Mem src);           // load 64
  void mov(Mem dst, Reg src);           // store 64
  void mov_imm64(Reg dst, uint64_t v);  // shortest form that gives the 64-bit value
  void mov_imm32(Reg dst, uint32_t v);  // mov dst32, v (zero-extends)
  void mov8(Reg dst, Mem src);          // movzx dst32, byte [src]
  void mov8(Mem dst, Reg src);          // mov byte [dst], src8
  // Loads that extend (signed/unsigned, 8/16/32 bits) into a 64-bit register.
  void load_ext(Reg dst, Mem src, Width w, bool is_signed);
  void store(Mem dst, Reg src, Width w);
  // mov [dst], imm: the low bytes of imm at widths 8..32; 64 stores imm sign-extended.
  void store_imm(Mem dst, int32_t imm, Width w);
  void extend(Reg dst, Reg src, Width w, bool is_signed);  // movsx/movzx/movsxd/mov32 reg-reg
  void lea(Reg dst, Mem src);

  // Integer arithmetic.
  void alu(Alu op, Reg dst, Reg src, bool w64 = true);
  void alu_imm(Alu op, Reg dst, int32_t imm, bool w64 = true);
  void imul(Reg dst, Reg src, bool w64 = true);
  void imul_imm(Reg dst, Reg src, int32_t imm, bool w64 = true);  // dst = src * imm
  void alu(Alu op, Reg dst, Mem src, bool w64 = true);             // dst op= [src]
  void imul(Reg dst, Mem src, bool w64 = true);
  void unary(Unary op, Reg r, bool w64 = true);
  void shift_cl(Shift op, Reg r, bool w64 = true);
  void shift_imm(Shift op, Reg r, uint8_t count, bool w64 = true);
  void test(Reg a, Reg b, bool w64 = true);
  void cqo();
  void cdq();
  void setcc(Cond c, Reg r8);  // al, cl, dl, bl only
  void add_imm(Reg r, int32_t v) { alu_imm(Alu::Add, r, v); }
  void sub_imm(Reg r, int32_t v) { alu_imm(Alu::Sub, r, v); }

  // SSE scalar.
  void movsd(Xmm dst, Mem src);  // loads 8 bytes, clears the upper half
  void movsd(Mem dst, Xmm src);
  void movss(Xmm dst, Mem src);
  void movss(Mem dst, Xmm src);
  void movdqu(Xmm dst, Mem src);
  void movdqu(Mem dst, Xmm src);
  void sse(uint8_t prefix, uint8_t op, Xmm dst, Xmm src);     // prefix 0 = none
  // Scalar arithmetic (0x58 add, 0x59 mul, 0x5C sub, 0x5E div; prefix F2 double, F3 float)
  // and ucomis (0x2E; prefix 66 double, 0 float) with a memory operand.
  void sse(uint8_t prefix, uint8_t op, Xmm dst, Mem src);
  void movq_to_xmm(Xmm dst, Reg src);                         // movq xmm, r64
  void movq_from_xmm(Reg dst, Xmm src);                       // movq r64, xmm
  void cvtsi2s(bool dbl, Xmm dst, Reg src);                   // cvtsi2sd/ss xmm, r64
  void cvtts2si(bool dbl, Reg dst, Xmm src);                  // cvttsd2si/cvttss2si r64, xmm

  // x87.
  void fld80(Mem src);   // fld tbyte [src]
  void fstp80(Mem dst);  // fstp tbyte [dst]
  void fld64(Mem src);
  void fstp64(Mem dst);
  void fld32(Mem src);
  void fstp32(Mem dst);
  void fild64(Mem src);
  void fisttp64(Mem dst);
  // Bytes the assembler has no method for, with their text for the listing.
  void raw(std::initializer_list<uint8_t> bytes, const char* text) {
    size_t at = code_.size();
    for (uint8_t b : bytes) byte(b);
    if (listing_) list(at, text);
  }

  // Control.
  void push(Reg r);
  void pop(Reg r);
  void call(Reg r);
  void call(Mem target);  // call qword [target]
  void jmp(Reg r);
  void jmp(Mem target);  // jmp qword [target]
  void jmp(Label& l);
  void jcc(Cond c, Label& l);
  void lea_label(Reg dst, Label& l);  // lea dst, [rip + label]
  void bind(Label& l);
  void leave();
  void ret();
  // A 32-bit word holding (label - base_pos), for jump tables; patched at bind.
  void label_offset32(Label& l, uint32_t base_pos);
  void align(uint32_t n);

 private:
  void byte(uint8_t b) { code_.push_back(b); }
  void imm32(uint32_t v);
  void rex(bool w, unsigned reg, unsigned index, unsigned base, bool force = false);
  void rex_mem(bool w, unsigned reg, const Mem& m, bool force = false);
  void modrm_mem(unsigned reg, const Mem& m);
  void op_mem(uint8_t prefix, bool w, std::initializer_list<uint8_t> opcode, unsigned reg, const Mem& m,
              bool force_rex = false);
  void op_rr(uint8_t prefix, bool w, std::initializer_list<uint8_t> opcode, unsigned reg, unsigned rm,
             bool force_rex = false);
  void rel32(Label& l, uint32_t base);  // emits a rel32 field relative to base
  void list(size_t at, std::string text);
  void list_label_ref(size_t at, std::string prefix, Label* l, std::string suffix, bool rip_relative);
  std::vector<uint8_t> code_;
  std::string* listing_ = nullptr;
  struct Line {
    size_t at;
    std::string text;
    bool refers = false;           // ends with a label's position (absolute, or rip-relative)
    int64_t target = -1;
    std::string suffix;
    bool rip_relative = false;
  };
  std::vector<Line> lines_;
};

}  // namespace kite::x86_64

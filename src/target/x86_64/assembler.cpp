// x86-64 instruction encoding: legacy prefix, REX (W R X B), opcode, ModRM, SIB, disp8/32.
#include "assembler.h"

#include <cstring>

#include "kite/assert.h"

namespace kite::x86_64 {

void Assembler::imm32(uint32_t v) {
  for (int i = 0; i < 4; i++) byte(static_cast<uint8_t>(v >> (8 * i)));
}

// REX = 0100WRXB; emitted when W is set, an extended register is used, or forced (byte
// registers spl/bpl/sil/dil).
void Assembler::rex(bool w, unsigned reg, unsigned index, unsigned base, bool force) {
  uint8_t r = static_cast<uint8_t>(0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((index != kNoReg && (index & 8)) ? 2 : 0) |
                                   ((base != kNoReg && (base & 8)) ? 1 : 0));
  if (r != 0x40 || force) byte(r);
}

void Assembler::rex_mem(bool w, unsigned reg, const Mem& m, bool force) { rex(w, reg, m.index, m.base, force); }

void Assembler::modrm_mem(unsigned reg, const Mem& m) {
  unsigned r = (reg & 7) << 3;
  if (m.base == kNoReg) {  // [index * scale + disp32]
    KITE_ASSERT(m.index != kNoReg, "memory operand without base or index");
    byte(static_cast<uint8_t>(r | 4));
    unsigned ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
    byte(static_cast<uint8_t>((ss << 6) | ((m.index & 7) << 3) | 5));
    imm32(static_cast<uint32_t>(m.disp));
    return;
  }
  unsigned base = m.base & 7;
  unsigned mod = (m.disp == 0 && base != 5) ? 0 : (m.disp >= -128 && m.disp <= 127) ? 1 : 2;
  if (m.index != kNoReg) {
    KITE_ASSERT(m.index != RSP, "rsp cannot be an index");
    unsigned ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
    byte(static_cast<uint8_t>((mod << 6) | r | 4));
    byte(static_cast<uint8_t>((ss << 6) | ((m.index & 7) << 3) | base));
  } else {
    byte(static_cast<uint8_t>((mod << 6) | r | base));
    if (base == 4) byte(0x24);  // SIB: no index, base = rsp/r12
  }
  if (mod == 1) byte(static_cast<uint8_t>(m.disp));
  if (mod == 2) imm32(static_cast<uint32_t>(m.disp));
}

void Assembler::op_mem(uint8_t prefix, bool w, std::initializer_list<uint8_t> opcode, unsigned reg, const Mem& m,
                       bool force_rex) {
  if (prefix) byte(prefix);
  rex_mem(w, reg, m, force_rex);
  for (uint8_t b : opcode) byte(b);
  modrm_mem(reg, m);
}

void Assembler::op_rr(uint8_t prefix, bool w, std::initializer_list<uint8_t> opcode, unsigned reg, unsigned rm,
                      bool force_rex) {
  if (prefix) byte(prefix);
  rex(w, reg, kNoReg, rm, force_rex);
  for (uint8_t b : opcode) byte(b);
  byte(static_cast<uint8_t>(0xC0 | ((reg & 7) << 3) | (rm & 7)));
}

void Assembler::mov(Reg dst, Reg src) { op_rr(0, true, {0x89}, src, dst); }
void Assembler::mov32(Reg dst, Reg src) { op_rr(0, false, {0x89}, src, dst); }
void Assembler::mov(Reg dst, Mem src) { op_mem(0, true, {0x8B}, dst, src); }
void Assembler::mov(Mem dst, Reg src) { op_mem(0, true, {0x89}, src, dst); }

void Assembler::mov_imm64(Reg dst, uint64_t v) {
  if (v <= 0xFFFFFFFFull) {
    mov_imm32(dst, static_cast<uint32_t>(v));
  } else if (static_cast<int64_t>(v) >= INT32_MIN && static_cast<int64_t>(v) < 0) {
    rex(true, 0, kNoReg, dst);  // mov r/m64, imm32 (sign-extended)
    byte(0xC7);
    byte(static_cast<uint8_t>(0xC0 | (dst & 7)));
    imm32(static_cast<uint32_t>(v));
  } else {
    rex(true, 0, kNoReg, dst);
    byte(static_cast<uint8_t>(0xB8 | (dst & 7)));
    imm32(static_cast<uint32_t>(v));
    imm32(static_cast<uint32_t>(v >> 32));
  }
}

void Assembler::mov_imm32(Reg dst, uint32_t v) {
  rex(false, 0, kNoReg, dst);
  byte(static_cast<uint8_t>(0xB8 | (dst & 7)));
  imm32(v);
}

void Assembler::mov8(Reg dst, Mem src) { op_mem(0, false, {0x0F, 0xB6}, dst, src); }
void Assembler::mov8(Mem dst, Reg src) { op_mem(0, false, {0x88}, src, dst, src >= RSP); }

void Assembler::load_ext(Reg dst, Mem src, Width w, bool is_signed) {
  switch (w) {
    case Width::W8: op_mem(0, is_signed, {0x0F, static_cast<uint8_t>(is_signed ? 0xBE : 0xB6)}, dst, src); break;
    case Width::W16: op_mem(0, is_signed, {0x0F, static_cast<uint8_t>(is_signed ? 0xBF : 0xB7)}, dst, src); break;
    case Width::W32:
      if (is_signed)
        op_mem(0, true, {0x63}, dst, src);  // movsxd
      else
        op_mem(0, false, {0x8B}, dst, src);  // mov r32 zero-extends
      break;
    case Width::W64: mov(dst, src); break;
  }
}

void Assembler::store(Mem dst, Reg src, Width w) {
  switch (w) {
    case Width::W8: mov8(dst, src); break;
    case Width::W16: op_mem(0x66, false, {0x89}, src, dst); break;
    case Width::W32: op_mem(0, false, {0x89}, src, dst); break;
    case Width::W64: mov(dst, src); break;
  }
}

void Assembler::extend(Reg dst, Reg src, Width w, bool is_signed) {
  switch (w) {
    case Width::W8: op_rr(0, is_signed, {0x0F, static_cast<uint8_t>(is_signed ? 0xBE : 0xB6)}, dst, src, src >= RSP); break;
    case Width::W16: op_rr(0, is_signed, {0x0F, static_cast<uint8_t>(is_signed ? 0xBF : 0xB7)}, dst, src); break;
    case Width::W32:
      if (is_signed)
        op_rr(0, true, {0x63}, dst, src);
      else
        mov32(dst, src);
      break;
    case Width::W64: mov(dst, src); break;
  }
}

void Assembler::lea(Reg dst, Mem src) { op_mem(0, true, {0x8D}, dst, src); }

void Assembler::alu(Alu op, Reg dst, Reg src, bool w64) {
  op_rr(0, w64, {static_cast<uint8_t>(static_cast<uint8_t>(op) * 8 + 1)}, src, dst);
}

void Assembler::alu_imm(Alu op, Reg dst, int32_t imm, bool w64) {
  if (imm >= -128 && imm <= 127) {
    op_rr(0, w64, {0x83}, static_cast<unsigned>(op), dst);
    byte(static_cast<uint8_t>(imm));
  } else {
    op_rr(0, w64, {0x81}, static_cast<unsigned>(op), dst);
    imm32(static_cast<uint32_t>(imm));
  }
}

void Assembler::imul(Reg dst, Reg src, bool w64) { op_rr(0, w64, {0x0F, 0xAF}, dst, src); }
void Assembler::unary(Unary op, Reg r, bool w64) { op_rr(0, w64, {0xF7}, static_cast<unsigned>(op), r); }
void Assembler::shift_cl(Shift op, Reg r, bool w64) { op_rr(0, w64, {0xD3}, static_cast<unsigned>(op), r); }
void Assembler::shift_imm(Shift op, Reg r, uint8_t count, bool w64) {
  op_rr(0, w64, {0xC1}, static_cast<unsigned>(op), r);
  byte(count);
}
void Assembler::test(Reg a, Reg b, bool w64) { op_rr(0, w64, {0x85}, b, a); }
void Assembler::cqo() { raw({0x48, 0x99}); }
void Assembler::cdq() { byte(0x99); }
void Assembler::setcc(Cond c, Reg r8) { op_rr(0, false, {0x0F, static_cast<uint8_t>(0x90 | c)}, 0, r8, r8 >= RSP); }

void Assembler::movsd(Xmm dst, Mem src) { op_mem(0xF2, false, {0x0F, 0x10}, dst, src); }
void Assembler::movsd(Mem dst, Xmm src) { op_mem(0xF2, false, {0x0F, 0x11}, src, dst); }
void Assembler::movss(Xmm dst, Mem src) { op_mem(0xF3, false, {0x0F, 0x10}, dst, src); }
void Assembler::movss(Mem dst, Xmm src) { op_mem(0xF3, false, {0x0F, 0x11}, src, dst); }
void Assembler::movdqu(Xmm dst, Mem src) { op_mem(0xF3, false, {0x0F, 0x6F}, dst, src); }
void Assembler::movdqu(Mem dst, Xmm src) { op_mem(0xF3, false, {0x0F, 0x7F}, src, dst); }
void Assembler::sse(uint8_t prefix, uint8_t op, Xmm dst, Xmm src) { op_rr(prefix, false, {0x0F, op}, dst, src); }
void Assembler::movq_to_xmm(Xmm dst, Reg src) { op_rr(0x66, true, {0x0F, 0x6E}, dst, src); }
void Assembler::movq_from_xmm(Reg dst, Xmm src) { op_rr(0x66, true, {0x0F, 0x7E}, src, dst); }
void Assembler::cvtsi2s(bool dbl, Xmm dst, Reg src) { op_rr(dbl ? 0xF2 : 0xF3, true, {0x0F, 0x2A}, dst, src); }
void Assembler::cvtts2si(bool dbl, Reg dst, Xmm src) { op_rr(dbl ? 0xF2 : 0xF3, true, {0x0F, 0x2C}, dst, src); }

void Assembler::fld80(Mem src) { op_mem(0, false, {0xDB}, 5, src); }
void Assembler::fstp80(Mem dst) { op_mem(0, false, {0xDB}, 7, dst); }
void Assembler::fld64(Mem src) { op_mem(0, false, {0xDD}, 0, src); }
void Assembler::fstp64(Mem dst) { op_mem(0, false, {0xDD}, 3, dst); }
void Assembler::fld32(Mem src) { op_mem(0, false, {0xD9}, 0, src); }
void Assembler::fstp32(Mem dst) { op_mem(0, false, {0xD9}, 3, dst); }
void Assembler::fild64(Mem src) { op_mem(0, false, {0xDF}, 5, src); }
void Assembler::fisttp64(Mem dst) { op_mem(0, false, {0xDD}, 1, dst); }

void Assembler::push(Reg r) {
  rex(false, 0, kNoReg, r);
  byte(static_cast<uint8_t>(0x50 | (r & 7)));
}

void Assembler::pop(Reg r) {
  rex(false, 0, kNoReg, r);
  byte(static_cast<uint8_t>(0x58 | (r & 7)));
}

void Assembler::call(Reg r) { op_rr(0, false, {0xFF}, 2, r); }
void Assembler::call(Mem target) { op_mem(0, false, {0xFF}, 2, target); }
void Assembler::jmp(Reg r) { op_rr(0, false, {0xFF}, 4, r); }
void Assembler::jmp(Mem target) { op_mem(0, false, {0xFF}, 4, target); }

void Assembler::rel32(Label& l, uint32_t base) {
  uint32_t at = static_cast<uint32_t>(code_.size());
  imm32(0);
  if (l.pos >= 0) {
    int32_t v = l.pos - static_cast<int32_t>(base);
    memcpy(&code_[at], &v, 4);
  } else {
    l.fixups.push_back({at, base});
  }
}

void Assembler::jmp(Label& l) {
  byte(0xE9);
  rel32(l, static_cast<uint32_t>(code_.size() + 4));
}

void Assembler::jcc(Cond c, Label& l) {
  byte(0x0F);
  byte(static_cast<uint8_t>(0x80 | c));
  rel32(l, static_cast<uint32_t>(code_.size() + 4));
}

void Assembler::lea_label(Reg dst, Label& l) {
  rex(true, dst, kNoReg, kNoReg);
  byte(0x8D);
  byte(static_cast<uint8_t>(((dst & 7) << 3) | 5));  // mod 00, rm 101: [rip + disp32]
  rel32(l, static_cast<uint32_t>(code_.size() + 4));
}

void Assembler::label_offset32(Label& l, uint32_t base_pos) { rel32(l, base_pos); }

void Assembler::bind(Label& l) {
  l.pos = static_cast<int32_t>(code_.size());
  for (const Label::Fixup& f : l.fixups) {
    int32_t v = l.pos - static_cast<int32_t>(f.base);
    memcpy(&code_[f.at], &v, 4);
  }
  l.fixups.clear();
}

void Assembler::align(uint32_t n) {
  while (code_.size() % n) byte(0x90);
}

void Assembler::leave() { byte(0xC9); }
void Assembler::ret() { byte(0xC3); }

}  // namespace kite::x86_64

// x86-64 instruction encoding (REX.W/R/B prefixes, ModRM with SIB for rsp/r12 bases, disp8/32).
#include "assembler.h"

namespace kite::x86_64 {

void Assembler::imm32(uint32_t v) {
  for (int i = 0; i < 4; i++) byte(static_cast<uint8_t>(v >> (8 * i)));
}

// REX = 0100WR0B; emitted when W is set, an extended register is used, or forced (byte regs).
void Assembler::rex(bool w, unsigned reg, unsigned rm, bool force) {
  uint8_t r = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((rm & 8) ? 1 : 0);
  if (r != 0x40 || force) byte(r);
}

void Assembler::modrm_mem(unsigned reg, Mem m) {
  unsigned base = m.base & 7;
  unsigned mod = (m.disp == 0 && base != 5) ? 0 : (m.disp >= -128 && m.disp <= 127) ? 1 : 2;
  byte(static_cast<uint8_t>((mod << 6) | ((reg & 7) << 3) | base));
  if (base == 4) byte(0x24);  // SIB: no index, base = rsp/r12
  if (mod == 1) byte(static_cast<uint8_t>(m.disp));
  if (mod == 2) imm32(static_cast<uint32_t>(m.disp));
}

void Assembler::mov(Reg dst, Reg src) {
  rex(true, src, dst);
  byte(0x89);
  byte(static_cast<uint8_t>(0xC0 | ((src & 7) << 3) | (dst & 7)));
}

void Assembler::mov(Reg dst, Mem src) {
  rex(true, dst, src.base);
  byte(0x8B);
  modrm_mem(dst, src);
}

void Assembler::mov(Mem dst, Reg src) {
  rex(true, src, dst.base);
  byte(0x89);
  modrm_mem(src, dst);
}

void Assembler::mov_imm64(Reg dst, uint64_t v) {
  rex(true, 0, dst);
  byte(static_cast<uint8_t>(0xB8 | (dst & 7)));
  imm32(static_cast<uint32_t>(v));
  imm32(static_cast<uint32_t>(v >> 32));
}

void Assembler::mov_imm32(Reg dst, uint32_t v) {
  rex(false, 0, dst);
  byte(static_cast<uint8_t>(0xB8 | (dst & 7)));
  imm32(v);
}

void Assembler::mov8(Reg dst, Mem src) {
  rex(false, dst, src.base);
  byte(0x0F);
  byte(0xB6);
  modrm_mem(dst, src);
}

void Assembler::mov8(Mem dst, Reg src) {
  rex(false, src, dst.base, src >= RSP);  // spl/bpl/sil/dil need a REX prefix
  byte(0x88);
  modrm_mem(src, dst);
}

void Assembler::lea(Reg dst, Mem src) {
  rex(true, dst, src.base);
  byte(0x8D);
  modrm_mem(dst, src);
}

void Assembler::movsd(Xmm dst, Mem src) {
  byte(0xF2);
  rex(false, dst, src.base);
  byte(0x0F);
  byte(0x10);
  modrm_mem(dst, src);
}

void Assembler::movsd(Mem dst, Xmm src) {
  byte(0xF2);
  rex(false, src, dst.base);
  byte(0x0F);
  byte(0x11);
  modrm_mem(src, dst);
}

void Assembler::movss(Xmm dst, Mem src) {
  byte(0xF3);
  rex(false, dst, src.base);
  byte(0x0F);
  byte(0x10);
  modrm_mem(dst, src);
}

void Assembler::movss(Mem dst, Xmm src) {
  byte(0xF3);
  rex(false, src, dst.base);
  byte(0x0F);
  byte(0x11);
  modrm_mem(src, dst);
}

void Assembler::movdqu(Xmm dst, Mem src) {
  byte(0xF3);
  rex(false, dst, src.base);
  byte(0x0F);
  byte(0x6F);
  modrm_mem(dst, src);
}

void Assembler::movdqu(Mem dst, Xmm src) {
  byte(0xF3);
  rex(false, src, dst.base);
  byte(0x0F);
  byte(0x7F);
  modrm_mem(src, dst);
}

void Assembler::fld80(Mem src) {
  rex(false, 0, src.base);
  byte(0xDB);
  modrm_mem(5, src);
}

void Assembler::fstp80(Mem dst) {
  rex(false, 0, dst.base);
  byte(0xDB);
  modrm_mem(7, dst);
}

void Assembler::push(Reg r) {
  rex(false, 0, r);
  byte(static_cast<uint8_t>(0x50 | (r & 7)));
}

void Assembler::pop(Reg r) {
  rex(false, 0, r);
  byte(static_cast<uint8_t>(0x58 | (r & 7)));
}

void Assembler::add_imm(Reg r, int32_t v) {
  rex(true, 0, r);
  byte(0x81);
  byte(static_cast<uint8_t>(0xC0 | (r & 7)));
  imm32(static_cast<uint32_t>(v));
}

void Assembler::sub_imm(Reg r, int32_t v) {
  rex(true, 0, r);
  byte(0x81);
  byte(static_cast<uint8_t>(0xE8 | (r & 7)));
  imm32(static_cast<uint32_t>(v));
}

void Assembler::call(Reg r) {
  rex(false, 0, r);
  byte(0xFF);
  byte(static_cast<uint8_t>(0xD0 | (r & 7)));
}

void Assembler::jmp(Mem target) {
  rex(false, 0, target.base);
  byte(0xFF);
  modrm_mem(4, target);
}

void Assembler::leave() { byte(0xC9); }
void Assembler::ret() { byte(0xC3); }

}  // namespace kite::x86_64

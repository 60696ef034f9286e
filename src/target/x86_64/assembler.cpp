// x86-64 instruction encoding: legacy prefix, REX (W R X B), opcode, ModRM, SIB, disp8/32.
#include "assembler.h"

#include <cstring>

#include "kite/assert.h"

namespace kite::x86_64 {
namespace {

// Listing text, in the conventions capstone uses for Intel syntax.
const char* const kR64[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                            "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
const char* const kR32[] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
const char* const kR16[] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
const char* const kR8[] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                           "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
const char* const kCc[] = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

std::string num(int64_t v) {
  char buf[32];
  if (v < 0) {
    uint64_t m = 0 - static_cast<uint64_t>(v);
    snprintf(buf, sizeof buf, m < 10 ? "-%llu" : "-0x%llx", static_cast<unsigned long long>(m));
  } else {
    snprintf(buf, sizeof buf, v < 10 ? "%lld" : "0x%llx", static_cast<long long>(v));
  }
  return buf;
}
std::string unum(uint64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, v < 10 ? "%llu" : "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}
std::string reg(unsigned r, Width w) {
  return w == Width::W64 ? kR64[r] : w == Width::W32 ? kR32[r] : w == Width::W16 ? kR16[r] : kR8[r];
}
std::string r64(unsigned r) { return kR64[r]; }
std::string xmm(unsigned x) { return "xmm" + std::to_string(x); }
std::string mem(const Mem& m, const char* size) {
  std::string s = size[0] ? std::string(size) + " ptr [" : "[";
  bool first = true;
  if (m.base != kNoReg) {
    s += kR64[m.base];
    first = false;
  }
  if (m.index != kNoReg) {
    if (!first) s += " + ";
    s += kR64[m.index];
    if (m.scale != 1) s += "*" + std::to_string(m.scale);
    first = false;
  }
  if (m.disp != 0 || first) {
    if (first)
      s += num(m.disp);
    else
      s += m.disp < 0 ? " - " + num(-static_cast<int64_t>(m.disp)) : " + " + num(m.disp);
  }
  return s + "]";
}
const char* width_ptr(Width w) {
  return w == Width::W8 ? "byte" : w == Width::W16 ? "word" : w == Width::W32 ? "dword" : "qword";
}

}  // namespace

const char* gpr_name(Reg r) { return kR64[r]; }

void Assembler::list(size_t at, std::string text) { lines_.push_back(Line{at, std::move(text), false, -1, {}, false}); }

// Labels are often locals of the generator, gone before the listing is finished: the line
// takes the label's position when it is bound.
void Assembler::list_label_ref(size_t at, std::string prefix, Label* l, std::string suffix, bool rip_relative) {
  lines_.push_back(Line{at, std::move(prefix), true, l->pos, std::move(suffix), rip_relative});
  if (l->pos < 0) l->listing_refs.push_back(static_cast<uint32_t>(lines_.size() - 1));
}

void Assembler::finish_listing() {
  if (!listing_) return;
  char buf[32];
  for (size_t i = 0; i < lines_.size(); i++) {
    const Line& ln = lines_[i];
    std::string text = ln.text;
    if (ln.refers) {
      size_t end = i + 1 < lines_.size() ? lines_[i + 1].at : code_.size();
      int64_t target = ln.target;
      if (ln.rip_relative) {
        int64_t d = target - static_cast<int64_t>(end);
        text += d < 0 ? " - " + num(-d) : " + " + num(d);
      } else {
        text += unum(static_cast<uint64_t>(target));
      }
      text += ln.suffix;
    }
    snprintf(buf, sizeof buf, "  %4zx  ", ln.at);
    *listing_ += buf + text + "\n";
  }
  lines_.clear();
}

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

void Assembler::mov(Reg dst, Reg src) {
  size_t at = code_.size();
  op_rr(0, true, {0x89}, src, dst);
  if (listing_) list(at, "mov " + r64(dst) + ", " + r64(src));
}
void Assembler::mov32(Reg dst, Reg src) {
  size_t at = code_.size();
  op_rr(0, false, {0x89}, src, dst);
  if (listing_) list(at, "mov " + reg(dst, Width::W32) + ", " + reg(src, Width::W32));
}
void Assembler::mov(Reg dst, Mem src) {
  size_t at = code_.size();
  op_mem(0, true, {0x8B}, dst, src);
  if (listing_) list(at, "mov " + r64(dst) + ", " + mem(src, "qword"));
}
void Assembler::mov(Mem dst, Reg src) {
  size_t at = code_.size();
  op_mem(0, true, {0x89}, src, dst);
  if (listing_) list(at, "mov " + mem(dst, "qword") + ", " + r64(src));
}

void Assembler::mov_imm64(Reg dst, uint64_t v) {
  if (v <= 0xFFFFFFFFull) {
    mov_imm32(dst, static_cast<uint32_t>(v));
    return;
  }
  size_t at = code_.size();
  if (static_cast<int64_t>(v) >= INT32_MIN && static_cast<int64_t>(v) < 0) {
    rex(true, 0, kNoReg, dst);  // mov r/m64, imm32 (sign-extended)
    byte(0xC7);
    byte(static_cast<uint8_t>(0xC0 | (dst & 7)));
    imm32(static_cast<uint32_t>(v));
    if (listing_) list(at, "mov " + r64(dst) + ", " + num(static_cast<int64_t>(v)));
  } else {
    rex(true, 0, kNoReg, dst);
    byte(static_cast<uint8_t>(0xB8 | (dst & 7)));
    imm32(static_cast<uint32_t>(v));
    imm32(static_cast<uint32_t>(v >> 32));
    if (listing_) list(at, "movabs " + r64(dst) + ", " + unum(v));
  }
}

void Assembler::mov_imm32(Reg dst, uint32_t v) {
  size_t at = code_.size();
  rex(false, 0, kNoReg, dst);
  byte(static_cast<uint8_t>(0xB8 | (dst & 7)));
  imm32(v);
  if (listing_) list(at, "mov " + reg(dst, Width::W32) + ", " + unum(v));
}

void Assembler::mov8(Reg dst, Mem src) {
  size_t at = code_.size();
  op_mem(0, false, {0x0F, 0xB6}, dst, src);
  if (listing_) list(at, "movzx " + reg(dst, Width::W32) + ", " + mem(src, "byte"));
}
void Assembler::mov8(Mem dst, Reg src) {
  size_t at = code_.size();
  op_mem(0, false, {0x88}, src, dst, src >= RSP);
  if (listing_) list(at, "mov " + mem(dst, "byte") + ", " + reg(src, Width::W8));
}

void Assembler::load_ext(Reg dst, Mem src, Width w, bool is_signed) {
  if (w == Width::W64) return mov(dst, src);
  size_t at = code_.size();
  if (listing_) {
    const char* op = w == Width::W32 ? (is_signed ? "movsxd " : "mov ") : (is_signed ? "movsx " : "movzx ");
    list(at, op + reg(dst, is_signed ? Width::W64 : Width::W32) + ", " + mem(src, width_ptr(w)));
  }
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
  size_t at = code_.size();
  if (listing_ && (w == Width::W16 || w == Width::W32)) list(at, "mov " + mem(dst, width_ptr(w)) + ", " + reg(src, w));
  switch (w) {
    case Width::W8: mov8(dst, src); break;
    case Width::W16: op_mem(0x66, false, {0x89}, src, dst); break;
    case Width::W32: op_mem(0, false, {0x89}, src, dst); break;
    case Width::W64: mov(dst, src); break;
  }
}

void Assembler::store_imm(Mem dst, int32_t imm, Width w) {
  if (listing_) {  // capstone: unsigned at widths up to 32 bits, signed at 64
    uint64_t mask = w == Width::W8 ? 0xFF : w == Width::W16 ? 0xFFFF : 0xFFFFFFFFull;
    std::string v = w == Width::W64 ? num(imm) : unum(static_cast<uint64_t>(static_cast<int64_t>(imm)) & mask);
    list(code_.size(), "mov " + mem(dst, w == Width::W64 ? "qword" : width_ptr(w)) + ", " + v);
  }
  switch (w) {
    case Width::W8:
      op_mem(0, false, {0xC6}, 0, dst);
      byte(static_cast<uint8_t>(imm));
      break;
    case Width::W16:
      op_mem(0x66, false, {0xC7}, 0, dst);
      byte(static_cast<uint8_t>(imm));
      byte(static_cast<uint8_t>(imm >> 8));
      break;
    case Width::W32:
    case Width::W64:
      op_mem(0, w == Width::W64, {0xC7}, 0, dst);
      imm32(static_cast<uint32_t>(imm));
      break;
  }
}

void Assembler::extend(Reg dst, Reg src, Width w, bool is_signed) {
  if (w == Width::W64 || (w == Width::W32 && !is_signed)) {
    w == Width::W64 ? mov(dst, src) : mov32(dst, src);
    return;
  }
  size_t at = code_.size();
  if (listing_)
    list(at, std::string(w == Width::W32 ? "movsxd " : is_signed ? "movsx " : "movzx ") +
                 reg(dst, is_signed ? Width::W64 : Width::W32) + ", " + reg(src, w));
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

void Assembler::lea(Reg dst, Mem src) {
  size_t at = code_.size();
  op_mem(0, true, {0x8D}, dst, src);
  if (listing_) list(at, "lea " + r64(dst) + ", " + mem(src, ""));
}

static const char* alu_name(Alu op) {
  switch (op) {
    case Alu::Add: return "add";
    case Alu::Or: return "or";
    case Alu::And: return "and";
    case Alu::Sub: return "sub";
    case Alu::Xor: return "xor";
    case Alu::Cmp: return "cmp";
  }
  return "?";
}

void Assembler::alu(Alu op, Reg dst, Reg src, bool w64) {
  size_t at = code_.size();
  op_rr(0, w64, {static_cast<uint8_t>(static_cast<uint8_t>(op) * 8 + 1)}, src, dst);
  Width w = w64 ? Width::W64 : Width::W32;
  if (listing_) list(at, std::string(alu_name(op)) + " " + reg(dst, w) + ", " + reg(src, w));
}

void Assembler::alu_imm(Alu op, Reg dst, int32_t imm, bool w64) {
  if (listing_) {
    // capstone shows logical masks unsigned at the operand width, arithmetic ones signed
    bool logical = op == Alu::Or || op == Alu::And || op == Alu::Xor;
    uint64_t mask = w64 ? ~uint64_t(0) : 0xFFFFFFFFull;
    std::string v = logical && imm < 0 ? unum(static_cast<uint64_t>(static_cast<int64_t>(imm)) & mask) : num(imm);
    list(code_.size(), std::string(alu_name(op)) + " " + reg(dst, w64 ? Width::W64 : Width::W32) + ", " + v);
  }
  if (imm >= -128 && imm <= 127) {
    op_rr(0, w64, {0x83}, static_cast<unsigned>(op), dst);
    byte(static_cast<uint8_t>(imm));
  } else {
    op_rr(0, w64, {0x81}, static_cast<unsigned>(op), dst);
    imm32(static_cast<uint32_t>(imm));
  }
}

void Assembler::imul(Reg dst, Reg src, bool w64) {
  size_t at = code_.size();
  op_rr(0, w64, {0x0F, 0xAF}, dst, src);
  Width w = w64 ? Width::W64 : Width::W32;
  if (listing_) list(at, "imul " + reg(dst, w) + ", " + reg(src, w));
}
void Assembler::alu(Alu op, Reg dst, Mem src, bool w64) {
  size_t at = code_.size();
  op_mem(0, w64, {static_cast<uint8_t>(static_cast<uint8_t>(op) * 8 + 3)}, dst, src);
  Width w = w64 ? Width::W64 : Width::W32;
  if (listing_) list(at, std::string(alu_name(op)) + " " + reg(dst, w) + ", " + mem(src, width_ptr(w)));
}
void Assembler::imul(Reg dst, Mem src, bool w64) {
  size_t at = code_.size();
  op_mem(0, w64, {0x0F, 0xAF}, dst, src);
  Width w = w64 ? Width::W64 : Width::W32;
  if (listing_) list(at, "imul " + reg(dst, w) + ", " + mem(src, width_ptr(w)));
}
void Assembler::imul_imm(Reg dst, Reg src, int32_t imm, bool w64) {
  size_t at = code_.size();
  bool small = imm >= -128 && imm <= 127;
  op_rr(0, w64, {static_cast<uint8_t>(small ? 0x6B : 0x69)}, dst, src);
  small ? byte(static_cast<uint8_t>(imm)) : imm32(static_cast<uint32_t>(imm));
  Width w = w64 ? Width::W64 : Width::W32;
  // capstone: signed, except a 32-bit instruction with a 32-bit immediate
  if (listing_)
    list(at, "imul " + reg(dst, w) + ", " + reg(src, w) + ", " +
                 (w64 || small ? num(imm) : unum(static_cast<uint32_t>(imm))));
}
void Assembler::unary(Unary op, Reg r, bool w64) {
  size_t at = code_.size();
  op_rr(0, w64, {0xF7}, static_cast<unsigned>(op), r);
  static const char* const kNames[] = {"", "", "not", "neg", "mul", "imul", "div", "idiv"};
  if (listing_) list(at, std::string(kNames[static_cast<int>(op)]) + " " + reg(r, w64 ? Width::W64 : Width::W32));
}
void Assembler::shift_cl(Shift op, Reg r, bool w64) {
  size_t at = code_.size();
  op_rr(0, w64, {0xD3}, static_cast<unsigned>(op), r);
  if (listing_) list(at, std::string(op == Shift::Shl ? "shl " : op == Shift::Shr ? "shr " : "sar ") + reg(r, w64 ? Width::W64 : Width::W32) + ", cl");
}
void Assembler::shift_imm(Shift op, Reg r, uint8_t count, bool w64) {
  size_t at = code_.size();
  op_rr(0, w64, {0xC1}, static_cast<unsigned>(op), r);
  byte(count);
  if (listing_)
    list(at, std::string(op == Shift::Shl ? "shl " : op == Shift::Shr ? "shr " : "sar ") +
                 reg(r, w64 ? Width::W64 : Width::W32) + ", " + num(count));
}
void Assembler::test(Reg a, Reg b, bool w64) {
  size_t at = code_.size();
  op_rr(0, w64, {0x85}, b, a);
  Width w = w64 ? Width::W64 : Width::W32;
  if (listing_) list(at, "test " + reg(a, w) + ", " + reg(b, w));
}
void Assembler::cqo() { raw({0x48, 0x99}, "cqo"); }
void Assembler::cdq() { raw({0x99}, "cdq"); }
void Assembler::setcc(Cond c, Reg r8) {
  size_t at = code_.size();
  op_rr(0, false, {0x0F, static_cast<uint8_t>(0x90 | c)}, 0, r8, r8 >= RSP);
  if (listing_) list(at, std::string("set") + kCc[c] + " " + reg(r8, Width::W8));
}

void Assembler::movsd(Xmm dst, Mem src) {
  size_t at = code_.size();
  op_mem(0xF2, false, {0x0F, 0x10}, dst, src);
  if (listing_) list(at, "movsd " + xmm(dst) + ", " + mem(src, "qword"));
}
void Assembler::movsd(Mem dst, Xmm src) {
  size_t at = code_.size();
  op_mem(0xF2, false, {0x0F, 0x11}, src, dst);
  if (listing_) list(at, "movsd " + mem(dst, "qword") + ", " + xmm(src));
}
void Assembler::movss(Xmm dst, Mem src) {
  size_t at = code_.size();
  op_mem(0xF3, false, {0x0F, 0x10}, dst, src);
  if (listing_) list(at, "movss " + xmm(dst) + ", " + mem(src, "dword"));
}
void Assembler::movss(Mem dst, Xmm src) {
  size_t at = code_.size();
  op_mem(0xF3, false, {0x0F, 0x11}, src, dst);
  if (listing_) list(at, "movss " + mem(dst, "dword") + ", " + xmm(src));
}
void Assembler::movdqu(Xmm dst, Mem src) {
  size_t at = code_.size();
  op_mem(0xF3, false, {0x0F, 0x6F}, dst, src);
  if (listing_) list(at, "movdqu " + xmm(dst) + ", " + mem(src, "xmmword"));
}
void Assembler::movdqu(Mem dst, Xmm src) {
  size_t at = code_.size();
  op_mem(0xF3, false, {0x0F, 0x7F}, src, dst);
  if (listing_) list(at, "movdqu " + mem(dst, "xmmword") + ", " + xmm(src));
}
static std::string sse_name(uint8_t prefix, uint8_t op) {
  const char* sfx = prefix == 0xF2 ? "sd" : prefix == 0xF3 ? "ss" : prefix == 0x66 ? "pd" : "ps";
  return op == 0x58 ? std::string("add") + sfx : op == 0x59 ? std::string("mul") + sfx
         : op == 0x5C ? std::string("sub") + sfx : op == 0x5E ? std::string("div") + sfx
         : op == 0x2E ? std::string(prefix == 0x66 ? "ucomisd" : "ucomiss")
         : op == 0x57 ? std::string("xorps") : op == 0x28 ? std::string("movaps")
         : op == 0x5A ? std::string(prefix == 0xF3 ? "cvtss2sd" : "cvtsd2ss") : std::string("sse?");
}
void Assembler::sse(uint8_t prefix, uint8_t op, Xmm dst, Xmm src) {
  size_t at = code_.size();
  op_rr(prefix, false, {0x0F, op}, dst, src);
  if (listing_) list(at, sse_name(prefix, op) + " " + xmm(dst) + ", " + xmm(src));
}
void Assembler::sse(uint8_t prefix, uint8_t op, Xmm dst, Mem src) {
  size_t at = code_.size();
  op_mem(prefix, false, {0x0F, op}, dst, src);
  bool dbl = prefix == 0xF2 || prefix == 0x66;
  if (listing_) list(at, sse_name(prefix, op) + " " + xmm(dst) + ", " + mem(src, dbl ? "qword" : "dword"));
}
void Assembler::movq_to_xmm(Xmm dst, Reg src) {
  size_t at = code_.size();
  op_rr(0x66, true, {0x0F, 0x6E}, dst, src);
  if (listing_) list(at, "movq " + xmm(dst) + ", " + r64(src));
}
void Assembler::movq_from_xmm(Reg dst, Xmm src) {
  size_t at = code_.size();
  op_rr(0x66, true, {0x0F, 0x7E}, src, dst);
  if (listing_) list(at, "movq " + r64(dst) + ", " + xmm(src));
}
void Assembler::cvtsi2s(bool dbl, Xmm dst, Reg src) {
  size_t at = code_.size();
  op_rr(dbl ? 0xF2 : 0xF3, true, {0x0F, 0x2A}, dst, src);
  if (listing_) list(at, std::string(dbl ? "cvtsi2sd " : "cvtsi2ss ") + xmm(dst) + ", " + r64(src));
}
void Assembler::cvtts2si(bool dbl, Reg dst, Xmm src) {
  size_t at = code_.size();
  op_rr(dbl ? 0xF2 : 0xF3, true, {0x0F, 0x2C}, dst, src);
  if (listing_) list(at, std::string(dbl ? "cvttsd2si " : "cvttss2si ") + r64(dst) + ", " + xmm(src));
}

void Assembler::fld80(Mem src) {
  size_t at = code_.size();
  op_mem(0, false, {0xDB}, 5, src);
  if (listing_) list(at, "fld " + mem(src, "xword"));
}
void Assembler::fstp80(Mem dst) {
  size_t at = code_.size();
  op_mem(0, false, {0xDB}, 7, dst);
  if (listing_) list(at, "fstp " + mem(dst, "xword"));
}
void Assembler::fld64(Mem src) {
  size_t at = code_.size();
  op_mem(0, false, {0xDD}, 0, src);
  if (listing_) list(at, "fld " + mem(src, "qword"));
}
void Assembler::fstp64(Mem dst) {
  size_t at = code_.size();
  op_mem(0, false, {0xDD}, 3, dst);
  if (listing_) list(at, "fstp " + mem(dst, "qword"));
}
void Assembler::fld32(Mem src) {
  size_t at = code_.size();
  op_mem(0, false, {0xD9}, 0, src);
  if (listing_) list(at, "fld " + mem(src, "dword"));
}
void Assembler::fstp32(Mem dst) {
  size_t at = code_.size();
  op_mem(0, false, {0xD9}, 3, dst);
  if (listing_) list(at, "fstp " + mem(dst, "dword"));
}
void Assembler::fild64(Mem src) {
  size_t at = code_.size();
  op_mem(0, false, {0xDF}, 5, src);
  if (listing_) list(at, "fild " + mem(src, "qword"));
}
void Assembler::fisttp64(Mem dst) {
  size_t at = code_.size();
  op_mem(0, false, {0xDD}, 1, dst);
  if (listing_) list(at, "fisttp " + mem(dst, "qword"));
}

void Assembler::push(Reg r) {
  size_t at = code_.size();
  rex(false, 0, kNoReg, r);
  byte(static_cast<uint8_t>(0x50 | (r & 7)));
  if (listing_) list(at, "push " + r64(r));
}

void Assembler::pop(Reg r) {
  size_t at = code_.size();
  rex(false, 0, kNoReg, r);
  byte(static_cast<uint8_t>(0x58 | (r & 7)));
  if (listing_) list(at, "pop " + r64(r));
}

void Assembler::call(Reg r) {
  size_t at = code_.size();
  op_rr(0, false, {0xFF}, 2, r);
  if (listing_) list(at, "call " + r64(r));
}
void Assembler::call(Mem target) {
  size_t at = code_.size();
  op_mem(0, false, {0xFF}, 2, target);
  if (listing_) list(at, "call " + mem(target, "qword"));
}
void Assembler::jmp(Reg r) {
  size_t at = code_.size();
  op_rr(0, false, {0xFF}, 4, r);
  if (listing_) list(at, "jmp " + r64(r));
}
void Assembler::jmp(Mem target) {
  size_t at = code_.size();
  op_mem(0, false, {0xFF}, 4, target);
  if (listing_) list(at, "jmp " + mem(target, "qword"));
}

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
  if (listing_) list_label_ref(code_.size(), "jmp ", &l, "", false);
  byte(0xE9);
  rel32(l, static_cast<uint32_t>(code_.size() + 4));
}

void Assembler::jcc(Cond c, Label& l) {
  if (listing_) list_label_ref(code_.size(), std::string("j") + kCc[c] + " ", &l, "", false);
  byte(0x0F);
  byte(static_cast<uint8_t>(0x80 | c));
  rel32(l, static_cast<uint32_t>(code_.size() + 4));
}

void Assembler::lea_label(Reg dst, Label& l) {
  if (listing_) list_label_ref(code_.size(), "lea " + r64(dst) + ", [rip", &l, "]", true);
  rex(true, dst, kNoReg, kNoReg);
  byte(0x8D);
  byte(static_cast<uint8_t>(((dst & 7) << 3) | 5));  // mod 00, rm 101: [rip + disp32]
  rel32(l, static_cast<uint32_t>(code_.size() + 4));
}

void Assembler::label_offset32(Label& l, uint32_t base_pos) {
  if (listing_) list_label_ref(code_.size(), ".long ", &l, " (jump table entry)", false);
  rel32(l, base_pos);
}

void Assembler::bind(Label& l) {
  l.pos = static_cast<int32_t>(code_.size());
  for (const Label::Fixup& f : l.fixups) {
    int32_t v = l.pos - static_cast<int32_t>(f.base);
    memcpy(&code_[f.at], &v, 4);
  }
  l.fixups.clear();
  for (uint32_t line : l.listing_refs) lines_[line].target = l.pos;
  l.listing_refs.clear();
}

void Assembler::align(uint32_t n) {
  while (code_.size() % n) raw({0x90}, "nop");
}

void Assembler::leave() { raw({0xC9}, "leave"); }
void Assembler::ret() { raw({0xC3}, "ret"); }

}  // namespace kite::x86_64

// Randomized encoder check: 100,000 random instructions (registers, scales, displacements,
// immediates, widths drawn at random) are assembled by Kite and disassembled by capstone (a
// test-only dependency); capstone must read exactly one instruction of our length whose text
// equals the text we meant.
#include <capstone/capstone.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "target/x86_64/assembler.h"
#include "test_rng.h"

using namespace kite::x86_64;

namespace {

using kite::testing::Rng;

const char* const kR64[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                            "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
const char* const kR32[] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
const char* const kR16[] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
const char* const kR8[] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                           "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};

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
  snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string xmm(int x) { return "xmm" + std::to_string(x); }

struct Case {
  std::string text;
  std::function<void(Assembler&)> emit;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_{seed} {}

  Reg reg() { return static_cast<Reg>(rng_.below(16)); }
  Xmm xreg() { return static_cast<Xmm>(rng_.below(16)); }
  int32_t disp() {
    switch (rng_.below(4)) {
      case 0: return 0;
      case 1: return static_cast<int32_t>(rng_.below(256)) - 128;
      case 2: return static_cast<int32_t>(rng_.next());
      default: return static_cast<int32_t>(rng_.below(4096));
    }
  }
  Mem mem() {
    Mem m{reg(), disp()};
    if (rng_.below(2)) {
      Reg i;
      do i = reg(); while (i == RSP);
      m.index = i;
      m.scale = static_cast<uint8_t>(1u << rng_.below(4));
      if (rng_.below(8) == 0) m.base = kNoReg;
    }
    return m;
  }
  static std::string mem_text(const Mem& m, const char* size) {
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

  Case next();

 private:
  Rng rng_;
};

Case Generator::next() {
  Reg r = reg(), r2 = reg();
  Xmm x = xreg(), x2 = xreg();
  Mem m = mem();
  switch (rng_.below(27)) {
    case 0: return {"mov " + std::string(kR64[r]) + ", " + kR64[r2], [=](Assembler& a) { a.mov(r, r2); }};
    case 1: return {"mov " + std::string(kR64[r]) + ", " + mem_text(m, "qword"), [=](Assembler& a) { a.mov(r, m); }};
    case 2: return {"mov " + mem_text(m, "qword") + ", " + kR64[r], [=](Assembler& a) { a.mov(m, r); }};
    case 3: {
      static const char* const kSizes[] = {"byte", "word", "dword"};
      Width w = static_cast<Width>(rng_.below(3));
      bool sg = rng_.below(2);
      std::string op = w == Width::W32 ? (sg ? "movsxd " : "mov ") : (sg ? "movsx " : "movzx ");
      const char* dst = sg ? kR64[r] : kR32[r];
      return {op + dst + ", " + mem_text(m, kSizes[static_cast<int>(w)]),
              [=](Assembler& a) { a.load_ext(r, m, w, sg); }};
    }
    case 4: {
      Width w = static_cast<Width>(rng_.below(4));
      static const char* const kSizes[] = {"byte", "word", "dword", "qword"};
      const char* const* names = w == Width::W8 ? kR8 : w == Width::W16 ? kR16 : w == Width::W32 ? kR32 : kR64;
      return {"mov " + mem_text(m, kSizes[static_cast<int>(w)]) + ", " + names[r],
              [=](Assembler& a) { a.store(m, r, w); }};
    }
    case 5: return {"lea " + std::string(kR64[r]) + ", " + mem_text(m, ""), [=](Assembler& a) { a.lea(r, m); }};
    case 6: {
      static const Alu kOps[] = {Alu::Add, Alu::Or, Alu::And, Alu::Sub, Alu::Xor, Alu::Cmp};
      static const char* const kNames[] = {"add", "or", "and", "sub", "xor", "cmp"};
      uint32_t k = rng_.below(6);
      bool w = rng_.below(2);
      const char* const* n = w ? kR64 : kR32;
      return {std::string(kNames[k]) + " " + n[r] + ", " + n[r2], [=](Assembler& a) { a.alu(kOps[k], r, r2, w); }};
    }
    case 7: {
      static const Alu kOps[] = {Alu::Add, Alu::Or, Alu::And, Alu::Sub, Alu::Xor, Alu::Cmp};
      static const char* const kNames[] = {"add", "or", "and", "sub", "xor", "cmp"};
      uint32_t k = rng_.below(6);
      int32_t imm = rng_.below(2) ? static_cast<int32_t>(rng_.below(256)) - 128 : static_cast<int32_t>(rng_.next());
      // capstone shows logical masks as unsigned 64-bit values, arithmetic ones signed
      bool logical = kOps[k] == Alu::Or || kOps[k] == Alu::And || kOps[k] == Alu::Xor;
      std::string t = std::string(kNames[k]) + " " + kR64[r] + ", " +
                      (logical && imm < 0 ? unum(static_cast<uint64_t>(static_cast<int64_t>(imm))) : num(imm));
      return {t, [=](Assembler& a) { a.alu_imm(kOps[k], r, imm); }};
    }
    case 8: {
      bool w = rng_.below(2);
      const char* const* n = w ? kR64 : kR32;
      return {std::string("imul ") + n[r] + ", " + n[r2], [=](Assembler& a) { a.imul(r, r2, w); }};
    }
    case 9: {
      static const Unary kOps[] = {Unary::Not, Unary::Neg, Unary::Mul, Unary::IMul, Unary::Div, Unary::IDiv};
      static const char* const kNames[] = {"not", "neg", "mul", "imul", "div", "idiv"};
      uint32_t k = rng_.below(6);
      bool w = rng_.below(2);
      return {std::string(kNames[k]) + " " + (w ? kR64 : kR32)[r], [=](Assembler& a) { a.unary(kOps[k], r, w); }};
    }
    case 10: {
      static const Shift kOps[] = {Shift::Shl, Shift::Shr, Shift::Sar};
      static const char* const kNames[] = {"shl", "shr", "sar"};
      uint32_t k = rng_.below(3);
      bool w = rng_.below(2);
      if (rng_.below(2))
        return {std::string(kNames[k]) + " " + (w ? kR64 : kR32)[r] + ", cl", [=](Assembler& a) { a.shift_cl(kOps[k], r, w); }};
      uint8_t c = static_cast<uint8_t>(2 + rng_.below(30));
      return {std::string(kNames[k]) + " " + (w ? kR64 : kR32)[r] + ", " + num(c),
              [=](Assembler& a) { a.shift_imm(kOps[k], r, c, w); }};
    }
    case 11: return {"test " + std::string(kR64[r]) + ", " + kR64[r2], [=](Assembler& a) { a.test(r, r2); }};
    case 12: {
      static const char* const kCc[] = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
      Cond c = static_cast<Cond>(rng_.below(16));
      Reg b = static_cast<Reg>(rng_.below(4));
      return {std::string("set") + kCc[c] + " " + kR8[b], [=](Assembler& a) { a.setcc(c, b); }};
    }
    case 13: {
      bool dbl = rng_.below(2), load = rng_.below(2);
      std::string op = dbl ? "movsd " : "movss ";
      std::string mt = mem_text(m, dbl ? "qword" : "dword");
      if (load) return {op + xmm(x) + ", " + mt, [=](Assembler& a) { dbl ? a.movsd(x, m) : a.movss(x, m); }};
      return {op + mt + ", " + xmm(x), [=](Assembler& a) { dbl ? a.movsd(m, x) : a.movss(m, x); }};
    }
    case 14: {
      static const uint8_t kOps[] = {0x58, 0x59, 0x5C, 0x5E};
      static const char* const kNames[] = {"add", "mul", "sub", "div"};
      uint32_t k = rng_.below(4);
      bool dbl = rng_.below(2);
      return {std::string(kNames[k]) + (dbl ? "sd " : "ss ") + xmm(x) + ", " + xmm(x2),
              [=](Assembler& a) { a.sse(dbl ? 0xF2 : 0xF3, kOps[k], x, x2); }};
    }
    case 15: {
      bool dbl = rng_.below(2);
      return {std::string(dbl ? "ucomisd " : "ucomiss ") + xmm(x) + ", " + xmm(x2),
              [=](Assembler& a) { a.sse(dbl ? 0x66 : 0, 0x2E, x, x2); }};
    }
    case 16: {
      bool dbl = rng_.below(2);
      return {std::string(dbl ? "cvtsi2sd " : "cvtsi2ss ") + xmm(x) + ", " + kR64[r],
              [=](Assembler& a) { a.cvtsi2s(dbl, x, r); }};
    }
    case 17: {
      bool dbl = rng_.below(2);
      return {std::string(dbl ? "cvttsd2si " : "cvttss2si ") + kR64[r] + ", " + xmm(x),
              [=](Assembler& a) { a.cvtts2si(dbl, r, x); }};
    }
    case 18:
      if (rng_.below(2)) return {"movq " + xmm(x) + ", " + kR64[r], [=](Assembler& a) { a.movq_to_xmm(x, r); }};
      return {"movq " + std::string(kR64[r]) + ", " + xmm(x), [=](Assembler& a) { a.movq_from_xmm(r, x); }};
    case 19:
      if (rng_.below(2)) return {"push " + std::string(kR64[r]), [=](Assembler& a) { a.push(r); }};
      return {"pop " + std::string(kR64[r]), [=](Assembler& a) { a.pop(r); }};
    case 20:
      if (rng_.below(2)) return {"call " + std::string(kR64[r]), [=](Assembler& a) { a.call(r); }};
      return {"jmp " + std::string(kR64[r]), [=](Assembler& a) { a.jmp(r); }};
    case 21: {
      switch (rng_.below(8)) {
        case 0: return {"fld " + mem_text(m, "xword"), [=](Assembler& a) { a.fld80(m); }};
        case 1: return {"fstp " + mem_text(m, "xword"), [=](Assembler& a) { a.fstp80(m); }};
        case 2: return {"fld " + mem_text(m, "qword"), [=](Assembler& a) { a.fld64(m); }};
        case 3: return {"fstp " + mem_text(m, "qword"), [=](Assembler& a) { a.fstp64(m); }};
        case 4: return {"fld " + mem_text(m, "dword"), [=](Assembler& a) { a.fld32(m); }};
        case 5: return {"fstp " + mem_text(m, "dword"), [=](Assembler& a) { a.fstp32(m); }};
        case 6: return {"fild " + mem_text(m, "qword"), [=](Assembler& a) { a.fild64(m); }};
        default: return {"fisttp " + mem_text(m, "qword"), [=](Assembler& a) { a.fisttp64(m); }};
      }
    }
    case 22: {
      bool load = rng_.below(2);
      if (load) return {"movdqu " + xmm(x) + ", " + mem_text(m, "xmmword"), [=](Assembler& a) { a.movdqu(x, m); }};
      return {"movdqu " + mem_text(m, "xmmword") + ", " + xmm(x), [=](Assembler& a) { a.movdqu(m, x); }};
    }
    case 23: {  // store an immediate: capstone shows it unsigned up to 32 bits, signed at 64
      static const char* const kSizes[] = {"byte", "word", "dword", "qword"};
      Width w = static_cast<Width>(rng_.below(4));
      int32_t imm = static_cast<int32_t>(static_cast<uint32_t>(rng_.next())) >> rng_.below(32);
      uint64_t mask = w == Width::W8 ? 0xFF : w == Width::W16 ? 0xFFFF : 0xFFFFFFFFull;
      std::string v = w == Width::W64 ? num(imm) : num(static_cast<int64_t>(static_cast<uint64_t>(int64_t{imm}) & mask));
      return {"mov " + mem_text(m, kSizes[static_cast<int>(w)]) + ", " + v,
              [=](Assembler& a) { a.store_imm(m, imm, w); }};
    }
    case 24: {  // capstone shows the factor signed, except a 32-bit one of a 32-bit instruction
      bool w = rng_.below(2);
      int32_t imm = static_cast<int32_t>(static_cast<uint32_t>(rng_.next())) >> rng_.below(32);
      bool small = imm >= -128 && imm <= 127;
      const char* const* n = w ? kR64 : kR32;
      std::string v = w || small ? num(imm) : num(static_cast<int64_t>(static_cast<uint32_t>(imm)));
      return {std::string("imul ") + n[r] + ", " + n[r2] + ", " + v,
              [=](Assembler& a) { a.imul_imm(r, r2, imm, w); }};
    }
    case 25: {  // arithmetic with a memory operand
      switch (rng_.below(3)) {
        case 0: {
          static const Alu kOps[] = {Alu::Add, Alu::Or, Alu::And, Alu::Sub, Alu::Xor, Alu::Cmp};
          static const char* const kNames[] = {"add", "or", "and", "sub", "xor", "cmp"};
          uint32_t k = rng_.below(6);
          bool w = rng_.below(2);
          return {std::string(kNames[k]) + " " + (w ? kR64 : kR32)[r] + ", " + mem_text(m, w ? "qword" : "dword"),
                  [=](Assembler& a) { a.alu(kOps[k], r, m, w); }};
        }
        case 1: {
          bool w = rng_.below(2);
          return {std::string("imul ") + (w ? kR64 : kR32)[r] + ", " + mem_text(m, w ? "qword" : "dword"),
                  [=](Assembler& a) { a.imul(r, m, w); }};
        }
        default: {
          static const uint8_t kOps[] = {0x58, 0x59, 0x5C, 0x5E, 0x2E};
          static const char* const kNames[] = {"add", "mul", "sub", "div", "ucomi"};
          uint32_t k = rng_.below(5);
          bool dbl = rng_.below(2);
          uint8_t prefix = k == 4 ? (dbl ? 0x66 : 0) : (dbl ? 0xF2 : 0xF3);
          return {std::string(kNames[k]) + (dbl ? "sd " : "ss ") + xmm(x) + ", " + mem_text(m, dbl ? "qword" : "dword"),
                  [=](Assembler& a) { a.sse(prefix, kOps[k], x, m); }};
        }
      }
    }
    default: {
      uint64_t v = rng_.next() >> (rng_.below(64));
      std::string t;
      if (v <= 0xFFFFFFFFull)
        t = std::string("mov ") + kR32[r] + ", " + num(static_cast<int64_t>(v));
      else if (static_cast<int64_t>(v) >= INT32_MIN && static_cast<int64_t>(v) < 0)
        t = std::string("mov ") + kR64[r] + ", " + num(static_cast<int64_t>(v));
      else
        t = std::string("movabs ") + kR64[r] + ", " + (static_cast<int64_t>(v) < 0 ? unum(v) : num(static_cast<int64_t>(v)));
      return {t, [=](Assembler& a) { a.mov_imm64(r, v); }};
    }
  }
}

TEST(AssemblerFuzz, CapstoneReadsBackWhatWasMeant) {
  csh handle;
  ASSERT_EQ(cs_open(CS_ARCH_X86, CS_MODE_64, &handle), CS_ERR_OK);
  Generator gen(20261122);
  int mismatches = 0;
  const int kCases = 100000;
  for (int i = 0; i < kCases && mismatches < 10; i++) {
    Case c = gen.next();
    Assembler a;
    c.emit(a);
    cs_insn* insn = nullptr;
    size_t n = cs_disasm(handle, a.code().data(), a.size(), 0x1000, 0, &insn);
    std::string got = n ? std::string(insn[0].mnemonic) + (insn[0].op_str[0] ? " " : "") + insn[0].op_str : "(none)";
    bool ok = n == 1 && insn[0].size == a.size() && got == c.text;
    if (!ok) {
      mismatches++;
      std::string bytes;
      char buf[4];
      for (uint8_t b : a.code()) {
        snprintf(buf, sizeof buf, "%02x ", b);
        bytes += buf;
      }
      ADD_FAILURE() << "case " << i << ": meant '" << c.text << "', capstone read '" << got << "' (" << n
                    << " insns) from " << bytes;
    }
    if (n) cs_free(insn, n);
  }
  cs_close(&handle);
}

}  // namespace

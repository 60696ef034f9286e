// The x86-64 encoder table: one line per instruction form the assembler emits, with its
// expected bytes. The bytes were cross-checked once against `llvm-mc -show-encoding`
// (LLVM 14, Intel syntax); the randomized check against capstone is assembler_fuzz_test.cpp.
#include <gtest/gtest.h>

#include <functional>

#include "target/x86_64/assembler.h"

using namespace kite::x86_64;

namespace {

struct Form {
  const char* text;
  const char* bytes;
  std::function<void(Assembler&)> emit;
};

std::string hex(const std::vector<uint8_t>& code) {
  std::string s;
  char buf[4];
  for (uint8_t b : code) {
    snprintf(buf, sizeof buf, "%s%02x", s.empty() ? "" : " ", b);
    s += buf;
  }
  return s;
}

const Form kForms[] = {
    {"mov rax, rcx", "48 89 c8", [](Assembler& a) { a.mov(RAX, RCX); }},
    {"mov r15, rsp", "49 89 e7", [](Assembler& a) { a.mov(R15, RSP); }},
    {"mov eax, r9d", "44 89 c8", [](Assembler& a) { a.mov32(RAX, R9); }},
    {"mov rax, qword ptr [rbp - 8]", "48 8b 45 f8", [](Assembler& a) { a.mov(RAX, Mem{RBP, -8}); }},
    {"mov r11, qword ptr [r12 + r13*8 + 16]", "4f 8b 5c ec 10", [](Assembler& a) { a.mov(R11, Mem{R12, 16, R13, 8}); }},
    {"mov qword ptr [rsp + 256], rdi", "48 89 bc 24 00 01 00 00", [](Assembler& a) { a.mov(Mem{RSP, 256}, RDI); }},
    {"mov qword ptr [r13], rax", "49 89 45 00", [](Assembler& a) { a.mov(Mem{R13, 0}, RAX); }},
    {"mov rax, qword ptr [4*r11 + 64]", "4a 8b 04 9d 40 00 00 00", [](Assembler& a) { a.mov(RAX, Mem{kNoReg, 64, R11, 4}); }},
    {"movabs rax, 81985529216486895", "48 b8 ef cd ab 89 67 45 23 01", [](Assembler& a) { a.mov_imm64(RAX, 0x123456789abcdefull); }},
    {"mov eax, 42", "b8 2a 00 00 00", [](Assembler& a) { a.mov_imm64(RAX, 42); }},
    {"mov r10, -2", "49 c7 c2 fe ff ff ff", [](Assembler& a) { a.mov_imm64(R10, static_cast<uint64_t>(-2)); }},
    {"mov r9d, 4294967295", "41 b9 ff ff ff ff", [](Assembler& a) { a.mov_imm32(R9, 0xffffffffu); }},
    {"movzx eax, byte ptr [rsi + 3]", "0f b6 46 03", [](Assembler& a) { a.mov8(RAX, Mem{RSI, 3}); }},
    {"mov byte ptr [rdi], sil", "40 88 37", [](Assembler& a) { a.mov8(Mem{RDI, 0}, RSI); }},
    {"mov byte ptr [rax + rcx], al", "88 04 08", [](Assembler& a) { a.mov8(Mem{RAX, 0, RCX, 1}, RAX); }},
    {"movsx rax, byte ptr [r10]", "49 0f be 02", [](Assembler& a) { a.load_ext(RAX, Mem{R10, 0}, Width::W8, true); }},
    {"movzx eax, word ptr [r10 + 2]", "41 0f b7 42 02", [](Assembler& a) { a.load_ext(RAX, Mem{R10, 2}, Width::W16, false); }},
    {"movsx rcx, word ptr [r10]", "49 0f bf 0a", [](Assembler& a) { a.load_ext(RCX, Mem{R10, 0}, Width::W16, true); }},
    {"movsxd rdx, dword ptr [r11 + 4*rcx]", "49 63 14 8b", [](Assembler& a) { a.load_ext(RDX, Mem{R11, 0, RCX, 4}, Width::W32, true); }},
    {"mov r8d, dword ptr [rbx]", "44 8b 03", [](Assembler& a) { a.load_ext(R8, Mem{RBX, 0}, Width::W32, false); }},
    {"mov word ptr [r10], ax", "66 41 89 02", [](Assembler& a) { a.store(Mem{R10, 0}, RAX, Width::W16); }},
    {"mov dword ptr [r10 - 4], r9d", "45 89 4a fc", [](Assembler& a) { a.store(Mem{R10, -4}, R9, Width::W32); }},
    {"mov byte ptr [r12 + rbx], 0", "41 c6 04 1c 00", [](Assembler& a) { a.store_imm(Mem{R12, 0, RBX, 1}, 0, Width::W8); }},
    {"mov byte ptr [rax], -1", "c6 00 ff", [](Assembler& a) { a.store_imm(Mem{RAX, 0}, -1, Width::W8); }},
    {"mov word ptr [rdi + 2], 4660", "66 c7 47 02 34 12", [](Assembler& a) { a.store_imm(Mem{RDI, 2}, 4660, Width::W16); }},
    {"mov dword ptr [rbp - 8], -2147483648", "c7 45 f8 00 00 00 80", [](Assembler& a) { a.store_imm(Mem{RBP, -8}, INT32_MIN, Width::W32); }},
    {"mov qword ptr [r10 + 8*r11 + 16], -10", "4b c7 44 da 10 f6 ff ff ff", [](Assembler& a) { a.store_imm(Mem{R10, 16, R11, 8}, -10, Width::W64); }},
    {"mov qword ptr [rsp], 7", "48 c7 04 24 07 00 00 00", [](Assembler& a) { a.store_imm(Mem{RSP, 0}, 7, Width::W64); }},
    {"movsx rax, al", "48 0f be c0", [](Assembler& a) { a.extend(RAX, RAX, Width::W8, true); }},
    {"movzx eax, dil", "40 0f b6 c7", [](Assembler& a) { a.extend(RAX, RDI, Width::W8, false); }},
    {"movsx rax, cx", "48 0f bf c1", [](Assembler& a) { a.extend(RAX, RCX, Width::W16, true); }},
    {"movsxd rax, eax", "48 63 c0", [](Assembler& a) { a.extend(RAX, RAX, Width::W32, true); }},
    {"lea r10, [r10 + 8*r11]", "4f 8d 14 da", [](Assembler& a) { a.lea(R10, Mem{R10, 0, R11, 8}); }},
    {"lea rax, [rbp - 48]", "48 8d 45 d0", [](Assembler& a) { a.lea(RAX, Mem{RBP, -48}); }},
    {"add rax, rcx", "48 01 c8", [](Assembler& a) { a.alu(Alu::Add, RAX, RCX); }},
    {"sub r8d, r15d", "45 29 f8", [](Assembler& a) { a.alu(Alu::Sub, R8, R15, false); }},
    {"cmp rax, rcx", "48 39 c8", [](Assembler& a) { a.alu(Alu::Cmp, RAX, RCX); }},
    {"xor edx, edx", "31 d2", [](Assembler& a) { a.alu(Alu::Xor, RDX, RDX, false); }},
    {"and rax, -16", "48 83 e0 f0", [](Assembler& a) { a.alu_imm(Alu::And, RAX, -16); }},
    {"sub rsp, 4096", "48 81 ec 00 10 00 00", [](Assembler& a) { a.alu_imm(Alu::Sub, RSP, 4096); }},
    {"add r12, 1", "49 83 c4 01", [](Assembler& a) { a.alu_imm(Alu::Add, R12, 1); }},
    {"imul rax, rcx", "48 0f af c1", [](Assembler& a) { a.imul(RAX, RCX); }},
    {"imul eax, r14d", "41 0f af c6", [](Assembler& a) { a.imul(RAX, R14, false); }},
    {"imul rax, rcx, 7", "48 6b c1 07", [](Assembler& a) { a.imul_imm(RAX, RCX, 7); }},
    {"add rax, qword ptr [rbp - 8]", "48 03 45 f8", [](Assembler& a) { a.alu(Alu::Add, RAX, Mem{RBP, -8}); }},
    {"sub r9d, dword ptr [r10 + 4*r11 + 16]", "47 2b 4c 9a 10", [](Assembler& a) { a.alu(Alu::Sub, R9, Mem{R10, 16, R11, 4}, false); }},
    {"cmp r12, qword ptr [rsp]", "4c 3b 24 24", [](Assembler& a) { a.alu(Alu::Cmp, R12, Mem{RSP, 0}); }},
    {"imul rcx, qword ptr [rbx + 8]", "48 0f af 4b 08", [](Assembler& a) { a.imul(RCX, Mem{RBX, 8}); }},
    {"addsd xmm3, qword ptr [rbp - 16]", "f2 0f 58 5d f0", [](Assembler& a) { a.sse(0xF2, 0x58, XMM3, Mem{RBP, -16}); }},
    {"mulss xmm12, dword ptr [r13]", "f3 45 0f 59 65 00", [](Assembler& a) { a.sse(0xF3, 0x59, XMM12, Mem{R13, 0}); }},
    {"divsd xmm0, qword ptr [rax + 8*rcx]", "f2 0f 5e 04 c8", [](Assembler& a) { a.sse(0xF2, 0x5E, XMM0, Mem{RAX, 0, RCX, 8}); }},
    {"ucomisd xmm9, qword ptr [rbp - 8]", "66 44 0f 2e 4d f8", [](Assembler& a) { a.sse(0x66, 0x2E, XMM9, Mem{RBP, -8}); }},
    {"ucomiss xmm1, dword ptr [r8]", "41 0f 2e 08", [](Assembler& a) { a.sse(0, 0x2E, XMM1, Mem{R8, 0}); }},
    {"imul r10d, r11d, -200", "45 69 d3 38 ff ff ff", [](Assembler& a) { a.imul_imm(R10, R11, -200, false); }},
    {"imul r15, rbx, 2147483647", "4c 69 fb ff ff ff 7f", [](Assembler& a) { a.imul_imm(R15, RBX, INT32_MAX); }},
    {"neg rax", "48 f7 d8", [](Assembler& a) { a.unary(Unary::Neg, RAX); }},
    {"idiv rcx", "48 f7 f9", [](Assembler& a) { a.unary(Unary::IDiv, RCX); }},
    {"div ecx", "f7 f1", [](Assembler& a) { a.unary(Unary::Div, RCX, false); }},
    {"mul r11", "49 f7 e3", [](Assembler& a) { a.unary(Unary::Mul, R11); }},
    {"shl rax, cl", "48 d3 e0", [](Assembler& a) { a.shift_cl(Shift::Shl, RAX); }},
    {"sar eax, cl", "d3 f8", [](Assembler& a) { a.shift_cl(Shift::Sar, RAX, false); }},
    {"shr rcx, 3", "48 c1 e9 03", [](Assembler& a) { a.shift_imm(Shift::Shr, RCX, 3); }},
    {"test rax, rax", "48 85 c0", [](Assembler& a) { a.test(RAX, RAX); }},
    {"cqo", "48 99", [](Assembler& a) { a.cqo(); }},
    {"cdq", "99", [](Assembler& a) { a.cdq(); }},
    {"setl al", "0f 9c c0", [](Assembler& a) { a.setcc(L, RAX); }},
    {"setnp cl", "0f 9b c1", [](Assembler& a) { a.setcc(NP, RCX); }},
    {"movsd xmm0, qword ptr [rbp - 16]", "f2 0f 10 45 f0", [](Assembler& a) { a.movsd(XMM0, Mem{RBP, -16}); }},
    {"movsd qword ptr [r10 + 8], xmm9", "f2 45 0f 11 4a 08", [](Assembler& a) { a.movsd(Mem{R10, 8}, XMM9); }},
    {"movss xmm1, dword ptr [rax]", "f3 0f 10 08", [](Assembler& a) { a.movss(XMM1, Mem{RAX, 0}); }},
    {"movss dword ptr [rsp], xmm15", "f3 44 0f 11 3c 24", [](Assembler& a) { a.movss(Mem{RSP, 0}, XMM15); }},
    {"movdqu xmmword ptr [rsp + 48], xmm7", "f3 0f 7f 7c 24 30", [](Assembler& a) { a.movdqu(Mem{RSP, 48}, XMM7); }},
    {"movdqu xmm3, xmmword ptr [rsp + 96]", "f3 0f 6f 5c 24 60", [](Assembler& a) { a.movdqu(XMM3, Mem{RSP, 96}); }},
    {"addsd xmm0, xmm1", "f2 0f 58 c1", [](Assembler& a) { a.sse(0xF2, 0x58, XMM0, XMM1); }},
    {"divss xmm8, xmm2", "f3 44 0f 5e c2", [](Assembler& a) { a.sse(0xF3, 0x5E, XMM8, XMM2); }},
    {"ucomisd xmm0, xmm1", "66 0f 2e c1", [](Assembler& a) { a.sse(0x66, 0x2E, XMM0, XMM1); }},
    {"ucomiss xmm1, xmm0", "0f 2e c8", [](Assembler& a) { a.sse(0, 0x2E, XMM1, XMM0); }},
    {"xorps xmm0, xmm1", "0f 57 c1", [](Assembler& a) { a.sse(0, 0x57, XMM0, XMM1); }},
    {"cvtss2sd xmm0, xmm0", "f3 0f 5a c0", [](Assembler& a) { a.sse(0xF3, 0x5A, XMM0, XMM0); }},
    {"movq xmm1, r11", "66 49 0f 6e cb", [](Assembler& a) { a.movq_to_xmm(XMM1, R11); }},
    {"movq rax, xmm12", "66 4c 0f 7e e0", [](Assembler& a) { a.movq_from_xmm(RAX, XMM12); }},
    {"cvtsi2sd xmm0, rax", "f2 48 0f 2a c0", [](Assembler& a) { a.cvtsi2s(true, XMM0, RAX); }},
    {"cvtsi2ss xmm2, rcx", "f3 48 0f 2a d1", [](Assembler& a) { a.cvtsi2s(false, XMM2, RCX); }},
    {"cvttsd2si rax, xmm0", "f2 48 0f 2c c0", [](Assembler& a) { a.cvtts2si(true, RAX, XMM0); }},
    {"cvttss2si r8, xmm1", "f3 4c 0f 2c c1", [](Assembler& a) { a.cvtts2si(false, R8, XMM1); }},
    {"fld tbyte ptr [rbp - 32]", "db 6d e0", [](Assembler& a) { a.fld80(Mem{RBP, -32}); }},
    {"fstp tbyte ptr [r13]", "41 db 7d 00", [](Assembler& a) { a.fstp80(Mem{R13, 0}); }},
    {"fld qword ptr [rsp + 8]", "dd 44 24 08", [](Assembler& a) { a.fld64(Mem{RSP, 8}); }},
    {"fstp qword ptr [rax]", "dd 18", [](Assembler& a) { a.fstp64(Mem{RAX, 0}); }},
    {"fld dword ptr [rax]", "d9 00", [](Assembler& a) { a.fld32(Mem{RAX, 0}); }},
    {"fstp dword ptr [rcx]", "d9 19", [](Assembler& a) { a.fstp32(Mem{RCX, 0}); }},
    {"fild qword ptr [rbp - 8]", "df 6d f8", [](Assembler& a) { a.fild64(Mem{RBP, -8}); }},
    {"fisttp qword ptr [rbp - 8]", "dd 4d f8", [](Assembler& a) { a.fisttp64(Mem{RBP, -8}); }},
    {"push rbp", "55", [](Assembler& a) { a.push(RBP); }},
    {"push r12", "41 54", [](Assembler& a) { a.push(R12); }},
    {"pop r15", "41 5f", [](Assembler& a) { a.pop(R15); }},
    {"call r11", "41 ff d3", [](Assembler& a) { a.call(R11); }},
    {"call qword ptr [r11]", "41 ff 13", [](Assembler& a) { a.call(Mem{R11, 0}); }},
    {"jmp rax", "ff e0", [](Assembler& a) { a.jmp(RAX); }},
    {"jmp qword ptr [r11]", "41 ff 23", [](Assembler& a) { a.jmp(Mem{R11, 0}); }},
    {"leave", "c9", [](Assembler& a) { a.leave(); }},
    {"ret", "c3", [](Assembler& a) { a.ret(); }},
};

TEST(Assembler, EveryFormEncodesAsTheTableSays) {
  for (const Form& f : kForms) {
    Assembler a;
    f.emit(a);
    EXPECT_EQ(hex(a.code()), f.bytes) << f.text;
  }
}

TEST(Assembler, LabelsPatchForwardAndBackwardJumps) {
  Assembler a;
  Label back, fwd;
  a.bind(back);
  a.jcc(NE, fwd);   // 0f 85 rel32
  a.jmp(back);      // e9 rel32 = -(6 + 5)
  a.bind(fwd);
  a.ret();
  EXPECT_EQ(hex(a.code()), "0f 85 05 00 00 00 e9 f5 ff ff ff c3");
}

TEST(Assembler, RipRelativeLabelAndJumpTableOffsets) {
  Assembler a;
  Label table, target;
  a.lea_label(R11, table);  // 4c 8d 1d rel32
  a.bind(target);
  a.ret();
  a.bind(table);
  a.label_offset32(target, static_cast<uint32_t>(a.size()));
  EXPECT_EQ(hex(a.code()), "4c 8d 1d 01 00 00 00 c3 ff ff ff ff");
}

}  // namespace

// Generated glue between Kite's Value-array calling convention and native SysV code:
//  - call glue: void glue(void* fn, const Value* args, Value* results) calls fn natively;
//  - shims: native-callable functions that save the argument registers in the va_list
//    register-save layout and call the interpreter;
//  - thunks: jmp *[slot], one stable address per function whose target can change.
#include "call_glue.h"

#include <cstring>

#include "abi.h"
#include "assembler.h"
#include "jit/code_memory.h"

namespace kite::x86_64 {
namespace {

constexpr int32_t kStride = sizeof(Value);
constexpr Reg kFn = RBX, kArgs = R12, kResults = R13;

// Copies `size` bytes from [src] to [dst_base + dst_off] using rax (8 at a time, then bytes).
void copy_bytes(Assembler& a, Reg src, Reg dst_base, int32_t dst_off, uint32_t size) {
  uint32_t k = 0;
  for (; k + 8 <= size; k += 8) {
    a.mov(RAX, Mem{src, static_cast<int32_t>(k)});
    a.mov(Mem{dst_base, dst_off + static_cast<int32_t>(k)}, RAX);
  }
  for (; k < size; k++) {
    a.mov8(RAX, Mem{src, static_cast<int32_t>(k)});
    a.mov8(Mem{dst_base, dst_off + static_cast<int32_t>(k)}, RAX);
  }
}

void store_results(Assembler& a, const std::vector<Type>& results, Reg base, int32_t off) {
  int ints = 0, sses = 0;
  for (size_t r = 0; r < results.size(); r++) {
    Mem slot{base, off + static_cast<int32_t>(r) * kStride};
    Type t = results[r];
    if (t == Type::F) {
      a.movss(slot, sses++ ? XMM1 : XMM0);
    } else if (t == Type::D) {
      a.movsd(slot, sses++ ? XMM1 : XMM0);
    } else if (t == Type::LD) {
      a.fstp80(slot);  // st0 holds the first long double result; popping exposes the next
    } else {
      a.mov(slot, ints++ ? RDX : RAX);
    }
  }
}

}  // namespace

NativeCallGlue make_call_glue(const CallShape& shape, CodeMemory& mem) {
  ArgLayout layout = classify_args(shape.args, shape.args.size());
  // Blocks passed in registers are first copied to scratch so partial eightbytes are safe.
  uint32_t scratch_off = (layout.stack_size + 15) & ~15u;
  uint32_t scratch = 0;
  for (const ArgLoc& l : layout.locs)
    if (l.kind == ArgLocKind::Regs) scratch += 16;
  uint32_t frame = (scratch_off + scratch + 15) & ~15u;

  Assembler a;
  a.push(RBP);
  a.mov(RBP, RSP);
  a.push(RBX);
  a.push(R12);
  a.push(R13);
  a.push(R14);  // four pushes keep rsp 16-byte aligned
  if (frame) a.sub_imm(RSP, static_cast<int32_t>(frame));
  a.mov(kFn, RDI);
  a.mov(kArgs, RSI);
  a.mov(kResults, RDX);

  // Stack arguments and scratch copies first: they use rax and rsi.
  uint32_t next_scratch = scratch_off;
  std::vector<uint32_t> scratch_of(layout.locs.size(), 0);
  for (size_t i = 0; i < layout.locs.size(); i++) {
    const ArgLoc& l = layout.locs[i];
    const ArgShape& s = shape.args[i];
    int32_t src = static_cast<int32_t>(i) * kStride;
    if (l.kind == ArgLocKind::Stack) {
      int32_t off = static_cast<int32_t>(l.offset);
      if (is_blk_type(s.type) && s.type != Type::RBlk) {
        a.mov(RSI, Mem{kArgs, src});
        copy_bytes(a, RSI, RSP, off, s.size);
      } else {
        a.mov(RAX, Mem{kArgs, src});
        a.mov(Mem{RSP, off}, RAX);
        if (s.type == Type::LD) {
          a.mov(RAX, Mem{kArgs, src + 8});
          a.mov(Mem{RSP, off + 8}, RAX);
        }
      }
    } else if (l.kind == ArgLocKind::Regs) {
      scratch_of[i] = next_scratch;
      next_scratch += 16;
      a.mov(RSI, Mem{kArgs, src});
      copy_bytes(a, RSI, RSP, static_cast<int32_t>(scratch_of[i]), s.size);
    }
  }
  for (size_t i = 0; i < layout.locs.size(); i++) {
    const ArgLoc& l = layout.locs[i];
    const ArgShape& s = shape.args[i];
    int32_t src = static_cast<int32_t>(i) * kStride;
    switch (l.kind) {
      case ArgLocKind::IntReg: a.mov(kIntArgRegs[l.reg], Mem{kArgs, src}); break;
      case ArgLocKind::SseReg:
        if (s.type == Type::F)
          a.movss(static_cast<Xmm>(l.reg), Mem{kArgs, src});
        else
          a.movsd(static_cast<Xmm>(l.reg), Mem{kArgs, src});
        break;
      case ArgLocKind::Regs:
        for (int k = 0; k < l.nregs; k++) {
          Mem part{RSP, static_cast<int32_t>(scratch_of[i]) + 8 * k};
          if (l.cls[k] == EightbyteClass::Int)
            a.mov(kIntArgRegs[l.regs[k]], part);
          else
            a.movsd(static_cast<Xmm>(l.regs[k]), part);
        }
        break;
      case ArgLocKind::Stack: break;
    }
  }
  a.mov_imm32(RAX, layout.sse_regs);  // %al: SSE registers used, for variadic callees
  a.call(kFn);
  store_results(a, shape.results, kResults, 0);
  a.lea(RSP, Mem{RBP, -32});
  a.pop(R14);
  a.pop(R13);
  a.pop(R12);
  a.pop(RBX);
  a.pop(RBP);
  a.ret();
  return reinterpret_cast<NativeCallGlue>(mem.install(a.code().data(), a.size()));
}

void* make_shim(const CallShape& shape, void* fn_context, ShimEntry entry, CodeMemory& mem) {
  // Frame: [rsp, +176) register save area, [+176, +192) NativeArgs, [+192, +288) results.
  constexpr int32_t kArgsOff = kRegSaveSize, kResOff = kRegSaveSize + 16, kFrame = kRegSaveSize + 16 + 96;
  static_assert(kFrame % 16 == 0);
  Assembler a;
  a.push(RBP);
  a.mov(RBP, RSP);
  a.sub_imm(RSP, kFrame);
  for (int r = 0; r < kNumIntArgRegs; r++) a.mov(Mem{RSP, static_cast<int32_t>(kRegSaveIntOffset) + 8 * r}, kIntArgRegs[r]);
  for (int x = 0; x < kNumSseArgRegs; x++)
    a.movdqu(Mem{RSP, static_cast<int32_t>(kRegSaveSseOffset) + 16 * x}, static_cast<Xmm>(x));
  a.mov(Mem{RSP, kArgsOff}, RSP);
  a.lea(RAX, Mem{RBP, 16});
  a.mov(Mem{RSP, kArgsOff + 8}, RAX);
  a.mov_imm64(RDI, reinterpret_cast<uint64_t>(fn_context));
  a.lea(RSI, Mem{RSP, kArgsOff});
  a.lea(RDX, Mem{RSP, kResOff});
  a.mov_imm64(RAX, reinterpret_cast<uint64_t>(entry));
  a.call(RAX);
  // Results into their registers; long doubles are pushed last-first so st0 is the first.
  int ints = 0, sses = 0;
  for (size_t r = 0; r < shape.results.size(); r++) {
    Mem slot{RSP, kResOff + static_cast<int32_t>(r) * kStride};
    Type t = shape.results[r];
    if (t == Type::F)
      a.movss(sses++ ? XMM1 : XMM0, slot);
    else if (t == Type::D)
      a.movsd(sses++ ? XMM1 : XMM0, slot);
    else if (t != Type::LD)
      a.mov(ints++ ? RDX : RAX, slot);
  }
  for (size_t r = shape.results.size(); r-- > 0;)
    if (shape.results[r] == Type::LD) a.fld80(Mem{RSP, kResOff + static_cast<int32_t>(r) * kStride});
  a.leave();
  a.ret();
  return mem.install(a.code().data(), a.size());
}

void* make_thunk(void* const* slot, CodeMemory& mem) {
  Assembler a;
  a.mov_imm64(R11, reinterpret_cast<uint64_t>(slot));  // r11: scratch, never an argument
  a.jmp(Mem{R11, 0});
  return mem.install(a.code().data(), a.size());
}

void* make_lazy_stub(void* const* slot, void* ctx, void (*compile)(void*), CodeMemory& mem) {
  // Keeps every argument register (and rax, which holds %al for variadic callees) across
  // the call to compile, then continues into the compiled code as if called directly.
  constexpr int32_t kRaxOff = kRegSaveSize, kFrame = kRegSaveSize + 16;
  Assembler a;
  a.push(RBP);
  a.mov(RBP, RSP);
  a.sub_imm(RSP, kFrame);
  for (int r = 0; r < kNumIntArgRegs; r++) a.mov(Mem{RSP, 8 * r}, kIntArgRegs[r]);
  for (int x = 0; x < kNumSseArgRegs; x++) a.movdqu(Mem{RSP, static_cast<int32_t>(kRegSaveSseOffset) + 16 * x}, static_cast<Xmm>(x));
  a.mov(Mem{RSP, kRaxOff}, RAX);
  a.mov_imm64(RDI, reinterpret_cast<uint64_t>(ctx));
  a.mov_imm64(RAX, reinterpret_cast<uint64_t>(compile));
  a.call(RAX);
  for (int r = 0; r < kNumIntArgRegs; r++) a.mov(kIntArgRegs[r], Mem{RSP, 8 * r});
  for (int x = 0; x < kNumSseArgRegs; x++) a.movdqu(static_cast<Xmm>(x), Mem{RSP, static_cast<int32_t>(kRegSaveSseOffset) + 16 * x});
  a.mov(RAX, Mem{RSP, kRaxOff});
  a.leave();
  a.mov_imm64(R11, reinterpret_cast<uint64_t>(slot));
  a.jmp(Mem{R11, 0});
  return mem.install(a.code().data(), a.size());
}

}  // namespace kite::x86_64

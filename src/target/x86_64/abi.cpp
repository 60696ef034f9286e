// Argument classification (SysV AMD64 ABI, section 3.2.3) for scalars and Kite's block cases:
// blk0 and blocks over 16 bytes go in memory; blk1 in integer registers, blk2 in SSE registers,
// blk3 integer then SSE, blk4 SSE then integer; rblk is a pointer.
#include "abi.h"

namespace kite::x86_64 {

ArgLayout classify_args(const std::vector<ArgShape>& args, size_t count) {
  ArgLayout out;
  out.locs.resize(count);
  for (size_t i = 0; i < count; i++) {
    const ArgShape& a = args[i];
    ArgLoc& loc = out.locs[i];
    loc = ArgLoc{ArgLocKind::Stack, 0, 0, {EightbyteClass::Int, EightbyteClass::Int}, {0, 0}, 0};
    Type t = a.type;
    if (is_int_type(t) || t == Type::RBlk) {
      if (out.int_regs < kNumIntArgRegsAbi) {
        loc.kind = ArgLocKind::IntReg;
        loc.reg = static_cast<uint8_t>(out.int_regs++);
        continue;
      }
      loc.offset = out.stack_size;
      out.stack_size += 8;
      continue;
    }
    if (t == Type::F || t == Type::D) {
      if (out.sse_regs < kNumSseArgRegsAbi) {
        loc.kind = ArgLocKind::SseReg;
        loc.reg = static_cast<uint8_t>(out.sse_regs++);
        continue;
      }
      loc.offset = out.stack_size;
      out.stack_size += 8;
      continue;
    }
    if (t == Type::LD) {
      out.stack_size = (out.stack_size + 15) & ~15u;
      loc.offset = out.stack_size;
      out.stack_size += 16;
      continue;
    }
    // Blocks.
    uint32_t n = (a.size + 7) / 8;
    if (t != Type::Blk0 && a.size > 0 && a.size <= 16) {
      EightbyteClass c0 = (t == Type::Blk2 || t == Type::Blk4) ? EightbyteClass::Sse : EightbyteClass::Int;
      EightbyteClass c1 = (t == Type::Blk2 || t == Type::Blk3) ? EightbyteClass::Sse : EightbyteClass::Int;
      uint32_t need_int = 0, need_sse = 0;
      EightbyteClass cls[2] = {c0, c1};
      for (uint32_t k = 0; k < n; k++) (cls[k] == EightbyteClass::Int ? need_int : need_sse)++;
      if (out.int_regs + need_int <= kNumIntArgRegsAbi && out.sse_regs + need_sse <= kNumSseArgRegsAbi) {
        loc.kind = ArgLocKind::Regs;
        loc.nregs = static_cast<uint8_t>(n);
        for (uint32_t k = 0; k < n; k++) {
          loc.cls[k] = cls[k];
          loc.regs[k] = static_cast<uint8_t>(cls[k] == EightbyteClass::Int ? out.int_regs++ : out.sse_regs++);
        }
        continue;
      }
    }
    loc.offset = out.stack_size;
    out.stack_size += n * 8;
  }
  return out;
}

}  // namespace kite::x86_64

// The x86-64 SysV target: glue generation, argument unpacking for shims, and va_list handling.
#include <cstring>

#include "abi.h"
#include "call_glue.h"
#include "baseline_gen.h"

namespace kite::x86_64 {
namespace {

class X86_64Target final : public Target {
 public:
  const char* name() const override { return "x86_64"; }

  NativeCallGlue make_call_glue(const CallShape& shape, CodeMemory& mem) override {
    return x86_64::make_call_glue(shape, mem);
  }
  void* make_shim(const CallShape& shape, void* ctx, ShimEntry entry, CodeMemory& mem) override {
    return x86_64::make_shim(shape, ctx, entry, mem);
  }
  void* make_thunk(void* const* slot, CodeMemory& mem) override { return x86_64::make_thunk(slot, mem); }
  void* make_lazy_stub(void* const* slot, void* ctx, void (*compile)(void*), CodeMemory& mem) override {
    return x86_64::make_lazy_stub(slot, ctx, compile, mem);
  }
  bool compile(const Func& f, const CallShape& shape, int opt_level, CompileEnv& env, CodeMemory& mem,
               CompiledFunc* out, std::string* why) override {
    return generate_baseline(f, shape, opt_level, env, mem, out, why);
  }

  void unpack_args(const CallShape& shape, const NativeArgs& in, Value* out) override {
    ArgLayout layout = classify_args(shape.args, shape.nfixed);
    for (size_t i = 0; i < layout.locs.size(); i++) {
      const ArgLoc& l = layout.locs[i];
      Type t = shape.args[i].type;
      Value& v = out[i];
      memset(&v, 0, sizeof v);
      switch (l.kind) {
        case ArgLocKind::IntReg: memcpy(&v, in.reg_save + kRegSaveIntOffset + 8 * l.reg, 8); break;
        case ArgLocKind::SseReg: memcpy(&v, in.reg_save + kRegSaveSseOffset + 16 * l.reg, 8); break;
        case ArgLocKind::Stack:
          if (is_blk_type(t) && t != Type::RBlk)
            v.p = const_cast<uint8_t*>(in.stack + l.offset);
          else
            memcpy(&v, in.stack + l.offset, t == Type::LD ? 16 : 8);
          break;
        case ArgLocKind::Regs:
          // The eightbytes lie apart in the save area: gather them in the scratch cell.
          {
            uint8_t bytes[16] = {0};
            for (int k = 0; k < l.nregs; k++) {
              const uint8_t* src = l.cls[k] == EightbyteClass::Int
                                       ? in.reg_save + kRegSaveIntOffset + 8 * l.regs[k]
                                       : in.reg_save + kRegSaveSseOffset + 16 * l.regs[k];
              memcpy(bytes + 8 * k, src, 8);
            }
            Value* scratch = out + shape.nfixed + i;
            memcpy(scratch, bytes, 16);
            v.p = scratch;
          }
          break;
      }
    }
  }

  uint32_t va_list_size() const override { return sizeof(VaList); }

  void va_list_start(void* va_list, const CallShape& fixed, const NativeArgs& in) override {
    ArgLayout layout = classify_args(fixed.args, fixed.nfixed);
    VaList* va = static_cast<VaList*>(va_list);
    va->gp_offset = kRegSaveIntOffset + 8 * layout.int_regs;
    va->fp_offset = kRegSaveSseOffset + 16 * layout.sse_regs;
    va->overflow_arg_area = const_cast<uint8_t*>(in.stack) + layout.stack_size;
    va->reg_save_area = const_cast<uint8_t*>(in.reg_save);
  }

  void* va_list_arg(void* va_list, Type type) override {
    VaList* va = static_cast<VaList*>(va_list);
    void* addr;
    if (type == Type::F || type == Type::D) {
      if (va->fp_offset < kRegSaveSize) {
        addr = va->reg_save_area + va->fp_offset;
        va->fp_offset += 16;
        return addr;
      }
    } else if (type == Type::LD) {
      uintptr_t p = (reinterpret_cast<uintptr_t>(va->overflow_arg_area) + 15) & ~uintptr_t(15);
      va->overflow_arg_area = reinterpret_cast<uint8_t*>(p + 16);
      return reinterpret_cast<void*>(p);
    } else if (va->gp_offset < kRegSaveSseOffset) {
      addr = va->reg_save_area + va->gp_offset;
      va->gp_offset += 8;
      return addr;
    }
    addr = va->overflow_arg_area;
    va->overflow_arg_area += 8;
    return addr;
  }

  void va_list_block_arg(void* dst, void* va_list, uint64_t size, uint64_t blk_case) override {
    VaList* va = static_cast<VaList*>(va_list);
    uint8_t* out = static_cast<uint8_t*>(dst);
    if (blk_case >= 1 && blk_case <= 4 && size > 0 && size <= 16) {
      uint32_t n = static_cast<uint32_t>((size + 7) / 8);
      bool sse[2] = {blk_case == 2 || blk_case == 4, blk_case == 2 || blk_case == 3};
      uint32_t need_int = 0, need_sse = 0;
      for (uint32_t k = 0; k < n; k++) (sse[k] ? need_sse : need_int)++;
      if (va->gp_offset + 8 * need_int <= kRegSaveSseOffset && va->fp_offset + 16 * need_sse <= kRegSaveSize) {
        uint8_t bytes[16];
        for (uint32_t k = 0; k < n; k++) {
          uint32_t& off = sse[k] ? va->fp_offset : va->gp_offset;
          memcpy(bytes + 8 * k, va->reg_save_area + off, 8);
          off += sse[k] ? 16 : 8;
        }
        memcpy(out, bytes, size);
        return;
      }
    }
    memcpy(out, va->overflow_arg_area, size);
    va->overflow_arg_area += (size + 7) & ~uint64_t(7);
  }
};

}  // namespace
}  // namespace kite::x86_64

// Varargs helpers called from generated code.
extern "C" void kite_x86_64_va_start(void* va, const uint8_t* reg_save, const uint8_t* stack,
                                     const kite::CallShape* fixed) {
  kite::NativeArgs in{reg_save, stack};
  kite::host_target().va_list_start(va, *fixed, in);
}
extern "C" void* kite_x86_64_va_arg(void* va, uint64_t type) {
  return kite::host_target().va_list_arg(va, static_cast<kite::Type>(type));
}
extern "C" void kite_x86_64_va_block_arg(void* dst, void* va, uint64_t size, uint64_t blk_case) {
  kite::host_target().va_list_block_arg(dst, va, size, blk_case);
}

namespace kite {

Target& host_target() {
  static x86_64::X86_64Target target;  // the only target so far; a registry comes with the second
  return target;
}

}  // namespace kite

// The Target interface: what the layers above need from a machine (today: calling native code
// from the interpreter and back, and the variadic-argument ABI). One implementation per
// folder under src/target/; host_target() picks the one this process runs on.
#pragma once
#include <cstdint>
#include <vector>

#include <string>
#include <string_view>

#include "kite/ir.h"
#include "kite/types.h"
#include "kite/value.h"

namespace kite {

class CodeMemory;

// How a call passes its arguments and results, independent of any IR function.
struct ArgShape {
  Type type;         // scalar type, or Blk0..Blk4 / RBlk
  uint32_t size;     // blocks: size in bytes
};
struct CallShape {
  std::vector<ArgShape> args;   // fixed and variadic arguments, in order
  std::vector<Type> results;    // scalar result types
  bool vararg = false;          // the callee is variadic (x86-64: %al holds the SSE count)
  uint32_t nfixed = 0;          // arguments before the variadic part
};

// Calls native function fn with args[i] (blocks: args[i].p = the block's address) and stores
// the results in results[k].
using NativeCallGlue = void (*)(void* fn, const Value* args, Value* results);

// What a native-callable shim hands to the interpreter: the incoming register arguments
// (target layout) and the stack arguments.
struct NativeArgs {
  const uint8_t* reg_save;
  const uint8_t* stack;
};
using ShimEntry = void (*)(void* fn_context, const NativeArgs* args, Value* results);

// What the code generator needs from the layers above it.
class CompileEnv {
 public:
  virtual ~CompileEnv() = default;
  virtual void* item_address(ItemId item) = 0;             // functions: their entry point
  virtual void* string_address(std::string_view bytes) = 0;  // a stable, writable copy
  // For an item naming an IR function: the slot its entry jumps through (code may call
  // through it directly); null otherwise.
  virtual void* const* entry_slot(ItemId item) = 0;
  // Whether CompiledFunc::listing should hold the generated assembly.
  virtual bool want_listing() { return false; }
  // Whether to time the generator's stages, and where their times go (--time-passes).
  virtual bool want_timings() { return false; }
  virtual void add_timing(const char* /*stage*/, uint64_t /*nanoseconds*/) {}
  // Whether to dump what a stage decided (--dump-after=STAGE or all), and where it goes.
  virtual bool want_dump(const char* /*stage*/) { return false; }
  virtual void add_dump(const std::string& /*text*/) {}
};

struct CompiledFunc {
  void* code = nullptr;
  uint32_t size = 0;
  std::vector<uint32_t> label_offsets;  // by LabelId, from code
  std::string listing;                  // the assembly, when CompileEnv::want_listing()
};

class Target {
 public:
  virtual ~Target() = default;
  virtual const char* name() const = 0;
  // Glue for calling native code of this shape; cached by the caller. Null if out of memory.
  virtual NativeCallGlue make_call_glue(const CallShape& shape, CodeMemory& mem) = 0;
  // A native-callable function of this shape that calls entry(fn_context, ...).
  virtual void* make_shim(const CallShape& shape, void* fn_context, ShimEntry entry, CodeMemory& mem) = 0;
  // A stub that jumps through *slot, so callers keep one address while the target changes.
  virtual void* make_thunk(void* const* slot, CodeMemory& mem) = 0;
  // A stub for lazy compilation: it keeps the incoming arguments, calls compile(ctx) (which
  // must store the function's code in *slot), then jumps through *slot.
  virtual void* make_lazy_stub(void* const* slot, void* ctx, void (*compile)(void*), CodeMemory& mem) = 0;
  // Compiles an IR function to machine code with the native calling convention. On failure
  // returns false and says why (the function then stays interpreted).
  virtual bool compile(const Func& f, const CallShape& shape, int opt_level, CompileEnv& env, CodeMemory& mem,
                       CompiledFunc* out, std::string* why) = 0;
  // Reads the fixed arguments of a shim call into out[i] (blocks: out[i].p = their address).
  // out has room for 2 * shape.nfixed values: the second half is scratch for blocks that
  // arrived in registers.
  virtual void unpack_args(const CallShape& shape, const NativeArgs& in, Value* out) = 0;
  // Variadic arguments, with a va_list in the target's layout.
  virtual uint32_t va_list_size() const = 0;
  virtual void va_list_start(void* va_list, const CallShape& fixed, const NativeArgs& in) = 0;
  virtual void* va_list_arg(void* va_list, Type type) = 0;  // address of the next argument
  virtual void va_list_block_arg(void* dst, void* va_list, uint64_t size, uint64_t blk_case) = 0;
};

Target& host_target();

}  // namespace kite

// The interpreter as an Executor: functions are translated at link time and run by the
// threaded dispatch loop; native code enters them through generated shims.
#include <alloca.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "interp.h"
#include "translate.h"

namespace kite::interp {
namespace {

// Called by a function's shim with the native arguments.
void shim_entry(void* fn_context, const NativeArgs* in, Value* results) {
  FuncState& fs = *static_cast<FuncState*>(fn_context);
  if (!fs.exec) {
    fputs("kite: a function was called before its module was linked\n", stderr);
    abort();  // a misuse of the embedding API, not bad input
  }
  const Code& code = *static_cast<const Code*>(fs.exec);
  // No owning objects in this frame: a longjmp out of the function run below skips it.
  Value args[64];
  Value* a = args;
  if (fs.shape.nfixed * 2 > 64) a = static_cast<Value*>(alloca(sizeof(Value) * fs.shape.nfixed * 2));
  code.linker->target().unpack_args(fs.shape, *in, a);
  run(code, a, results, in);
}

class InterpExecutor final : public Executor {
 public:
  ShimEntry shim_entry() override { return interp::shim_entry; }

  bool prepare(Linker& linker, FuncState& fs, Diagnostics& diags) override {
    codes_.push_back(std::make_unique<Code>());
    Code& code = *codes_.back();
    if (!translate(linker, fs, code, diags)) return false;
    fs.exec = &code;
    return true;
  }

  void* label_address(FuncState& fs, LabelId label) override {
    const Code& code = *static_cast<const Code*>(fs.exec);
    return const_cast<uint64_t*>(code.words.data() + code.label_words[label]);
  }

  void call(FuncState& fs, const Value* args, Value* results) override {
    run(*static_cast<const Code*>(fs.exec), args, results, nullptr);
  }

  void forget(FuncState& fs) override {
    codes_.erase(std::remove_if(codes_.begin(), codes_.end(),
                                [&](const std::unique_ptr<Code>& c) { return c.get() == fs.exec; }),
                 codes_.end());
    fs.exec = nullptr;
  }

 private:
  std::vector<std::unique_ptr<Code>> codes_;
};

}  // namespace

std::unique_ptr<Executor> make_executor() { return std::make_unique<InterpExecutor>(); }

}  // namespace kite::interp

namespace kite {

std::unique_ptr<Runtime> make_interpreter_runtime(Context& ctx) {
  return std::make_unique<Linker>(ctx, interp::make_executor());
}

}  // namespace kite

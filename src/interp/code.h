// The interpreter's internal form: each function is translated once into threaded code, a
// flat array of 64-bit words. A micro-op is the address of its handler (GCC labels-as-values)
// followed by its operands: frame offsets of values, immediates, or code addresses. All
// values live in the frame; constants are copied into it at entry from a template, so every
// value operand is one frame offset and handlers need no immediate forms.
#pragma once
#include <cstdint>
#include <vector>

#include "link/linker.h"

namespace kite::interp {

// Micro-ops. Operand lists: d = destination offset, a/b = source offsets, t = code address,
// M = memory address (base offset, index offset, scale, displacement).
#define KITE_MICRO_OPS(X)                                                                        \
  /* moves and memory */                                                                         \
  X(Mov64) X(Mov128)                                                            /* d a */         \
  X(LdI8) X(LdU8) X(LdI16) X(LdU16) X(LdI32) X(LdU32) X(Ld64) X(LdF) X(LdLD) /* d M */         \
  X(St8) X(St16) X(St32) X(St64) X(StF) X(StLD)                               /* a M */         \
  X(Lea)                                                                      /* d M */         \
  /* unary: d a */                                                                               \
  X(Ext8) X(Ext16) X(Ext32) X(UExt8) X(UExt16) X(UExt32)                                         \
  X(I2F) X(I2D) X(I2LD) X(UI2F) X(UI2D) X(UI2LD) X(F2I) X(D2I) X(LD2I)                            \
  X(F2D) X(F2LD) X(D2F) X(D2LD) X(LD2F) X(LD2D)                                                   \
  X(Neg) X(NegS) X(FNeg) X(DNeg) X(LDNeg)                                                        \
  /* binary: d a b */                                                                            \
  X(Add) X(AddS) X(FAdd) X(DAdd) X(LDAdd) X(Sub) X(SubS) X(FSub) X(DSub) X(LDSub)                \
  X(Mul) X(MulS) X(FMul) X(DMul) X(LDMul) X(Div) X(DivS) X(UDiv) X(UDivS) X(FDiv) X(DDiv) X(LDDiv) \
  X(Mod) X(ModS) X(UMod) X(UModS) X(And) X(AndS) X(Or) X(OrS) X(Xor) X(XorS)                     \
  X(Lsh) X(LshS) X(Rsh) X(RshS) X(URsh) X(URshS)                                                 \
  X(Eq) X(EqS) X(FEq) X(DEq) X(LDEq) X(Ne) X(NeS) X(FNe) X(DNe) X(LDNe)                          \
  X(Lt) X(LtS) X(ULt) X(ULtS) X(FLt) X(DLt) X(LDLt) X(Le) X(LeS) X(ULe) X(ULeS) X(FLe) X(DLe) X(LDLe) \
  X(Gt) X(GtS) X(UGt) X(UGtS) X(FGt) X(DGt) X(LDGt) X(Ge) X(GeS) X(UGe) X(UGeS) X(FGe) X(DGe) X(LDGe) \
  X(AddO) X(AddOS) X(SubO) X(SubOS) X(MulO) X(MulOS) X(UMulO) X(UMulOS)                          \
  /* branches: t [a [b]] */                                                                      \
  X(Jmp) X(Bt) X(BtS) X(Bf) X(BfS)                                                               \
  X(Beq) X(BeqS) X(FBeq) X(DBeq) X(LDBeq) X(Bne) X(BneS) X(FBne) X(DBne) X(LDBne)                \
  X(Blt) X(BltS) X(UBlt) X(UBltS) X(FBlt) X(DBlt) X(LDBlt) X(Ble) X(BleS) X(UBle) X(UBleS) X(FBle) X(DBle) X(LDBle) \
  X(Bgt) X(BgtS) X(UBgt) X(UBgtS) X(FBgt) X(DBgt) X(LDBgt) X(Bge) X(BgeS) X(UBge) X(UBgeS) X(FBge) X(DBge) X(LDBge) \
  X(Bo) X(UBo) X(Bno) X(UBno)                                                                    \
  X(Switch)   /* a n t0..tn-1 */                                                                 \
  X(LAddr)    /* d t */                                                                          \
  X(JmpI)     /* a */                                                                            \
  /* calls: see translate.cpp */                                                                 \
  X(CallInterp) X(CallNative) X(CallIndirect) X(Ret) X(JCall) X(JRet)                            \
  X(Setjmp)   /* d fn buf mask record advance: the setjmp family, in the loop's own frame */     \
  X(SetjmpIf)  /* d fn buf mask record advance: Setjmp when fn is one, else on to the call after */ \
  /* stack and varargs */                                                                        \
  X(Alloca) X(BStart) X(BEnd) X(CopyBlock) X(AddrOf)                                              \
  X(VaStart) X(VaArg) X(VaBlockArg)

enum class MicroOp : uint16_t {
#define KITE_X(name) name,
  KITE_MICRO_OPS(KITE_X)
#undef KITE_X
      Count
};

// A setjmp site's record, in frame slots the translator reserves for it (kSetjmpRecordSize
// bytes at the offset in the micro-op): what the dispatch loop needs to resume after a
// longjmp, when its own locals are indeterminate. See run.cpp.
constexpr uint32_t kSetjmpRecordSize = 48;

// One call site's arguments and results, shared by the call micro-ops.
struct CallSite {
  FuncState* callee;      // direct calls to IR functions; else null
  NativeCallGlue glue;    // native calls (and indirect calls that reach native code)
  CallShape shape;        // as the callee sees it (variadic arguments included)
  uint32_t nargs, nres;
  std::vector<uint32_t> args;     // frame offsets of the argument values
  std::vector<uint32_t> results;  // frame offsets that receive the results
  std::vector<uint8_t> arg_is_ld; // 16-byte values
};

struct Code {
  FuncState* fs = nullptr;
  Linker* linker = nullptr;
  std::vector<uint64_t> words;
  std::vector<uint8_t> frame_template;  // zero slot, variables (zero), temporaries, constants
  uint32_t temps_begin = 0, temps_end = 0;  // the part of the template not copied at entry
  uint32_t frame_size = 0;              // template plus temporaries, a multiple of 16
  std::vector<uint32_t> param_offsets;  // where each parameter's value goes
  std::vector<uint8_t> param_is_ld;
  std::vector<uint64_t> label_words;    // word index of each label
  std::vector<std::unique_ptr<CallSite>> calls;
  std::vector<std::vector<uint64_t>> switch_tables;
};

// Interprets a translated function. args: one Value per parameter; native: the incoming
// native arguments when entered through a shim (needed by va_start), else null. Returns the
// jret target when the function ends with jret, else null.
void* run(const Code& code, const Value* args, Value* results, const NativeArgs* native);

// The handler address of each micro-op (for the translator).
const void* const* handler_table();

}  // namespace kite::interp

// The interpreter's dispatch loop: direct threading with GCC's labels-as-values. Each handler
// reads its operands from the words after pc, does its work on frame slots, and jumps to the
// next handler. Semantics follow ir-reference section 5 with Kite's definitions: 32-bit
// results are sign-extended (zero-extended for udivs, umods, urshs), shift counts are taken
// modulo the width, and out-of-range float-to-int conversions give INT64_MIN (as x86 does).
#include <pthread.h>
#include <sys/mman.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "code.h"

namespace kite::interp {
namespace {

// Each dispatch loop invocation starts with this record on the interpreter stack; the
// innermost is InterpStack::last. It lets a new invocation notice invocations that a longjmp
// in native or compiled code went over (they never returned, so they never released their
// part of the interpreter stack): those are deeper on the native stack than the new one.
struct Invocation {
  Invocation* prev;
  char* native_sp;  // the invocation's native stack pointer
  char* top;        // the interpreter stack top before it
  uint64_t pad;
};
static_assert(sizeof(Invocation) % 16 == 0);

// The interpreter's own stack: frames, alloca memory and call argument arrays. Reserved
// once per thread; pages are only touched when used.
struct InterpStack {
  char* base = nullptr;
  char* top = nullptr;
  char* limit = nullptr;
  Invocation* last = nullptr;
  // The thread's native stack; invocations on other stacks (a signal handler on an
  // alternate stack) are never taken for abandoned ones.
  char* native_lo = nullptr;
  char* native_hi = nullptr;
  bool native_known = false;  // native_lo/hi have been looked up (find_native_stack)
};
thread_local InterpStack t_stack;  // trivially destructible: usable after the releaser below ran
// Unmaps the thread's stack when the thread ends. exit() destroys the main thread's
// thread_locals before it runs the atexit handlers; an interpreted handler then finds t_stack
// reset and reserves a fresh stack instead of using the unmapped one.
struct InterpStackReleaser {
  ~InterpStackReleaser() {
    InterpStack& s = t_stack;
    if (s.base) munmap(s.base, static_cast<size_t>(s.limit - s.base));
    s = InterpStack{};
  }
};
thread_local InterpStackReleaser t_stack_releaser;
constexpr size_t kStackReserve = size_t(1) << 30;

InterpStack& stack() {
  InterpStack& s = t_stack;
  if (!s.base) {
    void* p = mmap(nullptr, kStackReserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      fputs("kite: cannot reserve the interpreter stack\n", stderr);
      abort();
    }
    s.base = s.top = static_cast<char*>(p);
    s.limit = s.base + kStackReserve;
    (void)&t_stack_releaser;  // odr-use: constructs it, so that it is destroyed with the thread
  }
  return s;
}

// The thread's native stack bounds, found on first need: pthread_getattr_np reads
// /proc/self/maps for the main thread, which would double the start-up of `kite run --interp`.
void find_native_stack(InterpStack& s) {
  s.native_known = true;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
  void* lo = nullptr;
  size_t size = 0;
  if (pthread_attr_getstack(&attr, &lo, &size) == 0) {
    s.native_lo = static_cast<char*>(lo);
    s.native_hi = s.native_lo + size;
  }
  pthread_attr_destroy(&attr);
}

inline char* native_sp() {
  char* sp;
  asm volatile("mov %%rsp, %0" : "=r"(sp));
  return sp;
}

// Releases the interpreter stack of invocations abandoned by a longjmp that did not land in
// the interpreter (one that did restores the stack itself). A live invocation is always
// above a new one on the native stack, so any at or below sp is dead.
inline void drop_abandoned(InterpStack& st, char* sp) {
  if (!st.last || st.last->native_sp > sp) return;  // the usual case: every invocation is live
  if (!st.native_known) find_native_stack(st);
  if (sp < st.native_lo || sp >= st.native_hi) return;
  while (st.last && st.last->native_sp <= sp && st.last->native_sp >= st.native_lo) {
    st.top = st.last->top;
    st.last = st.last->prev;
  }
}

[[noreturn]] void stack_overflow() {
  fputs("kite: interpreter stack overflow\n", stderr);
  abort();  // the program's fault, like a native stack overflow
}

inline char* align16(char* p) { return reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(p) + 15) & ~uintptr_t(15)); }

inline char* stack_alloc(InterpStack& st, uint64_t size) {
  char* p = align16(st.top);
  if (size > static_cast<uint64_t>(st.limit - p)) stack_overflow();
  st.top = p + size;
  return p;
}

template <typename T>
inline T get(const char* fp, uint64_t off) {
  T v;
  memcpy(&v, fp + off, sizeof(T));
  return v;
}
template <typename T>
inline void put(char* fp, uint64_t off, T v) {
  memcpy(fp + off, &v, sizeof(T));
}
template <typename T>
inline T load(uint64_t addr) {
  T v;
  memcpy(&v, reinterpret_cast<const void*>(addr), sizeof(T));
  return v;
}
template <typename T>
inline void store(uint64_t addr, T v) {
  memcpy(reinterpret_cast<void*>(addr), &v, sizeof(T));
}

template <typename F>
inline int64_t fp_to_i64(F v) {
  // x86's cvtt*2si and fistp give INT64_MIN for NaN and out-of-range values.
  if (!(v >= F(-9223372036854775808.0L) && v < F(9223372036854775808.0L))) return INT64_MIN;
  return static_cast<int64_t>(v);
}

inline int64_t sx32(uint64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }

// Fixed-size copies compile to plain moves; a variable-size memcpy would be a libc call on
// every interpreted call and return.
inline void copy_value(void* dst, const void* src, bool wide) {
  if (wide)
    memcpy(dst, src, 16);
  else
    memcpy(dst, src, 8);
}
inline void copy_words(char* dst, const uint8_t* src, size_t bytes) {  // bytes: a multiple of 8
  for (size_t k = 0; k < bytes; k += 8) memcpy(dst + k, src + k, 8);
}

// An interpreted call made by an interpreted function stays in the same dispatch loop: the
// callee's frame is preceded by this record of where to return.
struct CallLink {
  char* fp;                 // the caller's frame
  const uint64_t* pc;       // the caller's next micro-op
  const Code* code;         // the caller's code
  const CallSite* site;     // where the results go
  char* top;                // the interpreter stack top before the call
  uint64_t pad;
};
static_assert(sizeof(CallLink) % 16 == 0);

// setjmp/longjmp. An interpreted call of the setjmp family (Setjmp micro-op) calls the C
// function from run_impl's own native frame, so the jmp_buf holds that frame; a longjmp (from
// interpreted, compiled or native code) comes back into the handler with run_impl's locals
// indeterminate (C 7.13.2.1) and every dispatch loop invocation it abandoned simply gone.
// What the loop needs comes back through rbx: the call is made from inline assembly with
// rbx, callee-saved and therefore restored by longjmp, holding the address of the site's
// record in the interpreted frame, which was filled just before the call. The record lives
// in frame slots reserved at translation time, one per setjmp site: no table, no allocation,
// and it dies with its frame. Several jmp_bufs, nested setjmps and repeated setjmps on one
// buffer need nothing more, since every record names a distinct (frame, site) pair; a site
// run again in the same frame overwrites its record, as the new setjmp overwrites its
// jmp_buf.
struct SetjmpRecord {
  char* fp;              // the frame that called setjmp
  const Code* code;
  const uint64_t* pc;    // the Setjmp micro-op
  char* top;             // the interpreter stack top at setjmp
  uint64_t depth;        // interpreted calls open in this dispatch loop at setjmp
  uint64_t check;        // catches (most) longjmps to a jmp_buf whose frame has returned
};
static_assert(sizeof(SetjmpRecord) == kSetjmpRecordSize);

inline uint64_t record_check(const SetjmpRecord* r) {
  return reinterpret_cast<uint64_t>(r) ^ reinterpret_cast<uint64_t>(r->pc) ^ reinterpret_cast<uint64_t>(r->fp) ^
         (r->depth << 40) ^ 0x6b697465736a6d70ull;
}

[[noreturn]] void stale_longjmp() {
  fputs("kite: longjmp to a jmp_buf whose setjmp caller has returned\n", stderr);
  abort();  // undefined behaviour in C; native code would crash or run on a dead frame
}

// Calls fn(buf, mask) with rbx = token, from the current frame; token comes back in rbx both
// times setjmp returns. rsp is realigned (and moved below the red zone) for the call and
// kept in r12, which longjmp restores as well. Every caller-saved register is clobbered.
#if defined(__AVX512F__)
#define KITE_AVX512_CLOBBERS                                                                              \
  , "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23", "xmm24", "xmm25", "xmm26", \
      "xmm27", "xmm28", "xmm29", "xmm30", "xmm31", "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"
#else
#define KITE_AVX512_CLOBBERS
#endif
#define KITE_CALL_SETJMP(result, fn, buf, mask, token)                                                 \
  do {                                                                                                 \
    void* fn_ = (fn);                                                                                  \
    uint64_t rdi_ = (buf), rsi_ = (mask);                                                              \
    asm volatile(                                                                                      \
        "mov %%rsp, %%r12\n\t"                                                                         \
        "sub $128, %%rsp\n\t"                                                                          \
        "and $-16, %%rsp\n\t"                                                                          \
        "call *%%rcx\n\t"                                                                              \
        "mov %%r12, %%rsp"                                                                             \
        : "=a"(result), "+b"(token), "+c"(fn_), "+D"(rdi_), "+S"(rsi_)                                \
        :                                                                                              \
        : "rdx", "r8", "r9", "r10", "r11", "r12", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", \
          "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "st", "st(1)",   \
          "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", "mm0", "mm1", "mm2", "mm3", "mm4", "mm5", \
          "mm6", "mm7", "cc", "memory" KITE_AVX512_CLOBBERS);                                          \
  } while (0)

// Sets up a frame for code at the top of the stack: zero slot, variables, constants.
inline char* new_frame(InterpStack& st, const Code* code) {
  char* fp = stack_alloc(st, code->frame_size);
  const uint8_t* tmpl = code->frame_template.data();
  copy_words(fp, tmpl, code->temps_begin);
  copy_words(fp + code->temps_end, tmpl + code->temps_end, code->frame_template.size() - code->temps_end);
  return fp;
}

void* run_impl(const Code* code, const Value* args, Value* results, const NativeArgs* native,
               const void* const** table_out) {
  uint32_t depth = 0;  // interpreted calls made inside this loop, not yet returned
#define KITE_X(name) &&L_##name,
  static const void* const kTable[] = {KITE_MICRO_OPS(KITE_X)};
#undef KITE_X
  if (table_out) {
    *table_out = kTable;
    return nullptr;
  }
  InterpStack& st = stack();
  char* const sp = native_sp();
  drop_abandoned(st, sp);
  char* const saved_top = st.top;
  Invocation* const self = reinterpret_cast<Invocation*>(stack_alloc(st, sizeof(Invocation)));
  *self = Invocation{st.last, sp, saved_top, 0};
  st.last = self;
  // Zero slot and variables, then constants; temporaries are always written before read.
  char* fp = new_frame(st, code);
  for (size_t i = 0; i < code->param_offsets.size(); i++)
    copy_value(fp + code->param_offsets[i], &args[i], code->param_is_ld[i]);
  const uint64_t* pc = code->words.data();
  bool ovf_s = false, ovf_u = false;

#define NEXT(n)                               \
  do {                                        \
    pc += (n);                                \
    goto* reinterpret_cast<void*>(pc[0]);     \
  } while (0)
#define JUMP(t)                                          \
  do {                                                   \
    pc = reinterpret_cast<const uint64_t*>(t);           \
    goto* reinterpret_cast<void*>(pc[0]);                \
  } while (0)
#define I(k) get<int64_t>(fp, pc[k])
#define U(k) get<uint64_t>(fp, pc[k])
#define F(k) get<float>(fp, pc[k])
#define D(k) get<double>(fp, pc[k])
#define X(k) get<long double>(fp, pc[k])
#define SETI(k, v) put<int64_t>(fp, pc[k], static_cast<int64_t>(v))
#define SETF(k, v) put<float>(fp, pc[k], static_cast<float>(v))
#define SETD(k, v) put<double>(fp, pc[k], static_cast<double>(v))
#define SETX(k, v) put<long double>(fp, pc[k], static_cast<long double>(v))
// Memory operand at pc[k..k+3]: base offset, index offset, scale, displacement.
#define ADDR(k) (U(k) + U(k + 1) * pc[k + 2] + pc[k + 3])

  NEXT(0);

L_Mov64:
  memcpy(fp + pc[1], fp + pc[2], 8);
  NEXT(3);
L_Mov128:
  memcpy(fp + pc[1], fp + pc[2], 16);
  NEXT(3);
L_LdI8:
  SETI(1, load<int8_t>(ADDR(2)));
  NEXT(6);
L_LdU8:
  SETI(1, load<uint8_t>(ADDR(2)));
  NEXT(6);
L_LdI16:
  SETI(1, load<int16_t>(ADDR(2)));
  NEXT(6);
L_LdU16:
  SETI(1, load<uint16_t>(ADDR(2)));
  NEXT(6);
L_LdI32:
  SETI(1, load<int32_t>(ADDR(2)));
  NEXT(6);
L_LdU32:
  SETI(1, load<uint32_t>(ADDR(2)));
  NEXT(6);
L_Ld64:
  memcpy(fp + pc[1], reinterpret_cast<const void*>(ADDR(2)), 8);
  NEXT(6);
L_LdF:
  memcpy(fp + pc[1], reinterpret_cast<const void*>(ADDR(2)), 4);
  NEXT(6);
L_LdLD:
  memcpy(fp + pc[1], reinterpret_cast<const void*>(ADDR(2)), 16);
  NEXT(6);
L_St8:
  store<uint8_t>(ADDR(2), static_cast<uint8_t>(U(1)));
  NEXT(6);
L_St16:
  store<uint16_t>(ADDR(2), static_cast<uint16_t>(U(1)));
  NEXT(6);
L_St32:
  store<uint32_t>(ADDR(2), static_cast<uint32_t>(U(1)));
  NEXT(6);
L_St64:
  memcpy(reinterpret_cast<void*>(ADDR(2)), fp + pc[1], 8);
  NEXT(6);
L_StF:
  memcpy(reinterpret_cast<void*>(ADDR(2)), fp + pc[1], 4);
  NEXT(6);
L_StLD:
  memcpy(reinterpret_cast<void*>(ADDR(2)), fp + pc[1], 16);
  NEXT(6);
L_Lea:
  SETI(1, ADDR(2));
  NEXT(6);

#define UNARY(name, expr) \
  L_##name:               \
  expr;                   \
  NEXT(3);
  UNARY(Ext8, SETI(1, static_cast<int8_t>(U(2))))
  UNARY(Ext16, SETI(1, static_cast<int16_t>(U(2))))
  UNARY(Ext32, SETI(1, static_cast<int32_t>(U(2))))
  UNARY(UExt8, SETI(1, static_cast<uint8_t>(U(2))))
  UNARY(UExt16, SETI(1, static_cast<uint16_t>(U(2))))
  UNARY(UExt32, SETI(1, static_cast<uint32_t>(U(2))))
  UNARY(I2F, SETF(1, I(2)))
  UNARY(I2D, SETD(1, I(2)))
  UNARY(I2LD, SETX(1, I(2)))
  UNARY(UI2F, SETF(1, U(2)))
  UNARY(UI2D, SETD(1, U(2)))
  UNARY(UI2LD, SETX(1, U(2)))
  UNARY(F2I, SETI(1, fp_to_i64(F(2))))
  UNARY(D2I, SETI(1, fp_to_i64(D(2))))
  UNARY(LD2I, SETI(1, fp_to_i64(X(2))))
  UNARY(F2D, SETD(1, F(2)))
  UNARY(F2LD, SETX(1, F(2)))
  UNARY(D2F, SETF(1, D(2)))
  UNARY(D2LD, SETX(1, D(2)))
  UNARY(LD2F, SETF(1, X(2)))
  UNARY(LD2D, SETD(1, X(2)))
  UNARY(Neg, SETI(1, 0 - U(2)))
  UNARY(NegS, SETI(1, sx32(0 - U(2))))
  UNARY(FNeg, SETF(1, -F(2)))
  UNARY(DNeg, SETD(1, -D(2)))
  UNARY(LDNeg, SETX(1, -X(2)))
  UNARY(AddrOf, SETI(1, reinterpret_cast<uint64_t>(fp + pc[2])))
#undef UNARY

#define BINARY(name, expr) \
  L_##name:                \
  expr;                    \
  NEXT(4);
  BINARY(Add, SETI(1, U(2) + U(3)))
  BINARY(AddS, SETI(1, sx32(U(2) + U(3))))
  BINARY(FAdd, SETF(1, F(2) + F(3)))
  BINARY(DAdd, SETD(1, D(2) + D(3)))
  BINARY(LDAdd, SETX(1, X(2) + X(3)))
  BINARY(Sub, SETI(1, U(2) - U(3)))
  BINARY(SubS, SETI(1, sx32(U(2) - U(3))))
  BINARY(FSub, SETF(1, F(2) - F(3)))
  BINARY(DSub, SETD(1, D(2) - D(3)))
  BINARY(LDSub, SETX(1, X(2) - X(3)))
  BINARY(Mul, SETI(1, U(2) * U(3)))
  BINARY(MulS, SETI(1, sx32(static_cast<uint32_t>(U(2)) * static_cast<uint32_t>(U(3)))))
  BINARY(FMul, SETF(1, F(2) * F(3)))
  BINARY(DMul, SETD(1, D(2) * D(3)))
  BINARY(LDMul, SETX(1, X(2) * X(3)))
  BINARY(Div, SETI(1, I(2) / I(3)))
  BINARY(DivS, SETI(1, static_cast<int32_t>(I(2)) / static_cast<int32_t>(I(3))))
  BINARY(UDiv, SETI(1, U(2) / U(3)))
  BINARY(UDivS, SETI(1, static_cast<uint32_t>(U(2)) / static_cast<uint32_t>(U(3))))
  BINARY(FDiv, SETF(1, F(2) / F(3)))
  BINARY(DDiv, SETD(1, D(2) / D(3)))
  BINARY(LDDiv, SETX(1, X(2) / X(3)))
  BINARY(Mod, SETI(1, I(2) % I(3)))
  BINARY(ModS, SETI(1, static_cast<int32_t>(I(2)) % static_cast<int32_t>(I(3))))
  BINARY(UMod, SETI(1, U(2) % U(3)))
  BINARY(UModS, SETI(1, static_cast<uint32_t>(U(2)) % static_cast<uint32_t>(U(3))))
  BINARY(And, SETI(1, U(2) & U(3)))
  BINARY(AndS, SETI(1, sx32(U(2) & U(3))))
  BINARY(Or, SETI(1, U(2) | U(3)))
  BINARY(OrS, SETI(1, sx32(U(2) | U(3))))
  BINARY(Xor, SETI(1, U(2) ^ U(3)))
  BINARY(XorS, SETI(1, sx32(U(2) ^ U(3))))
  BINARY(Lsh, SETI(1, U(2) << (U(3) & 63)))
  BINARY(LshS, SETI(1, sx32(static_cast<uint32_t>(U(2)) << (U(3) & 31))))
  BINARY(Rsh, SETI(1, I(2) >> (U(3) & 63)))
  BINARY(RshS, SETI(1, static_cast<int32_t>(I(2)) >> (U(3) & 31)))
  BINARY(URsh, SETI(1, U(2) >> (U(3) & 63)))
  BINARY(URshS, SETI(1, static_cast<uint32_t>(U(2)) >> (U(3) & 31)))
#define CMP(name, sname, uname, usname, fname, dname, ldname, op)                        \
  BINARY(name, SETI(1, I(2) op I(3)))                                                    \
  BINARY(sname, SETI(1, static_cast<int32_t>(I(2)) op static_cast<int32_t>(I(3))))       \
  BINARY(uname, SETI(1, U(2) op U(3)))                                                   \
  BINARY(usname, SETI(1, static_cast<uint32_t>(U(2)) op static_cast<uint32_t>(U(3))))    \
  BINARY(fname, SETI(1, F(2) op F(3)))                                                   \
  BINARY(dname, SETI(1, D(2) op D(3)))                                                   \
  BINARY(ldname, SETI(1, X(2) op X(3)))
  BINARY(Eq, SETI(1, I(2) == I(3)))
  BINARY(EqS, SETI(1, static_cast<int32_t>(I(2)) == static_cast<int32_t>(I(3))))
  BINARY(FEq, SETI(1, F(2) == F(3)))
  BINARY(DEq, SETI(1, D(2) == D(3)))
  BINARY(LDEq, SETI(1, X(2) == X(3)))
  BINARY(Ne, SETI(1, I(2) != I(3)))
  BINARY(NeS, SETI(1, static_cast<int32_t>(I(2)) != static_cast<int32_t>(I(3))))
  BINARY(FNe, SETI(1, F(2) != F(3)))
  BINARY(DNe, SETI(1, D(2) != D(3)))
  BINARY(LDNe, SETI(1, X(2) != X(3)))
  CMP(Lt, LtS, ULt, ULtS, FLt, DLt, LDLt, <)
  CMP(Le, LeS, ULe, ULeS, FLe, DLe, LDLe, <=)
  CMP(Gt, GtS, UGt, UGtS, FGt, DGt, LDGt, >)
  CMP(Ge, GeS, UGe, UGeS, FGe, DGe, LDGe, >=)
#undef CMP

#define OVF32(name, builtin)                                                                       \
  L_##name : {                                                                                     \
    int32_t r;                                                                                     \
    uint32_t ur;                                                                                   \
    ovf_s = builtin(static_cast<int32_t>(I(2)), static_cast<int32_t>(I(3)), &r);                   \
    ovf_u = builtin(static_cast<uint32_t>(U(2)), static_cast<uint32_t>(U(3)), &ur);                \
    SETI(1, r);                                                                                    \
    NEXT(4);                                                                                       \
  }
#define OVF64(name, builtin)                \
  L_##name : {                              \
    int64_t r;                              \
    uint64_t ur;                            \
    ovf_s = builtin(I(2), I(3), &r);        \
    ovf_u = builtin(U(2), U(3), &ur);       \
    SETI(1, r);                             \
    NEXT(4);                                \
  }
  OVF64(AddO, __builtin_add_overflow)
  OVF32(AddOS, __builtin_add_overflow)
  OVF64(SubO, __builtin_sub_overflow)
  OVF32(SubOS, __builtin_sub_overflow)
L_MulO : {
  int64_t r;
  ovf_s = __builtin_mul_overflow(I(2), I(3), &r);
  ovf_u = false;
  SETI(1, r);
  NEXT(4);
}
L_MulOS : {
  int32_t r;
  ovf_s = __builtin_mul_overflow(static_cast<int32_t>(I(2)), static_cast<int32_t>(I(3)), &r);
  ovf_u = false;
  SETI(1, r);
  NEXT(4);
}
L_UMulO : {
  uint64_t r;
  ovf_u = __builtin_mul_overflow(U(2), U(3), &r);
  ovf_s = false;
  SETI(1, r);
  NEXT(4);
}
L_UMulOS : {
  uint32_t r;
  ovf_u = __builtin_mul_overflow(static_cast<uint32_t>(U(2)), static_cast<uint32_t>(U(3)), &r);
  ovf_s = false;
  SETI(1, sx32(r));
  NEXT(4);
}
#undef OVF32
#undef OVF64
#undef BINARY

L_Jmp:
  JUMP(pc[1]);
#define BRANCH1(name, cond) \
  L_##name:                 \
  if (cond) JUMP(pc[1]);    \
  NEXT(3);
  BRANCH1(Bt, U(2) != 0)
  BRANCH1(BtS, static_cast<uint32_t>(U(2)) != 0)
  BRANCH1(Bf, U(2) == 0)
  BRANCH1(BfS, static_cast<uint32_t>(U(2)) == 0)
#undef BRANCH1
#define BRANCH2(name, cond) \
  L_##name:                 \
  if (cond) JUMP(pc[1]);    \
  NEXT(4);
#define BCMP(name, sname, uname, usname, fname, dname, ldname, op)                               \
  BRANCH2(name, I(2) op I(3))                                                                    \
  BRANCH2(sname, static_cast<int32_t>(I(2)) op static_cast<int32_t>(I(3)))                       \
  BRANCH2(uname, U(2) op U(3))                                                                   \
  BRANCH2(usname, static_cast<uint32_t>(U(2)) op static_cast<uint32_t>(U(3)))                    \
  BRANCH2(fname, F(2) op F(3))                                                                   \
  BRANCH2(dname, D(2) op D(3))                                                                   \
  BRANCH2(ldname, X(2) op X(3))
  BRANCH2(Beq, I(2) == I(3))
  BRANCH2(BeqS, static_cast<int32_t>(I(2)) == static_cast<int32_t>(I(3)))
  BRANCH2(FBeq, F(2) == F(3))
  BRANCH2(DBeq, D(2) == D(3))
  BRANCH2(LDBeq, X(2) == X(3))
  BRANCH2(Bne, I(2) != I(3))
  BRANCH2(BneS, static_cast<int32_t>(I(2)) != static_cast<int32_t>(I(3)))
  BRANCH2(FBne, F(2) != F(3))
  BRANCH2(DBne, D(2) != D(3))
  BRANCH2(LDBne, X(2) != X(3))
  BCMP(Blt, BltS, UBlt, UBltS, FBlt, DBlt, LDBlt, <)
  BCMP(Ble, BleS, UBle, UBleS, FBle, DBle, LDBle, <=)
  BCMP(Bgt, BgtS, UBgt, UBgtS, FBgt, DBgt, LDBgt, >)
  BCMP(Bge, BgeS, UBge, UBgeS, FBge, DBge, LDBge, >=)
#undef BCMP
#undef BRANCH2
L_Bo:
  if (ovf_s) JUMP(pc[1]);
  NEXT(2);
L_UBo:
  if (ovf_u) JUMP(pc[1]);
  NEXT(2);
L_Bno:
  if (!ovf_s) JUMP(pc[1]);
  NEXT(2);
L_UBno:
  if (!ovf_u) JUMP(pc[1]);
  NEXT(2);
L_Switch : {
  uint64_t i = U(1), n = pc[2];
  if (i < n) JUMP(pc[3 + i]);
  NEXT(3 + n);  // out of range: undefined; Kite falls through
}
L_LAddr:
  SETI(1, pc[2]);
  NEXT(3);
L_JmpI:
  JUMP(U(1));

L_CallInterp:
L_CallNative:
L_CallIndirect : {
  const CallSite& cs = *reinterpret_cast<const CallSite*>(pc[1]);
  FuncState* callee = cs.callee;
  if (!callee) {
    FuncState* fs = code->linker->func_state_at(reinterpret_cast<void*>(U(2)));
    if (fs && fs->exec && !fs->shape.vararg && fs->shape.args.size() == cs.nargs) callee = fs;
  }
  if (!callee || callee->slot != callee->shim) goto native_call;
  {
    // Stay in this loop: link, new frame, arguments copied slot to slot.
    const Code* cc = static_cast<const Code*>(callee->exec);
    char* before = st.top;
    CallLink* link = reinterpret_cast<CallLink*>(stack_alloc(st, sizeof(CallLink)));
    *link = CallLink{fp, pc + 3, code, &cs, before, 0};
    char* nfp = new_frame(st, cc);
    for (uint32_t i = 0; i < cs.nargs && i < cc->param_offsets.size(); i++)
      copy_value(nfp + cc->param_offsets[i], fp + cs.args[i], cs.arg_is_ld[i]);
    fp = nfp;
    code = cc;
    depth++;
    JUMP(cc->words.data());
  }
}
native_call:
L_JCall : {
  const CallSite& cs = *reinterpret_cast<const CallSite*>(pc[1]);
  char* const before = st.top;
  Invocation* const last_before = st.last;
  Value* av = reinterpret_cast<Value*>(stack_alloc(st, uint64_t(cs.nargs) * sizeof(Value)));
  for (uint32_t i = 0; i < cs.nargs; i++) copy_value(&av[i], fp + cs.args[i], cs.arg_is_ld[i]);
  Value rv[8];
  // Interpreted callees run directly; anything else (native code, or a function whose entry
  // has been redirected to compiled code) is called through its entry point.
  FuncState* callee = cs.callee;
  void* jret_target = nullptr;
  if (!callee) {
    FuncState* fs = code->linker->func_state_at(reinterpret_cast<void*>(U(2)));
    if (fs && fs->exec && !fs->shape.vararg && fs->shape.args.size() == cs.nargs) callee = fs;
  }
  if (callee && callee->slot != callee->shim) callee = nullptr;
  if (callee)
    jret_target = run(*static_cast<const Code*>(callee->exec), av, rv, nullptr);
  else
    cs.glue(reinterpret_cast<void*>(U(2)), av, rv);
  st.top = before;  // also after a longjmp inside the call that went over interpreted code
  st.last = last_before;
  for (uint32_t k = 0; k < cs.nres; k++) copy_value(fp + cs.results[k], &rv[k], cs.shape.results[k] == Type::LD);
  if (jret_target) JUMP(jret_target);
  NEXT(3);
}
L_Ret : {
  uint64_t n = pc[1];
  if (depth) {  // back to an interpreted caller in this loop
    CallLink* link = reinterpret_cast<CallLink*>(fp) - 1;
    const CallSite& cs = *link->site;
    for (uint64_t k = 0; k < n && k < cs.nres; k++)
      copy_value(link->fp + cs.results[k], fp + pc[2 + 2 * k], pc[3 + 2 * k] == 16);
    st.top = link->top;
    fp = link->fp;
    code = link->code;
    depth--;
    JUMP(link->pc);
  }
  for (uint64_t k = 0; k < n; k++) copy_value(&results[k], fp + pc[2 + 2 * k], pc[3 + 2 * k] == 16);
  st.top = saved_top;
  st.last = self->prev;
  return nullptr;
}
L_JRet : {
  void* target = reinterpret_cast<void*>(U(1));
  if (depth) {  // into the calling function's code, at the target
    CallLink* link = reinterpret_cast<CallLink*>(fp) - 1;
    st.top = link->top;
    fp = link->fp;
    code = link->code;
    depth--;
    JUMP(target);
  }
  st.top = saved_top;
  st.last = self->prev;
  return target;
}
L_SetjmpIf:
  // A call through a function pointer that may hold setjmp: the ordinary call follows.
  if (!code->linker->is_setjmp_entry(reinterpret_cast<void*>(U(2)))) NEXT(7);
L_Setjmp : {
  SetjmpRecord* rec = reinterpret_cast<SetjmpRecord*>(fp + pc[5]);
  *rec = SetjmpRecord{fp, code, pc, st.top, depth, 0};
  rec->check = record_check(rec);
  int r;
  KITE_CALL_SETJMP(r, reinterpret_cast<void*>(U(2)), U(3), U(4), rec);
  if (r != 0) {  // back from longjmp: take the loop's state from the record, not from locals
    if (rec->check != record_check(rec)) stale_longjmp();
    fp = rec->fp;
    code = rec->code;
    pc = rec->pc;
    depth = static_cast<uint32_t>(rec->depth);
    st.top = rec->top;  // frames, links and allocas made since setjmp are released
    st.last = self;     // and the invocations the jump abandoned
    ovf_s = ovf_u = false;
  }
  SETI(1, r);
  NEXT(pc[6]);  // past the ordinary call too, for SetjmpIf
}

L_Alloca : {
  uint64_t size = (U(2) + 15) & ~uint64_t(15);
  SETI(1, reinterpret_cast<uint64_t>(stack_alloc(st, size)));
  NEXT(3);
}
L_BStart:
  SETI(1, reinterpret_cast<uint64_t>(st.top));
  NEXT(2);
L_BEnd:
  st.top = reinterpret_cast<char*>(U(1));
  NEXT(2);
L_CopyBlock : {
  char* copy = stack_alloc(st, pc[2]);
  memcpy(copy, reinterpret_cast<const void*>(U(1)), pc[2]);
  SETI(1, reinterpret_cast<uint64_t>(copy));
  NEXT(3);
}
L_VaStart:
  if (!native) {
    fputs("kite: va_start in a function not entered through its entry point\n", stderr);
    abort();
  }
  code->linker->target().va_list_start(reinterpret_cast<void*>(U(1)), code->fs->shape, *native);
  NEXT(2);
L_VaArg:
  SETI(1, reinterpret_cast<uint64_t>(code->linker->target().va_list_arg(reinterpret_cast<void*>(U(2)),
                                                                  static_cast<Type>(pc[3]))));
  NEXT(4);
L_VaBlockArg:
  code->linker->target().va_list_block_arg(reinterpret_cast<void*>(U(1)), reinterpret_cast<void*>(U(2)), U(3), U(4));
  NEXT(5);

#undef NEXT
#undef JUMP
#undef I
#undef U
#undef F
#undef D
#undef X
#undef SETI
#undef SETF
#undef SETD
#undef SETX
#undef ADDR
}

}  // namespace

void* run(const Code& code, const Value* args, Value* results, const NativeArgs* native) {
  return run_impl(&code, args, results, native, nullptr);
}

const void* const* handler_table() {
  const void* const* t = nullptr;
  run_impl(nullptr, nullptr, nullptr, nullptr, &t);
  return t;
}

}  // namespace kite::interp

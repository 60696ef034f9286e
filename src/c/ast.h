// The C abstract syntax tree, after semantic checks: every expression carries its C type,
// implicit conversions are explicit Cast nodes, array and function designators have decayed,
// and `a[i]` is `*(a + i)`. Nodes live in the parser's arena (trivially destructible, lists are
// arena arrays), so irgen walks a finished tree and never needs to re-check types.
#pragma once
#include <cstdint>

#include "kite/ir.h"
#include "token.h"
#include "types.h"

namespace kite::c {

struct Expr;
struct Stmt;

enum class StorageClass : uint8_t { None, Typedef, Extern, Static, Auto, Register };

// One scalar piece of an initializer: the object's bytes at `offset` get `value` converted to
// `type` (already a Cast when needed). Everything not listed is zero.
struct InitItem {
  uint64_t offset;
  const CType* type;
  Expr* value;
  uint8_t bit_pos;  // a bit-field: its place in the unit at `offset`
  uint8_t bit_width;
  // The value also initializes other items (a GNU range `[1 ... 5] = f()`): evaluated once.
  bool shared;
  uint8_t unit_bytes = 0;  // a bit-field of a packed record: its access unit (Member::unit_bytes)
};

struct Symbol {
  enum Kind : uint8_t { Var, Func, Typedef, EnumConst } kind;
  StorageClass storage;
  bool global;      // file scope or static local: lives in a data/bss item
  bool addr_taken;  // & was applied (or it is an aggregate): lives in memory
  bool defined;     // functions: has a body; variables: a definition (not extern)
  bool used;
  bool by_ref;  // a struct parameter: its IR variable holds the address of the callee's copy
  NameId name;
  NameId ir_name;  // unique name for IR (static locals and shadowed locals get a suffix)
  const CType* type;
  SourceLoc loc;
  int64_t value;  // enum constants
  InitItem* init;
  uint32_t ninit;
  bool has_init;
  uint32_t ir_id;  // irgen: VarId of a local, ItemId of a global or function (kNone until made)
  // A static object whose flexible array member is initialized: the bytes it takes, past
  // sizeof (0 otherwise).
  uint64_t init_bytes;
  // GNU attributes that reach irgen.
  Expr* cleanup;     // cleanup(fn) on a local: the call fn(&var) run when its scope ends
  Symbol* alias_of;  // alias("target"): another name of that definition (same translation unit)
  bool weak;                     // __attribute__((weak)) on one of its declarations
  // Functions: how C99 6.7.4p7 (or gnu89's rules) decide whether the definition is external.
  bool decl_not_inline_or_extern;  // a file-scope declaration without `inline`, or with `extern`
  bool decl_not_extern;            // a file-scope declaration without `extern`
  bool gnu_inline_def;             // the definition follows gnu89's rules (gnu_inline, -fgnu89-inline)
  bool extern_inline_def;          // the definition says `extern inline`
  bool inline_only;                // the definition is only for inlining: not exported (set at the unit's end)
  bool constructor, destructor;  // functions run before main / at exit, with gcc's priorities
  uint16_t constructor_priority, destructor_priority;  // 65535 when none is given
};

enum class ExprKind : uint8_t {
  IntLit,    // ival
  FloatLit,  // fval
  StrLit,    // str (the bytes incl. NUL); type char[N]
  VarRef,    // sym: an object (an lvalue)
  FuncRef,   // sym: a function designator (decays through AddrOf)
  Unary,     // op: Minus, Tilde, Bang; a
  Binary,    // op: arithmetic/bitwise/shift/comparison on a and b of converted types
  PtrAdd,    // a pointer, b long (element count; Minus for subtraction via op)
  PtrDiff,   // a, b pointers to the same type; result long
  LogAnd,
  LogOr,
  Assign,    // a = b (b converted to a's type)
  OpAssign,  // a op= b: op, compute type `ctype`; b converted to ctype
  IncDec,    // op PlusPlus/MinusMinus; postfix flag
  Cond,      // a ? b : c
  Call,      // a is the callee (a pointer to function), args
  Member,    // a.member (a is a record lvalue or rvalue); `member`
  Deref,     // *a
  AddrOf,    // &a (also array and function decay)
  Cast,      // a converted to type
  Comma,     // a, b
  VaStart,   // __builtin_va_start(a, last): a is the va_list's address
  VaArg,     // __builtin_va_arg(a, type): the next variadic argument, of `type`
  VaEnd,     // __builtin_va_end(a)
  CompoundLit,  // (type){...} in a function: sym, an unnamed local initialized here (an lvalue)
  // Variable length arrays.
  VlaSizeof,  // sizeof of the variably modified array type `ctype`, computed at run time
  // GNU builtins (builtins.cpp checks them, irgen_builtins.cpp lowers them).
  Builtin,   // ival: a BuiltinOp; args: its operands, converted as the builtin asks
  // GNU expression forms.
  StmtExpr,   // ({ ... }): body (a block) runs, then a (its last expression statement, or null: void)
  LabelAddr,  // &&label: `label` in the function `sym`; type void*
};

// The GNU builtins that reach irgen; every other one is folded or rewritten by the parser.
enum class BuiltinOp : uint8_t {
  Trap,           // __builtin_trap, __builtin_unreachable: no operands, does not return
  Alloca,         // size (unsigned long) -> void *
  Bswap,          // the operand's width (unsigned short, unsigned int or unsigned long)
  Clz,            // unsigned int or unsigned long operand (its width), int result; also below
  Ctz,
  Popcount,
  Parity,
  Ffs,            // int or long operand
  Clrsb,          // int or long operand
  IsNan,          // one floating operand, int result
  IsInf,
  IsFinite,
  IsNormal,
  IsInfSign,
  SignBit,
  FpClassify,     // five int operands (nan, infinite, normal, subnormal, zero), then the value
  IsLessGreater,  // two floating operands of one type
  IsUnordered,
  AddOverflow,    // a, b (any integer types), pointer to the result's integer type; _Bool result
  SubOverflow,
  MulOverflow,
  // Atomics (builtins_atomic.cpp checks them, irgen_atomic.cpp lowers them to runtime calls).
  // args[0] is the object's address; the memory orders are int operands.
  AtomicLoad,         // ptr, order -> T
  AtomicStore,        // ptr, value (a T), order
  AtomicExchange,     // ptr, value, order -> T (the old value)
  AtomicCmpxchg,      // ptr, expected ptr, desired (a T), weak, success order, failure order -> _Bool
  AtomicFetchOp,      // ptr, value, order -> T; `op` (Plus Minus Amp Pipe Caret, Tilde = nand),
                      // `postfix`: the old value (fetch_op), else the new one (op_fetch)
  AtomicLoadPtr,      // the generic forms: ptr, result ptr, order
  AtomicStorePtr,     // ptr, value ptr, order
  AtomicExchangePtr,  // ptr, value ptr, result ptr, order
  AtomicCmpxchgPtr,   // ptr, expected ptr, desired ptr, weak, success order, failure order -> _Bool
  AtomicTestAndSet,   // byte ptr, order -> _Bool
  AtomicClear,        // byte ptr, order
  AtomicFence,        // order
  SyncCmpxchg,        // ptr, old, new -> _Bool (`postfix` false) or the old value (`postfix` true)
};

struct Expr {
  ExprKind kind;
  Punct op;
  bool postfix;
  bool lvalue;
  uint32_t nargs;
  const CType* type;
  const CType* ctype;  // OpAssign: the computation type; IncDec on pointers: unused
  SourceLoc loc;
  Expr* a;
  Expr* b;
  Expr* c;
  Expr** args;
  Symbol* sym;
  const Member* member;
  int64_t ival;
  long double fval;
  const char* str;  // StrLit: bytes (length = array length)
  // GNU expression forms.
  Stmt* body;      // StmtExpr: the block
  NameId label;    // LabelAddr
};

enum class StmtKind : uint8_t {
  Null,
  Expr,      // e
  Decl,      // sym (a local with an initializer runs it here)
  Block,     // list
  If,        // e, body, els
  While,     // e, body
  DoWhile,   // body, e
  For,       // init (stmt or null), e (or null), step (or null), body
  Switch,    // e, body, cases (list of Case/Default statements)
  Case,      // value, body
  Default,   // body
  Break,
  Continue,
  Goto,      // label
  Label,     // label, body
  Return,    // e (or null)
  // GNU statement forms.
  GotoIndirect,  // goto *e;
};

struct Stmt {
  StmtKind kind;
  SourceLoc loc;
  uint32_t n;
  Expr* e;
  Expr* step;
  Stmt* init;
  Stmt* body;
  Stmt* els;
  Stmt** list;
  Symbol* sym;
  NameId label;
  int64_t value;
  uint32_t ir_label;  // irgen: the IR label of a case or default
  // Decl: the variable length array types of its declarator, whose sizes are evaluated here
  // (innermost first); sym may then also be a block-scope typedef.
  const CType* const* vlas;
  uint32_t nvlas;
  // GNU statement forms.
  int64_t value_last;  // Case: the last value of `case value ... value_last:` (== value otherwise)
};

// Case values are kept as int64_t in the controlling type's canonical form; they are ordered
// by this key, which flips the sign bit for an unsigned type so that 2^63 and above sort after
// the rest (differences of keys equal differences of values modulo 2^64).
inline int64_t case_order_key(int64_t v, bool is_unsigned) {
  return is_unsigned ? static_cast<int64_t>(static_cast<uint64_t>(v) ^ (uint64_t(1) << 63)) : v;
}

struct FuncDef {
  Symbol* sym;
  Symbol** params;
  uint32_t nparams;
  Stmt* body;
  SourceLoc loc;
};

// A translation unit: file-scope symbols in declaration order, and function bodies.
struct TranslationUnit {
  Symbol** globals;
  uint32_t nglobals;
  FuncDef* funcs;
  uint32_t nfuncs;
};

}  // namespace kite::c

// The opcode enum and per-opcode facts, all generated from ops.def.
#pragma once
#include <cstdint>

namespace kite {

enum class Op : uint16_t {
#define KITE_OP(name, mnemonic, operands, flags) name,
#include "kite/ops.def"
#undef KITE_OP
};

constexpr uint32_t kNumOps = 0
#define KITE_OP(name, mnemonic, operands, flags) +1
#include "kite/ops.def"
#undef KITE_OP
    ;

enum OpFlags : uint32_t {
  kShort = 1u << 0,                 // 32-bit ("s") form
  kSetsOverflow = 1u << 1,          // addo..umulos
  kSignedOverflowOnly = 1u << 2,    // mulo/mulos set, bo/bno read, only the signed flag
  kUnsignedOverflowOnly = 1u << 3,  // umulo/umulos set, ubo/ubno read, only the unsigned flag
  kReadsOverflow = 1u << 4,         // bo, ubo, bno, ubno
  kJump = 1u << 5,                  // operand 0 is a label target
  kCondBranch = 1u << 6,            // may fall through
  kTerminator = 1u << 7,            // never falls through
  kVariadic = 1u << 8,              // operand count varies (call, ret, switch, ...)
  kCall = 1u << 9,                  // call, inline, jcall
  kIndirectJump = 1u << 10,         // jmpi
  kInternal = 1u << 11,             // never written in text (label)
};

// What one fixed operand position of an opcode accepts.
enum class OperandRole : uint8_t {
  OutInt,
  OutFloat,
  OutDouble,
  OutLDouble,  // written: a variable or memory of that class
  InInt,
  InFloat,
  InDouble,
  InLDouble,    // read: a variable, memory or immediate of that class
  Label,        // a label of the current function
  Var,          // a variable (addr*), read
  MemTemplate,  // a memory operand whose type alone matters (va_arg)
  VarOrMem,     // a variable or memory of any type (prset, prbeq, prbne)
  IntConst,     // an integer immediate
};

struct OpInfo {
  const char* name;
  uint32_t flags;
  uint8_t nfixed;  // fixed operands (for variadic ops: the fixed prefix)
  OperandRole roles[4];
};

const OpInfo& op_info(Op op);
inline const char* op_name(Op op) { return op_info(op).name; }
inline bool op_has(Op op, uint32_t flag) { return (op_info(op).flags & flag) != 0; }
inline bool role_is_output(OperandRole r) { return r <= OperandRole::OutLDouble; }

}  // namespace kite

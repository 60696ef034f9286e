// Decodes the operand strings of ops.def into the OpInfo table at compile time.
#include "kite/ops.h"

#include "kite/types.h"

namespace kite {
namespace {

constexpr OperandRole role_of(char io, char c) {
  if (io == 'o') {
    return c == 'I'   ? OperandRole::OutInt
           : c == 'F' ? OperandRole::OutFloat
           : c == 'D' ? OperandRole::OutDouble
                      : OperandRole::OutLDouble;
  }
  return c == 'I'   ? OperandRole::InInt
         : c == 'F' ? OperandRole::InFloat
         : c == 'D' ? OperandRole::InDouble
                    : OperandRole::InLDouble;
}

constexpr OpInfo decode(const char* name, const char* spec, uint32_t flags) {
  OpInfo info{name, flags, 0, {}};
  for (const char* p = spec; *p;) {
    if (*p == ' ') {
      p++;
      continue;
    }
    OperandRole r{};
    if (*p == 'o' || *p == 'i') {
      r = role_of(p[0], p[1]);
      p += 2;
    } else {
      r = *p == 'L'   ? OperandRole::Label
          : *p == 'V' ? OperandRole::Var
          : *p == 'M' ? OperandRole::MemTemplate
          : *p == 'A' ? OperandRole::VarOrMem
                      : OperandRole::IntConst;
      p++;
    }
    info.roles[info.nfixed++] = r;
  }
  return info;
}

constexpr OpInfo kOpTable[] = {
#define KITE_OP(name, mnemonic, operands, flags) decode(mnemonic, operands, flags),
#include "kite/ops.def"
#undef KITE_OP
};
static_assert(sizeof(kOpTable) / sizeof(kOpTable[0]) == kNumOps);

constexpr const char* kTypeNames[] = {"i8", "u8", "i16",  "u16",  "i32",  "u32",  "i64",  "u64",  "f",    "d",
                                      "ld", "p",  "blk0", "blk1", "blk2", "blk3", "blk4", "rblk", "undef"};
static_assert(sizeof(kTypeNames) / sizeof(kTypeNames[0]) == kNumTypes);

}  // namespace

const OpInfo& op_info(Op op) { return kOpTable[static_cast<uint32_t>(op)]; }

const char* type_name(Type t) { return kTypeNames[static_cast<uint32_t>(t)]; }

const char* class_name(ValueClass c) {
  switch (c) {
    case ValueClass::Int: return "int";
    case ValueClass::Float: return "float";
    case ValueClass::Double: return "double";
    case ValueClass::LDouble: return "long double";
    case ValueClass::Block: return "block";
    case ValueClass::None: return "none";
  }
  return "none";
}

}  // namespace kite

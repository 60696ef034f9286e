// IR value types and their classes (ir-reference section 3).
#pragma once
#include <cstdint>

namespace kite {

enum class Type : uint8_t {
  I8,
  U8,
  I16,
  U16,
  I32,
  U32,
  I64,
  U64,
  F,
  D,
  LD,
  P,
  Blk0,
  Blk1,
  Blk2,
  Blk3,
  Blk4,
  RBlk,
  Undef
};
constexpr uint32_t kNumTypes = static_cast<uint32_t>(Type::Undef) + 1;

// The class an operand's type belongs to for type checking.
enum class ValueClass : uint8_t { Int, Float, Double, LDouble, Block, None };

constexpr bool is_int_type(Type t) { return t <= Type::U64 || t == Type::P; }
constexpr bool is_fp_type(Type t) { return t == Type::F || t == Type::D || t == Type::LD; }
constexpr bool is_blk_type(Type t) { return t >= Type::Blk0 && t <= Type::RBlk; }
constexpr bool is_scalar_type(Type t) { return t <= Type::P; }

constexpr ValueClass class_of(Type t) {
  if (is_int_type(t)) return ValueClass::Int;
  if (t == Type::F) return ValueClass::Float;
  if (t == Type::D) return ValueClass::Double;
  if (t == Type::LD) return ValueClass::LDouble;
  if (is_blk_type(t)) return ValueClass::Block;
  return ValueClass::None;
}

// Size in bytes in memory (x86-64); blocks have a per-use size and report 0.
constexpr uint32_t type_size(Type t) {
  switch (t) {
    case Type::I8:
    case Type::U8: return 1;
    case Type::I16:
    case Type::U16: return 2;
    case Type::I32:
    case Type::U32:
    case Type::F: return 4;
    case Type::I64:
    case Type::U64:
    case Type::D:
    case Type::P: return 8;
    case Type::LD: return 16;
    case Type::Blk0:
    case Type::Blk1:
    case Type::Blk2:
    case Type::Blk3:
    case Type::Blk4:
    case Type::RBlk:
    case Type::Undef: return 0;
  }
  return 0;
}

const char* type_name(Type t);         // "i8", ..., "blk0", "rblk", "undef"
const char* class_name(ValueClass c);  // "int", "float", "double", "long double", "block"

}  // namespace kite

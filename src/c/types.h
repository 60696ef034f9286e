// C types (C11 6.2.5) as interned objects: there is one `int`, one `char *`, one
// `int (*)(int, ...)`, so the parser compares types by pointer. Layout follows the SysV x86-64
// ABI and gcc's struct rules. Struct and union types are made incomplete by their tag and
// completed in place when the body is seen. Qualified types are separate interned objects
// that point at their unqualified version (`unqual`).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "kite/arena.h"
#include "kite/interner.h"
#include "kite/types.h"

namespace kite::c {

enum class TypeKind : uint8_t {
  Void,
  Bool,
  Char,  // plain char: signed on x86-64, but a type of its own
  SChar,
  UChar,
  Short,
  UShort,
  Int,
  UInt,
  Long,
  ULong,
  LLong,
  ULLong,
  Float,
  Double,
  LDouble,
  Enum,
  Pointer,
  Array,
  Func,
  Struct,
  Union,
};

// kAtomic: C11's _Atomic (6.7.3); kept only on scalars of 1, 2, 4 or 8 bytes, whose every
// access irgen turns into an atomic runtime call (irgen_atomic.cpp).
constexpr uint8_t kConst = 1, kVolatile = 2, kRestrict = 4, kAtomic = 8;

struct CType;

struct Member {
  NameId name;
  const CType* type;
  uint64_t offset;      // bit-fields: of the storage unit (a `type`-sized, aligned unit)
  uint8_t bit_pos;      // bit-fields: the field's lowest bit in its unit
  uint8_t bit_width;
  bool is_bitfield;
  // Layout attributes and their outcome (packed, aligned(N); bit-fields of packed records).
  bool packed = false;
  uint32_t align_attr = 0;
  // Bit-fields: the access unit's size when not the type's (packed, #pragma pack); 9 is an
  // 8-byte unit and the byte after it.
  uint8_t unit_bytes = 0;
};

struct CType {
  TypeKind kind;
  uint8_t quals;
  bool complete;
  bool variadic;     // functions
  bool unprototyped; // functions declared `f()`: any arguments
  // Integers: gcc's N-bit type of a bit-field (the type of its value and of an assignment to
  // it); one of 33 to 63 bits promotes to itself, and its arithmetic wraps at N bits. 0 for
  // every other type.
  uint8_t bits;
  uint32_t align;
  uint64_t size;
  const CType* base;    // pointer target, array element, function result, enum's underlying type
  const CType* unqual;  // the type without qualifiers (itself when quals == 0)
  int64_t length;       // arrays: element count, -1 when incomplete
  const CType* const* params;
  uint32_t nparams;
  uint32_t nmembers;
  Member* members;  // struct/union, in declaration order
  // Members of anonymous struct/union members, with offsets from this record's start: what
  // find_member sees through (C11 6.7.2.1p13).
  const Member* inner;
  uint32_t ninner;
  NameId tag;
  // Variably modified arrays (C11 6.7.6.2): `vla_len` is the element count's expression (a
  // long) of a variable length array, null for a constant one; `vm` is set on every array
  // whose size is known only at run time (a VLA, or an array of them). Their `size` is 0: IR
  // generation computes it. `vla_id` numbers VLAs densely within a translation unit, and
  // `vla_declared` says a declaration evaluates the size once (type names evaluate it on use).
  const struct Expr* vla_len;
  uint32_t vla_id;
  bool vm;
  bool vla_declared;
};

bool is_integer(const CType* t);  // _Bool, chars, ints, enums
bool is_arith(const CType* t);
bool is_floating(const CType* t);
bool is_scalar(const CType* t);  // arithmetic or pointer
bool is_signed(const CType* t);
bool is_aggregate(const CType* t);  // struct, union or array
inline bool is_void(const CType* t) { return t->kind == TypeKind::Void; }
inline bool is_ptr(const CType* t) { return t->kind == TypeKind::Pointer; }
inline bool is_func(const CType* t) { return t->kind == TypeKind::Func; }
inline bool is_array(const CType* t) { return t->kind == TypeKind::Array; }
inline bool is_record(const CType* t) { return t->kind == TypeKind::Struct || t->kind == TypeKind::Union; }
inline bool is_atomic(const CType* t) { return (t->quals & kAtomic) != 0; }
// v converted to the integer type t as C converts (6.3.1.3, gcc's modulo rule): the low bits
// of t's width, sign-extended when t is signed; _Bool is v != 0. t may be any integer type.
int64_t wrap_to_type(int64_t v, const CType* t);
// An integer type's width in bits: its size's, or a bit-field type's N.
inline unsigned int_bits(const CType* t) { return t->bits ? t->bits : static_cast<unsigned>(t->size * 8); }
// A floating value converted to the integer type t, truncated toward zero; values from 2^63
// to 2^64 convert exactly to an unsigned 64-bit type. The result is wrapped to t.
int64_t float_to_int(long double f, const CType* t);
// Conversion rank (6.3.1.1); only for integer types.
int int_rank(const CType* t);
// The IR type of a C scalar in memory and as a call argument (i8 for char...).
Type mem_type(const CType* t);
// The IR variable type holding a C scalar: i64, f, d or ld.
Type var_type(const CType* t);
const Member* find_member(const CType* record, NameId name);

class TypeTable {
 public:
  TypeTable();
  const CType* void_t() const { return basic_[0]; }
  const CType* basic(TypeKind k) const { return basic_[static_cast<int>(k)]; }
  const CType* int_t() const { return basic(TypeKind::Int); }
  const CType* pointer_to(const CType* t);
  const CType* array_of(const CType* t, int64_t length);
  // A new variable length array type of `len` elements (never shared: each declarator's size
  // is evaluated on its own).
  const CType* vla_of(const CType* elem, const struct Expr* len, bool declared);
  uint32_t num_vlas() const { return num_vlas_; }
  // `t` with a larger alignment (__attribute__((aligned(N))) on a typedef or an object); its
  // size stays t's, as in gcc. One object per (t, N).
  const CType* aligned(const CType* t, uint32_t align);
  // gcc's type of a bit-field narrower than its declared integer type `t` when no standard type
  // has its width: t's size and signedness, `width` bits of value. One object per (t, width).
  const CType* bit_field_type(const CType* t, unsigned width);
  const CType* func(const CType* result, const std::vector<const CType*>& params, bool variadic, bool unprototyped);
  const CType* qualified(const CType* t, uint8_t quals);
  // A new struct/union type, incomplete until complete_record.
  CType* new_record(TypeKind kind, NameId tag);
  // Lays the members out with gcc's rules (each at its alignment; size rounded to the
  // largest alignment); a flexible array member may end a struct.
  // `packed` packs every member; `min_align` is the record's aligned(N); `max_field_align` is
  // `#pragma pack`'s limit in bytes (0: none).
  void complete_record(CType* t, const std::vector<Member>& members, bool packed = false, uint32_t min_align = 0,
                       uint32_t max_field_align = 0);
  CType* new_enum(NameId tag);
  // Enums: an enum type is incomplete (`enum E;`, a GNU extension) until its body gives it an
  // underlying integer type (`base`), chosen from its enumerators' range as gcc does.
  void complete_enum(CType* t, const CType* underlying);
  const CType* enum_underlying(int64_t min, uint64_t max_unsigned, bool any_negative) const;
  // `void *`-like signedness helpers for the usual arithmetic conversions.
  const CType* promote(const CType* t);  // integer promotions
  const CType* arg_promote(const CType* t);  // default argument promotions: also float to double
  const CType* usual_arith(const CType* a, const CType* b);
  std::string describe(const CType* t, const Interner& names) const;

 private:
  CType* make(TypeKind kind, uint64_t size, uint32_t align);
  void update_qualified_copies(CType* t);
  Arena arena_;
  uint32_t num_vlas_ = 0;
  const CType* basic_[static_cast<int>(TypeKind::Enum)];
  std::map<const CType*, const CType*> pointers_;
  std::map<std::pair<const CType*, int64_t>, const CType*> arrays_;
  std::map<std::pair<const CType*, uint8_t>, const CType*> qualified_;
  std::map<std::pair<const CType*, uint32_t>, const CType*> aligned_;
  std::map<std::pair<const CType*, unsigned>, const CType*> bit_field_types_;
  std::map<std::tuple<const CType*, std::vector<const CType*>, int>, const CType*> funcs_;
};

}  // namespace kite::c

// C type objects, their interning and their SysV x86-64 layout.
#include "types.h"

#include <algorithm>
#include <string>

namespace kite::c {

bool is_integer(const CType* t) { return (t->kind >= TypeKind::Bool && t->kind <= TypeKind::ULLong) || t->kind == TypeKind::Enum; }
bool is_floating(const CType* t) { return t->kind >= TypeKind::Float && t->kind <= TypeKind::LDouble; }
bool is_arith(const CType* t) { return is_integer(t) || is_floating(t); }
bool is_scalar(const CType* t) { return is_arith(t) || t->kind == TypeKind::Pointer; }
bool is_aggregate(const CType* t) { return is_record(t) || is_array(t); }

bool is_signed(const CType* t) {
  switch (t->kind) {
    case TypeKind::Char:
    case TypeKind::SChar:
    case TypeKind::Short:
    case TypeKind::Int:
    case TypeKind::Long:
    case TypeKind::LLong: return true;
    case TypeKind::Enum: return is_signed(t->base);
    default: return false;
  }
}

int int_rank(const CType* t) {
  switch (t->kind) {
    case TypeKind::Bool: return 1;
    case TypeKind::Char:
    case TypeKind::SChar:
    case TypeKind::UChar: return 2;
    case TypeKind::Short:
    case TypeKind::UShort: return 3;
    case TypeKind::Int:
    case TypeKind::UInt: return 4;
    case TypeKind::Enum: return int_rank(t->base);
    case TypeKind::Long:
    case TypeKind::ULong: return 5;
    case TypeKind::LLong:
    case TypeKind::ULLong: return 6;
    default: return 0;
  }
}

Type mem_type(const CType* t) {
  switch (t->kind) {
    case TypeKind::Bool:
    case TypeKind::UChar: return Type::U8;
    case TypeKind::Char:
    case TypeKind::SChar: return Type::I8;
    case TypeKind::Short: return Type::I16;
    case TypeKind::UShort: return Type::U16;
    case TypeKind::Int: return Type::I32;
    case TypeKind::Enum: return mem_type(t->base);
    case TypeKind::UInt: return Type::U32;
    case TypeKind::Long:
    case TypeKind::LLong: return Type::I64;
    case TypeKind::ULong:
    case TypeKind::ULLong: return Type::U64;
    case TypeKind::Float: return Type::F;
    case TypeKind::Double: return Type::D;
    case TypeKind::LDouble: return Type::LD;
    case TypeKind::Pointer:
    case TypeKind::Array:
    case TypeKind::Func: return Type::P;
    case TypeKind::Void:
    case TypeKind::Struct:
    case TypeKind::Union: return Type::Undef;
  }
  return Type::Undef;
}

Type var_type(const CType* t) {
  switch (t->kind) {
    case TypeKind::Float: return Type::F;
    case TypeKind::Double: return Type::D;
    case TypeKind::LDouble: return Type::LD;
    default: return Type::I64;
  }
}

const Member* find_member(const CType* record, NameId name) {
  const CType* r = record->unqual;
  for (uint32_t i = 0; i < r->nmembers; i++)
    if (r->members[i].name == name) return &r->members[i];
  for (uint32_t i = 0; i < r->ninner; i++)
    if (r->inner[i].name == name) return &r->inner[i];
  return nullptr;
}

CType* TypeTable::make(TypeKind kind, uint64_t size, uint32_t align) {
  CType* t = arena_.make<CType>();
  t->kind = kind;
  t->size = size;
  t->align = align;
  t->complete = true;
  t->unqual = t;
  t->length = -1;
  return t;
}

TypeTable::TypeTable() {
  static constexpr struct {
    TypeKind kind;
    uint32_t size;
  } kBasic[] = {{TypeKind::Void, 1},    {TypeKind::Bool, 1},  {TypeKind::Char, 1},   {TypeKind::SChar, 1},
                {TypeKind::UChar, 1},   {TypeKind::Short, 2}, {TypeKind::UShort, 2}, {TypeKind::Int, 4},
                {TypeKind::UInt, 4},    {TypeKind::Long, 8},  {TypeKind::ULong, 8},  {TypeKind::LLong, 8},
                {TypeKind::ULLong, 8},  {TypeKind::Float, 4}, {TypeKind::Double, 8}, {TypeKind::LDouble, 16}};
  for (auto& b : kBasic) {
    CType* t = make(b.kind, b.size, b.size);
    if (b.kind == TypeKind::Void) t->complete = false;
    basic_[static_cast<int>(b.kind)] = t;
  }
}

const CType* TypeTable::pointer_to(const CType* t) {
  auto [it, fresh] = pointers_.try_emplace(t, nullptr);
  if (fresh) {
    CType* p = make(TypeKind::Pointer, 8, 8);
    p->base = t;
    it->second = p;
  }
  return it->second;
}

const CType* TypeTable::array_of(const CType* t, int64_t length) {
  auto [it, fresh] = arrays_.try_emplace({t, length}, nullptr);
  if (fresh) {
    CType* a = make(TypeKind::Array, length < 0 || t->vm ? 0 : t->size * static_cast<uint64_t>(length), t->align);
    a->base = t;
    a->length = length;
    a->complete = length >= 0;
    a->vm = t->vm;
    it->second = a;
  }
  return it->second;
}

const CType* TypeTable::aligned(const CType* t, uint32_t align) {
  if (align <= t->align) return t;
  auto [it, fresh] = aligned_.try_emplace({t, align}, nullptr);
  if (fresh) {
    const CType* u = t->unqual == t ? t : aligned(t->unqual, align);
    CType* a = arena_.make<CType>(*t);
    a->align = align;
    a->unqual = t->unqual == t ? a : u;
    it->second = a;
  }
  return it->second;
}

const CType* TypeTable::bit_field_type(const CType* t, unsigned width) {
  t = t->unqual;
  if (t->kind == TypeKind::Enum) t = t->base;
  auto [it, fresh] = bit_field_types_.try_emplace({t, width}, nullptr);
  if (fresh) {
    CType* b = arena_.make<CType>(*t);
    b->bits = static_cast<uint8_t>(width);
    b->unqual = b;
    it->second = b;
  }
  return it->second;
}

const CType* TypeTable::vla_of(const CType* elem, const Expr* len, bool declared) {
  CType* a = make(TypeKind::Array, 0, elem->align);
  a->base = elem;
  a->length = 0;
  a->vla_len = len;
  a->vla_id = num_vlas_++;
  a->vm = true;
  a->vla_declared = declared;
  return a;
}

const CType* TypeTable::func(const CType* result, const std::vector<const CType*>& params, bool variadic,
                             bool unprototyped) {
  auto key = std::make_tuple(result, params, (variadic ? 1 : 0) | (unprototyped ? 2 : 0));
  auto [it, fresh] = funcs_.try_emplace(key, nullptr);
  if (fresh) {
    CType* f = make(TypeKind::Func, 1, 1);
    f->base = result;
    f->variadic = variadic;
    f->unprototyped = unprototyped;
    f->nparams = static_cast<uint32_t>(params.size());
    const CType** ps = arena_.make_array<const CType*>(params.size());
    for (size_t i = 0; i < params.size(); i++) ps[i] = params[i];
    f->params = ps;
    it->second = f;
  }
  return it->second;
}

const CType* TypeTable::qualified(const CType* t, uint8_t quals) {
  // A qualified array type is an array of qualified elements (6.7.3p9): `const A` with
  // `typedef int A[3]` is `const int[3]`.
  if (quals && t->kind == TypeKind::Array && !t->vla_len) return array_of(qualified(t->base, quals), t->length);
  quals |= t->quals;
  t = t->unqual;
  if (quals == 0) return t;
  auto [it, fresh] = qualified_.try_emplace({t, quals}, nullptr);
  if (fresh) {
    CType* q = arena_.make<CType>(*t);
    q->quals = quals;
    q->unqual = t;
    it->second = q;
  }
  return it->second;
}

CType* TypeTable::new_record(TypeKind kind, NameId tag) {
  CType* t = make(kind, 0, 1);
  t->complete = false;
  t->tag = tag;
  return t;
}

CType* TypeTable::new_enum(NameId tag) {
  CType* t = make(TypeKind::Enum, 4, 4);
  t->tag = tag;
  t->base = basic(TypeKind::UInt);
  t->complete = false;
  return t;
}

void TypeTable::complete_enum(CType* t, const CType* underlying) {
  t->base = underlying;
  t->size = underlying->size;
  t->align = underlying->align;
  t->complete = true;
  update_qualified_copies(t);
}

const CType* TypeTable::enum_underlying(int64_t min, uint64_t max_unsigned, bool any_negative) const {
  // gcc: unsigned int when no value is negative, int otherwise; 64 bits when 32 do not hold them.
  if (!any_negative) return basic(max_unsigned <= UINT32_MAX ? TypeKind::UInt : TypeKind::ULong);
  int64_t max = static_cast<int64_t>(max_unsigned);
  return basic(min >= INT32_MIN && max <= INT32_MAX ? TypeKind::Int : TypeKind::Long);
}

void TypeTable::complete_record(CType* t, const std::vector<Member>& members, bool packed, uint32_t min_align,
                                uint32_t max_field_align) {
  Member* ms = arena_.make_array<Member>(members.size());
  uint64_t size = 0;
  uint32_t align = 1;
  uint64_t bits = 0;  // struct bit-fields: the next free bit
  for (size_t i = 0; i < members.size(); i++) {
    ms[i] = members[i];
    Member& m = ms[i];
    bool pack = packed || m.packed;
    // A member's alignment: its type's, 1 when packed, raised by its own aligned(N); then at
    // most #pragma pack's limit (which caps aligned(N) too, as in gcc).
    uint32_t a = std::max(pack ? 1u : m.type->align, m.align_attr);
    if (max_field_align && a > max_field_align) a = max_field_align;
    if (m.is_bitfield) {
      uint64_t unit = m.type->size * 8, w = m.bit_width;
      // gcc (SysV): named fields align the record by their type (unless packed); unnamed ones
      // do not. Under #pragma pack the type's alignment counts up to the limit, packed or not.
      uint32_t record_a = a;
      if (max_field_align) record_a = std::max(std::min(m.type->align, max_field_align), record_a);
      if ((m.name || m.align_attr) && record_a > align) align = record_a;
      if (t->kind == TypeKind::Union) {
        m.offset = 0;
        m.bit_pos = 0;
        if ((w + 7) / 8 > size) size = (w + 7) / 8;
        continue;
      }
      if (w == 0) {  // ends the unit, packed or not
        bits = (bits + unit - 1) / unit * unit;
      } else if (m.align_attr) {
        uint64_t fa = 8 * std::min(m.align_attr, max_field_align ? max_field_align : m.align_attr);
        bits = (bits + fa - 1) / fa * fa;
      }
      // #pragma pack also places a field at the next free bit, even across a unit of its type.
      if ((pack || max_field_align) && w) {
        // At the next free bit, whatever it straddles: accessed through the smallest unit of
        // 1, 2, 4 or 8 bytes from the byte holding its first bit; 9 when it spans 9 bytes (an
        // 8-byte unit and the byte after it).
        uint64_t pos = bits % 8, need = (pos + w + 7) / 8;
        m.unit_bytes = need <= 1 ? 1 : need <= 2 ? 2 : need <= 4 ? 4 : need <= 8 ? 8 : 9;
        m.offset = bits / 8;
        m.bit_pos = static_cast<uint8_t>(pos);
      } else {
        // At the next free bit unless it would straddle a unit of its type.
        if (w && bits / unit != (bits + w - 1) / unit) bits = (bits + unit - 1) / unit * unit;
        m.offset = bits / unit * (unit / 8);
        m.bit_pos = static_cast<uint8_t>(bits % unit);
      }
      bits += w;
      size = (bits + 7) / 8;
      continue;
    }
    if (a > align) align = a;
    if (t->kind == TypeKind::Struct) {
      size = (size + a - 1) / a * a;
      m.offset = size;
      size += m.type->size;
      bits = size * 8;
    } else {
      m.offset = 0;
      if (m.type->size > size) size = m.type->size;
    }
  }
  if (min_align > align) align = min_align;
  t->members = ms;
  t->nmembers = static_cast<uint32_t>(members.size());
  std::vector<Member> inner;
  for (size_t i = 0; i < members.size(); i++) {
    const CType* r = ms[i].type->unqual;
    if (ms[i].name != 0 || !is_record(r)) continue;
    for (uint32_t k = 0; k < r->nmembers; k++)
      if (r->members[k].name) {
        Member c = r->members[k];
        c.offset += ms[i].offset;
        inner.push_back(c);
      }
    for (uint32_t k = 0; k < r->ninner; k++) {
      Member c = r->inner[k];
      c.offset += ms[i].offset;
      inner.push_back(c);
    }
  }
  Member* in = arena_.make_array<Member>(inner.size());
  for (size_t i = 0; i < inner.size(); i++) in[i] = inner[i];
  t->inner = in;
  t->ninner = static_cast<uint32_t>(inner.size());
  t->align = align;
  t->size = (size + align - 1) / align * align;
  t->complete = true;
  update_qualified_copies(t);
}

// Qualified copies made while a record or enum was incomplete take its completed layout.
void TypeTable::update_qualified_copies(CType* t) {
  for (auto& [key, q] : qualified_)
    if (key.first == t) {
      CType* m = const_cast<CType*>(q);
      uint8_t quals = m->quals;
      *m = *t;
      m->quals = quals;
      m->unqual = t;
    }
}

const CType* TypeTable::promote(const CType* t) {
  t = t->unqual;
  if (t->kind == TypeKind::Enum) return promote(t->base);
  if (is_integer(t) && int_rank(t) < 4) return int_t();  // every narrower type fits in int
  if (t->bits && t->bits < 32) return int_t();  // a narrow bit-field's type
  return t;
}

int64_t wrap_to_type(int64_t v, const CType* t) {
  if (t->kind == TypeKind::Bool) return v != 0;
  unsigned bits = int_bits(t);
  if (bits >= 64) return v;
  uint64_t m = (uint64_t(1) << bits) - 1, u = static_cast<uint64_t>(v) & m;
  if (is_signed(t) && (u >> (bits - 1))) u |= ~m;
  return static_cast<int64_t>(u);
}

int64_t float_to_int(long double f, const CType* t) {
  if (t->kind == TypeKind::Bool) return f != 0;
  bool high = !is_signed(t) && f >= 9223372036854775808.0L && f < 18446744073709551616.0L;
  return wrap_to_type(high ? static_cast<int64_t>(static_cast<uint64_t>(f)) : static_cast<int64_t>(f), t);
}

const CType* TypeTable::arg_promote(const CType* t) {
  t = t->unqual;
  if (t->kind == TypeKind::Float) return basic(TypeKind::Double);
  return promote(t);
}

const CType* TypeTable::usual_arith(const CType* a, const CType* b) {
  a = a->unqual;
  b = b->unqual;
  if (a->kind == TypeKind::LDouble || b->kind == TypeKind::LDouble) return basic(TypeKind::LDouble);
  if (a->kind == TypeKind::Double || b->kind == TypeKind::Double) return basic(TypeKind::Double);
  if (a->kind == TypeKind::Float || b->kind == TypeKind::Float) return basic(TypeKind::Float);
  a = promote(a);
  b = promote(b);
  if (a == b) return a;
  if (a->bits || b->bits) {  // gcc: the wider one; of two N-bit types the unsigned one
    unsigned wa = int_bits(a), wb = int_bits(b);
    if (wa != wb) return wa > wb ? a : b;
    return is_signed(a) ? b : a;
  }
  bool sa = is_signed(a), sb = is_signed(b);
  int ra = int_rank(a), rb = int_rank(b);
  if (sa == sb) return ra >= rb ? a : b;
  const CType* u = sa ? b : a;
  const CType* s = sa ? a : b;
  if (int_rank(u) >= int_rank(s)) return u;
  if (s->size > u->size) return s;
  // The unsigned type corresponding to the signed one (long vs unsigned int is caught above).
  switch (s->kind) {
    case TypeKind::Long: return basic(TypeKind::ULong);
    case TypeKind::LLong: return basic(TypeKind::ULLong);
    default: return basic(TypeKind::UInt);
  }
}

std::string TypeTable::describe(const CType* t, const Interner& names) const {
  if (t->bits) {
    CType full = *t;
    full.bits = 0;
    return describe(&full, names) + ":" + std::to_string(t->bits);
  }
  std::string q;
  if (t->quals & kConst) q += "const ";
  if (t->quals & kVolatile) q += "volatile ";
  if (t->quals & kAtomic) q += "_Atomic ";
  switch (t->kind) {
    case TypeKind::Void: return q + "void";
    case TypeKind::Bool: return q + "_Bool";
    case TypeKind::Char: return q + "char";
    case TypeKind::SChar: return q + "signed char";
    case TypeKind::UChar: return q + "unsigned char";
    case TypeKind::Short: return q + "short";
    case TypeKind::UShort: return q + "unsigned short";
    case TypeKind::Int: return q + "int";
    case TypeKind::UInt: return q + "unsigned int";
    case TypeKind::Long: return q + "long";
    case TypeKind::ULong: return q + "unsigned long";
    case TypeKind::LLong: return q + "long long";
    case TypeKind::ULLong: return q + "unsigned long long";
    case TypeKind::Float: return q + "float";
    case TypeKind::Double: return q + "double";
    case TypeKind::LDouble: return q + "long double";
    case TypeKind::Enum: return q + "enum " + std::string(names.str(t->tag));
    case TypeKind::Pointer: return describe(t->base, names) + " *" + (q.empty() ? "" : " " + q.substr(0, q.size() - 1));
    case TypeKind::Array: return describe(t->base, names) + " []";
    case TypeKind::Func: return describe(t->base, names) + " ()";
    case TypeKind::Struct: return q + "struct " + std::string(names.str(t->tag));
    case TypeKind::Union: return q + "union " + std::string(names.str(t->tag));
  }
  return "?";
}

}  // namespace kite::c

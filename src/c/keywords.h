// C11 keywords (6.4.1) recognised by interned spelling id. The lexer makes every keyword an
// Identifier token; the parser interns this list once per translation unit and then tells a
// keyword from a name with one table lookup, never a string comparison.
#pragma once
#include <cstdint>
#include <vector>

#include "kite/interner.h"

namespace kite::c {

#define KITE_C_KEYWORDS(X)                                                                              \
  X(Auto, "auto") X(Break, "break") X(Case, "case") X(Char, "char") X(Const, "const")                \
  X(Continue, "continue") X(Default, "default") X(Do, "do") X(Double, "double") X(Else, "else")      \
  X(Enum, "enum") X(Extern, "extern") X(Float, "float") X(For, "for") X(Goto, "goto") X(If, "if")    \
  X(Inline, "inline") X(Int, "int") X(Long, "long") X(Register, "register") X(Restrict, "restrict")  \
  X(Return, "return") X(Short, "short") X(Signed, "signed") X(Sizeof, "sizeof") X(Static, "static")  \
  X(Struct, "struct") X(Switch, "switch") X(Typedef, "typedef") X(Union, "union")                     \
  X(Unsigned, "unsigned") X(Void, "void") X(Volatile, "volatile") X(While, "while")                   \
  X(Bool, "_Bool") X(Alignof, "_Alignof") X(Noreturn, "_Noreturn") X(StaticAssert, "_Static_assert") \
  X(GnuInline, "__inline") X(GnuInline2, "__inline__") X(GnuRestrict, "__restrict")                   \
  X(GnuRestrict2, "__restrict__") X(GnuConst, "__const") X(GnuSigned, "__signed__")                   \
  X(GnuVolatile, "__volatile__") X(GnuAlignof, "__alignof__") X(Attribute, "__attribute__")           \
  X(Attribute2, "__attribute") X(Asm, "__asm__") X(Asm2, "__asm") X(Extension, "__extension__") \
  X(AsmPlain, "asm") X(Alignas, "_Alignas") X(ThreadLocal, "_Thread_local") X(GnuThread, "__thread")  \
  X(Atomic, "_Atomic") X(Complex, "_Complex") X(GnuComplex, "__complex__") X(Imaginary, "_Imaginary")  \
  X(AutoType, "__auto_type")

// C11 and GNU expression forms: _Generic, typeof with its GNU spellings, GNU local labels.
#define KITE_C_GNU_EXPR_KEYWORDS(X)                                                              \
  X(Generic, "_Generic") X(Typeof, "typeof") X(GnuTypeof, "__typeof__") X(GnuTypeof2, "__typeof") \
  X(GnuLabel, "__label__")

enum class Kw : uint8_t {
  None,
#define KITE_C_KW_ENUM(name, text) name,
  KITE_C_KEYWORDS(KITE_C_KW_ENUM)
  KITE_C_GNU_EXPR_KEYWORDS(KITE_C_KW_ENUM)
#undef KITE_C_KW_ENUM
};

// Keywords of features Kite does not implement: a declaration that uses one is reported, never
// compiled with another meaning.
inline bool is_unsupported_keyword(Kw k) {
  return k == Kw::ThreadLocal || k == Kw::GnuThread || k == Kw::Complex ||
         k == Kw::GnuComplex || k == Kw::Imaginary || k == Kw::AutoType;
}

// The keyword ids of one Interner.
class KeywordTable {
 public:
  explicit KeywordTable(Interner& names);
  Kw lookup(NameId id) const { return id < table_.size() ? static_cast<Kw>(table_[id]) : Kw::None; }

 private:
  std::vector<uint8_t> table_;  // indexed by NameId; Kw::None for names that are no keyword
};

}  // namespace kite::c

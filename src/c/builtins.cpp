// GNU builtins (gcc's "Other Built-in Functions", the overflow and bit builtins): checked and
// typed here. Those that gcc folds become constants (offsetof, types_compatible_p,
// constant_p, choose_expr, huge_val/inf/nan, bit operations of constants); `__builtin_X` of a
// libc function is a call of X with X's prototype; expect, prefetch, assume_aligned and the
// ordered comparisons are rewritten into plain expressions; the rest become Builtin nodes that
// irgen_builtins.cpp lowers. Names are looked up only when an identifier is undeclared, so
// ordinary identifiers never pay for this table.
#include <bit>
#include <cmath>
#include <cstring>

#include "parser.h"

namespace kite::c {

namespace {

enum class Form : uint8_t {
  Expect,           // (value, expected[, probability]) -> long
  Trap,             // trap, unreachable
  Offsetof,
  TypesCompatible,
  ConstantP,
  ChooseExpr,
  Alloca,
  BitOp,            // op, type: the operand type
  Libc,             // proto: the function's prototype
  Inf,              // type: the floating type
  Nan,
  FpUnary,          // op; int result
  FpCompare,        // punct: the comparison
  FpPair,           // op: IsLessGreater, IsUnordered
  FpClassify,
  Overflow,         // op; generic operand types
  OverflowTyped,    // op, type: both operands' and the result's type
  Prefetch,
  AssumeAligned,
  ClassifyType,
};

struct BuiltinDef {
  const char* name;
  Form form;
  BuiltinOp op;
  TypeKind type;
  // Libc: result then parameters: v void, i int, I unsigned, l long, q long long, L unsigned
  // long (size_t), p void *, P const void *, s char *, S const char *, f float, d double,
  // D long double; a final '.' makes it variadic. FpCompare: the Punct.
  const char* proto;
  Punct punct;
};

constexpr BuiltinOp kNoOp = BuiltinOp::Trap;
constexpr TypeKind kNoType = TypeKind::Void;

#define LIBC(name, proto) {"__builtin_" name, Form::Libc, kNoOp, kNoType, proto, Punct::Comma}
#define BIT(name, op, type) {"__builtin_" name, Form::BitOp, BuiltinOp::op, TypeKind::type, nullptr, Punct::Comma}
#define FORM(name, form) {"__builtin_" name, Form::form, kNoOp, kNoType, nullptr, Punct::Comma}
#define TYPED(name, form, type) {"__builtin_" name, Form::form, kNoOp, TypeKind::type, nullptr, Punct::Comma}
#define OPF(name, form, op) {"__builtin_" name, Form::form, BuiltinOp::op, kNoType, nullptr, Punct::Comma}
#define OVF(name, op, type) {"__builtin_" name, Form::OverflowTyped, BuiltinOp::op, TypeKind::type, nullptr, Punct::Comma}
#define CMP(name, p) {"__builtin_" name, Form::FpCompare, kNoOp, kNoType, nullptr, Punct::p}

const BuiltinDef kBuiltins[] = {
    FORM("expect", Expect), FORM("expect_with_probability", Expect), FORM("trap", Trap), FORM("unreachable", Trap),
    FORM("offsetof", Offsetof), FORM("types_compatible_p", TypesCompatible), FORM("constant_p", ConstantP),
    FORM("choose_expr", ChooseExpr), FORM("alloca", Alloca), FORM("prefetch", Prefetch),
    FORM("assume_aligned", AssumeAligned), FORM("classify_type", ClassifyType),
    BIT("bswap16", Bswap, UShort), BIT("bswap32", Bswap, UInt), BIT("bswap64", Bswap, ULong),
    BIT("clz", Clz, UInt), BIT("clzl", Clz, ULong), BIT("clzll", Clz, ULLong),
    BIT("ctz", Ctz, UInt), BIT("ctzl", Ctz, ULong), BIT("ctzll", Ctz, ULLong),
    BIT("popcount", Popcount, UInt), BIT("popcountl", Popcount, ULong), BIT("popcountll", Popcount, ULLong),
    BIT("parity", Parity, UInt), BIT("parityl", Parity, ULong), BIT("parityll", Parity, ULLong),
    BIT("ffs", Ffs, Int), BIT("ffsl", Ffs, Long), BIT("ffsll", Ffs, LLong),
    BIT("clrsb", Clrsb, Int), BIT("clrsbl", Clrsb, Long), BIT("clrsbll", Clrsb, LLong),
    TYPED("huge_val", Inf, Double), TYPED("huge_valf", Inf, Float), TYPED("huge_vall", Inf, LDouble),
    TYPED("inf", Inf, Double), TYPED("inff", Inf, Float), TYPED("infl", Inf, LDouble),
    TYPED("nan", Nan, Double), TYPED("nanf", Nan, Float), TYPED("nanl", Nan, LDouble),
    OPF("isnan", FpUnary, IsNan), OPF("isinf", FpUnary, IsInf), OPF("isfinite", FpUnary, IsFinite),
    OPF("finite", FpUnary, IsFinite), OPF("isnormal", FpUnary, IsNormal), OPF("isinf_sign", FpUnary, IsInfSign),
    OPF("signbit", FpUnary, SignBit), OPF("signbitf", FpUnary, SignBit), OPF("signbitl", FpUnary, SignBit),
    OPF("islessgreater", FpPair, IsLessGreater), OPF("isunordered", FpPair, IsUnordered),
    FORM("fpclassify", FpClassify),
    CMP("isgreater", Gt), CMP("isgreaterequal", Ge), CMP("isless", Lt), CMP("islessequal", Le),
    OPF("add_overflow", Overflow, AddOverflow), OPF("sub_overflow", Overflow, SubOverflow),
    OPF("mul_overflow", Overflow, MulOverflow),
    OVF("sadd_overflow", AddOverflow, Int), OVF("saddl_overflow", AddOverflow, Long), OVF("saddll_overflow", AddOverflow, LLong),
    OVF("uadd_overflow", AddOverflow, UInt), OVF("uaddl_overflow", AddOverflow, ULong), OVF("uaddll_overflow", AddOverflow, ULLong),
    OVF("ssub_overflow", SubOverflow, Int), OVF("ssubl_overflow", SubOverflow, Long), OVF("ssubll_overflow", SubOverflow, LLong),
    OVF("usub_overflow", SubOverflow, UInt), OVF("usubl_overflow", SubOverflow, ULong), OVF("usubll_overflow", SubOverflow, ULLong),
    OVF("smul_overflow", MulOverflow, Int), OVF("smull_overflow", MulOverflow, Long), OVF("smulll_overflow", MulOverflow, LLong),
    OVF("umul_overflow", MulOverflow, UInt), OVF("umull_overflow", MulOverflow, ULong), OVF("umulll_overflow", MulOverflow, ULLong),
    LIBC("memcpy", "ppPL"), LIBC("memmove", "ppPL"), LIBC("memset", "ppiL"), LIBC("memcmp", "iPPL"), LIBC("memchr", "pPiL"),
    LIBC("strlen", "LS"), LIBC("strnlen", "LSL"), LIBC("strcpy", "ssS"), LIBC("strncpy", "ssSL"), LIBC("strcat", "ssS"),
    LIBC("strncat", "ssSL"), LIBC("strcmp", "iSS"), LIBC("strncmp", "iSSL"), LIBC("strchr", "sSi"), LIBC("strrchr", "sSi"),
    LIBC("strstr", "sSS"), LIBC("strdup", "sS"), LIBC("strspn", "LSS"), LIBC("strcspn", "LSS"), LIBC("strpbrk", "sSS"),
    LIBC("abs", "ii"), LIBC("labs", "ll"), LIBC("llabs", "qq"), LIBC("printf", "iS."), LIBC("sprintf", "isS."),
    LIBC("snprintf", "isLS."), LIBC("fprintf", "ipS."), LIBC("puts", "iS"), LIBC("putchar", "ii"), LIBC("fputs", "iSp"),
    LIBC("fputc", "iip"), LIBC("fwrite", "LPLLp"), LIBC("scanf", "iS."), LIBC("sscanf", "iSS."), LIBC("abort", "v"),
    LIBC("exit", "vi"), LIBC("_exit", "vi"), LIBC("malloc", "pL"), LIBC("calloc", "pLL"), LIBC("realloc", "ppL"),
    LIBC("free", "vp"), LIBC("fabs", "dd"), LIBC("fabsf", "ff"), LIBC("fabsl", "DD"), LIBC("copysign", "ddd"),
    LIBC("copysignf", "fff"), LIBC("copysignl", "DDD"), LIBC("sqrt", "dd"), LIBC("sqrtf", "ff"), LIBC("sqrtl", "DD"),
    LIBC("floor", "dd"), LIBC("ceil", "dd"), LIBC("trunc", "dd"), LIBC("round", "dd"), LIBC("fmod", "ddd"),
    LIBC("pow", "ddd"), LIBC("exp", "dd"), LIBC("log", "dd"), LIBC("sin", "dd"), LIBC("cos", "dd"),
    LIBC("fmin", "ddd"), LIBC("fmax", "ddd"), LIBC("isdigit", "ii"), LIBC("isalpha", "ii"), LIBC("isspace", "ii"),
    LIBC("toupper", "ii"), LIBC("tolower", "ii"), LIBC("atoi", "iS"), LIBC("strtol", "lSpi"),
};

#undef LIBC
#undef BIT
#undef FORM
#undef TYPED
#undef OPF
#undef OVF
#undef CMP

constexpr std::string_view kPrefix = "__builtin_";

// gcc's __builtin_classify_type values (typeclass.h).
int type_class(const CType* t) {
  switch (t->kind) {
    case TypeKind::Void: return 0;
    case TypeKind::Bool: return 4;
    case TypeKind::Enum: return 3;
    case TypeKind::Float:
    case TypeKind::Double:
    case TypeKind::LDouble: return 8;
    case TypeKind::Pointer: return 5;
    case TypeKind::Func: return 10;
    case TypeKind::Struct: return 12;
    case TypeKind::Union: return 13;
    case TypeKind::Array: return 14;
    default: return 1;
  }
}

// Bit operations of constants, as the lowering computes them (clz and ctz of 0 give the width,
// where gcc leaves them undefined).
int64_t fold_bit_op(BuiltinOp op, uint64_t x, unsigned bytes) {
  unsigned bits = bytes * 8;
  uint64_t mask = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  uint64_t u = x & mask;
  switch (op) {
    case BuiltinOp::Bswap: {
      uint64_t r = 0;
      for (unsigned b = 0; b < bytes; b++) r |= ((u >> (8 * b)) & 0xff) << (8 * (bytes - 1 - b));
      return static_cast<int64_t>(r);
    }
    case BuiltinOp::Clz: return std::countl_zero(u) - (64 - static_cast<int>(bits));
    case BuiltinOp::Ctz: return u ? std::countr_zero(u) : bits;
    case BuiltinOp::Popcount: return std::popcount(u);
    case BuiltinOp::Parity: return std::popcount(u) & 1;
    case BuiltinOp::Ffs: return u ? std::countr_zero(u) + 1 : 0;
    case BuiltinOp::Clrsb: {
      int64_t s = static_cast<int64_t>(x);  // canonical: sign-extended
      uint64_t y = static_cast<uint64_t>(s ^ (s >> 63));
      return std::countl_zero(y) - 1 - (64 - static_cast<int>(bits));
    }
    default: return 0;
  }
}

// The prototype string of a libc builtin as a function type.
const CType* proto_type(TypeTable& types, const char* p) {
  auto one = [&](char c) -> const CType* {
    switch (c) {
      case 'v': return types.void_t();
      case 'i': return types.int_t();
      case 'I': return types.basic(TypeKind::UInt);
      case 'l': return types.basic(TypeKind::Long);
      case 'q': return types.basic(TypeKind::LLong);
      case 'L': return types.basic(TypeKind::ULong);
      case 'p': return types.pointer_to(types.void_t());
      case 'P': return types.pointer_to(types.qualified(types.void_t(), kConst));
      case 's': return types.pointer_to(types.basic(TypeKind::Char));
      case 'S': return types.pointer_to(types.qualified(types.basic(TypeKind::Char), kConst));
      case 'f': return types.basic(TypeKind::Float);
      case 'd': return types.basic(TypeKind::Double);
      default: return types.basic(TypeKind::LDouble);
    }
  };
  const CType* result = one(*p++);
  std::vector<const CType*> params;
  bool variadic = false;
  for (; *p; p++) {
    if (*p == '.') variadic = true;
    else params.push_back(one(*p));
  }
  return types.func(result, params, variadic, false);
}

constexpr size_t kAnyCount = ~size_t(0);

}  // namespace

Expr* Parser::builtin_libc_ref(uint32_t index, SourceLoc loc) {
  const BuiltinDef& d = kBuiltins[index];
  NameId name = names_.intern(d.name + kPrefix.size());
  Symbol* s = lookup(name);
  if (!s || s->kind != Symbol::Func) {
    // Not declared by the program: an implicit declaration with the libc prototype, visible
    // only through this builtin (as gcc's), imported at link time like any extern function.
    if (builtin_libc_syms_.empty()) builtin_libc_syms_.resize(std::size(kBuiltins), nullptr);
    s = builtin_libc_syms_[index];
    if (!s) {
      s = arena_.make<Symbol>();
      s->kind = Symbol::Func;
      s->storage = StorageClass::Extern;
      s->global = true;
      s->name = s->ir_name = name;
      s->type = proto_type(types_, d.proto);
      s->loc = loc;
      s->ir_id = kNone;
      builtin_libc_syms_[index] = s;
    }
  }
  s->used = true;
  Expr* e = new_expr(ExprKind::FuncRef, s->type, loc);
  e->sym = s;
  return e;
}

Expr* Parser::builtin_node(BuiltinOp op, const CType* type, std::vector<Expr*>& args, SourceLoc loc) {
  Expr* e = new_expr(ExprKind::Builtin, type, loc);
  e->ival = static_cast<int64_t>(op);
  e->args = to_arena(args, &e->nargs);
  return e;
}

// '(' then `want` assignment expressions separated by commas, then ')'.
bool Parser::builtin_args(std::vector<Expr*>* args, size_t want, const char* name, SourceLoc loc) {
  if (!expect(Punct::LParen, "'('")) return false;
  if (!peek().is(Punct::RParen)) {
    for (;;) {
      args->push_back(parse_assign());
      if (!accept(Punct::Comma)) break;
    }
  }
  expect(Punct::RParen, "')'");
  if (want != kAnyCount && args->size() != want) {
    error(loc, "too %s arguments to function '%s'", args->size() < want ? "few" : "many", name);
    return false;
  }
  return true;
}

// __builtin_offsetof(type, member-designator): `a`, then `.b` and `[constant]` steps.
Expr* Parser::builtin_offsetof(SourceLoc loc) {
  const CType* ulong = types_.basic(TypeKind::ULong);
  expect(Punct::LParen, "'('");
  const CType* t = parse_type_name();
  expect(Punct::Comma, "','");
  uint64_t offset = 0;
  bool ok = true, first = true;
  for (;;) {
    if (first || accept(Punct::Dot)) {
      first = false;
      if (peek().kind != TokKind::Identifier) {
        error(peek().loc, "expected a member name");
        ok = false;
        break;
      }
      Token name = advance();
      const Member* m = is_record(t->unqual) ? find_member(t->unqual, name.spelling) : nullptr;
      if (!m) {
        std::string_view n = spelling(name);
        error(name.loc, "'%s' has no member named '%.*s'", type_str(t).c_str(), static_cast<int>(n.size()), n.data());
        ok = false;
        break;
      }
      if (m->is_bitfield) {
        error(name.loc, "cannot apply 'offsetof' to a bit-field");
        ok = false;
        break;
      }
      offset += m->offset;
      t = m->type;
    } else if (peek().is(Punct::LBracket)) {
      SourceLoc bl = advance().loc;
      Expr* i = parse_expr();
      expect(Punct::RBracket, "']'");
      int64_t v;
      if (!is_array(t)) {
        error(bl, "subscripted value is not an array");
        ok = false;
        break;
      }
      if (!is_integer(i->type) || !eval_int(i, &v)) {
        error(i->loc, "a non-constant array index in '__builtin_offsetof' is not supported");
        ok = false;
        break;
      }
      offset += static_cast<uint64_t>(v) * t->base->size;
      t = t->base;
    } else {
      break;
    }
  }
  if (!ok)
    while (!peek().is(Punct::RParen) && !peek().is(Punct::Semi) && peek().kind != TokKind::Eof) advance();
  expect(Punct::RParen, "')'");
  return int_lit(static_cast<int64_t>(offset), ulong, loc);
}

static bool types_compatible(const CType* a, const CType* b) {
  a = a->unqual;
  b = b->unqual;
  if (a == b) return true;
  if (is_array(a) && is_array(b))
    return (a->length < 0 || b->length < 0 || a->length == b->length) && types_compatible(a->base, b->base) &&
           a->base->quals == b->base->quals;
  return false;
}

Expr* Parser::parse_builtin(const Token& t) {
  std::string_view name = spelling(t);
  if (name.substr(0, 9) == "__atomic_" || name.substr(0, 7) == "__sync_") return parse_atomic_builtin(t);
  if (name.substr(0, kPrefix.size()) != kPrefix) return nullptr;
  if (builtin_index_.empty()) {
    for (size_t i = 0; i < std::size(kBuiltins); i++) {
      NameId n = names_.intern(kBuiltins[i].name);
      if (n >= builtin_index_.size()) builtin_index_.resize(n + 1, 0);
      builtin_index_[n] = static_cast<uint16_t>(i + 1);
    }
  }
  name = spelling(t);  // interning may have moved the interner's storage
  uint32_t index = t.spelling < builtin_index_.size() ? builtin_index_[t.spelling] : 0;
  SourceLoc loc = t.loc;
  std::string cname(name);
  if (index == 0) {
    error(loc, "builtin '%s' is not supported", cname.c_str());
    if (accept(Punct::LParen)) {  // skip the arguments so that one error is reported
      int depth = 1;
      while (depth > 0 && peek().kind != TokKind::Eof) {
        if (peek().is(Punct::LParen)) depth++;
        else if (peek().is(Punct::RParen)) depth--;
        advance();
      }
    }
    return int_lit(0, types_.int_t(), loc);
  }
  const BuiltinDef& d = kBuiltins[index - 1];
  const CType* int_t = types_.int_t();
  Expr* zero = int_lit(0, int_t, loc);
  std::vector<Expr*> args;
  switch (d.form) {
    case Form::Libc: return builtin_libc_ref(index - 1, loc);
    case Form::Offsetof: return builtin_offsetof(loc);
    case Form::TypesCompatible: {
      expect(Punct::LParen, "'('");
      const CType* a = parse_type_name();
      expect(Punct::Comma, "','");
      const CType* b = parse_type_name();
      expect(Punct::RParen, "')'");
      return int_lit(types_compatible(a, b), int_t, loc);
    }
    case Form::Expect: {
      bool prob = d.name[kPrefix.size() + 6] == '_';
      if (!builtin_args(&args, prob ? 3 : 2, cname.c_str(), loc)) return zero;
      Expr* v = decay(args[0]);
      if (!is_integer(v->type) && !is_ptr(v->type)) {
        error(v->loc, "argument 1 of '%s' must be an integer", cname.c_str());
        return zero;
      }
      Expr* r = convert(v, types_.basic(TypeKind::Long));
      int64_t ignored;
      Expr* expected = decay(args[1]);
      if (is_integer(expected->type) && eval_int(expected, &ignored)) return r;
      return binary(Punct::Comma, expected, r, loc);  // evaluated, as gcc does
    }
    case Form::Trap:
      if (!builtin_args(&args, 0, cname.c_str(), loc)) return zero;
      return builtin_node(BuiltinOp::Trap, types_.void_t(), args, loc);
    case Form::ConstantP: {
      // gcc at -O0: 1 for integer constant expressions, floating and string literals.
      if (!builtin_args(&args, 1, cname.c_str(), loc)) return zero;
      Expr* a = args[0];
      while (a->kind == ExprKind::Cast && is_arith(a->type)) a = a->a;
      int64_t v;
      bool c = (is_integer(a->type) && eval_int(a, &v)) || a->kind == ExprKind::FloatLit || a->kind == ExprKind::StrLit;
      return int_lit(c, int_t, loc);
    }
    case Form::ChooseExpr: {
      if (!builtin_args(&args, 3, cname.c_str(), loc)) return zero;
      int64_t c;
      if (!is_integer(args[0]->type) || !eval_int(args[0], &c)) {
        error(args[0]->loc, "first argument to '__builtin_choose_expr' not a constant");
        return zero;
      }
      return c ? args[1] : args[2];
    }
    case Form::Alloca: {
      if (!builtin_args(&args, 1, cname.c_str(), loc)) return zero;
      args[0] = assign_convert(args[0], types_.basic(TypeKind::ULong), args[0]->loc, "argument passing");
      return builtin_node(BuiltinOp::Alloca, types_.pointer_to(types_.void_t()), args, loc);
    }
    case Form::BitOp: {
      if (!builtin_args(&args, 1, cname.c_str(), loc)) return zero;
      const CType* at = types_.basic(d.type);
      Expr* a = decay(args[0]);
      if (!is_integer(a->type)) {
        error(a->loc, "argument 1 of '%s' must be an integer", cname.c_str());
        return zero;
      }
      a = convert(a, at);
      const CType* rt = d.op == BuiltinOp::Bswap ? at : int_t;
      int64_t v;
      if (eval_int(a, &v)) return int_lit(fold_bit_op(d.op, static_cast<uint64_t>(v), static_cast<unsigned>(at->size)), rt, loc);
      args[0] = a;
      return builtin_node(d.op, rt, args, loc);
    }
    case Form::Inf:
    case Form::Nan: {
      if (!builtin_args(&args, d.form == Form::Nan ? 1 : 0, cname.c_str(), loc)) return zero;
      Expr* e = new_expr(ExprKind::FloatLit, types_.basic(d.type), loc);
      e->fval = HUGE_VALL;
      if (d.form == Form::Nan) {
        Expr* s = args[0];
        if (s->kind != ExprKind::StrLit || s->type->base->size != 1) {
          error(s->loc, "argument of '%s' must be a string literal", cname.c_str());
          return e;
        }
        e->fval = d.type == TypeKind::Float ? nanf(s->str) : d.type == TypeKind::Double ? nan(s->str) : nanl(s->str);
      }
      return e;
    }
    case Form::FpUnary:
    case Form::FpPair:
    case Form::FpCompare:
    case Form::FpClassify: {
      size_t n = d.form == Form::FpUnary ? 1 : d.form == Form::FpClassify ? 6 : 2;
      if (!builtin_args(&args, n, cname.c_str(), loc)) return zero;
      size_t first_fp = d.form == Form::FpClassify ? 5 : 0;
      for (size_t i = 0; i < n; i++) {
        args[i] = decay(args[i]);
        if (i < first_fp) {
          args[i] = assign_convert(args[i], int_t, args[i]->loc, "argument passing");
        } else if (!is_arith(args[i]->type) || (d.form != Form::FpCompare && !is_floating(args[i]->type) && n != 2)) {
          error(args[i]->loc, "non-floating-point argument in call to function '%s'", cname.c_str());
          return zero;
        }
      }
      if (d.form == Form::FpCompare) return convert(binary(d.punct, args[0], args[1], loc), int_t);
      if (d.form == Form::FpPair) {
        const CType* ct = types_.usual_arith(args[0]->type, args[1]->type);
        if (!is_floating(ct)) ct = types_.basic(TypeKind::Double);
        args[0] = convert(args[0], ct);
        args[1] = convert(args[1], ct);
      }
      const Expr* x = args[n - 1];
      if (d.form == Form::FpUnary && x->kind == ExprKind::FloatLit) {
        long double f = x->fval;
        int64_t v = 0;
        switch (d.op) {
          case BuiltinOp::IsNan: v = std::isnan(f); break;
          case BuiltinOp::IsInf: v = std::isinf(f); break;
          case BuiltinOp::IsFinite: v = std::isfinite(f); break;
          case BuiltinOp::IsNormal: v = std::isnormal(static_cast<long double>(x->type->kind == TypeKind::Float ? static_cast<float>(f) : x->type->kind == TypeKind::Double ? static_cast<double>(f) : f)); break;
          case BuiltinOp::IsInfSign: v = std::isinf(f) ? (f < 0 ? -1 : 1) : 0; break;
          default: v = std::signbit(f); break;
        }
        return int_lit(v, int_t, loc);
      }
      return builtin_node(d.form == Form::FpClassify ? BuiltinOp::FpClassify : d.op, int_t, args, loc);
    }
    case Form::Overflow:
    case Form::OverflowTyped: {
      if (!builtin_args(&args, 3, cname.c_str(), loc)) return zero;
      for (int i = 0; i < 3; i++) args[i] = decay(args[i]);
      if (d.form == Form::OverflowTyped) {
        const CType* ot = types_.basic(d.type);
        args[0] = assign_convert(args[0], ot, args[0]->loc, "argument passing");
        args[1] = assign_convert(args[1], ot, args[1]->loc, "argument passing");
        args[2] = assign_convert(args[2], types_.pointer_to(ot), args[2]->loc, "argument passing");
      }
      for (int i = 0; i < 2; i++)
        if (!is_integer(args[i]->type)) {
          error(args[i]->loc, "argument %d in call to function '%s' does not have integral type", i + 1, cname.c_str());
          return zero;
        }
      const CType* rp = args[2]->type;
      if (!is_ptr(rp) || !is_integer(rp->base) || rp->base->unqual->kind == TypeKind::Bool ||
          rp->base->unqual->kind == TypeKind::Enum || (rp->base->quals & kConst)) {
        error(args[2]->loc, "argument 3 in call to function '%s' does not have pointer to integral type", cname.c_str());
        return zero;
      }
      return builtin_node(d.op, types_.basic(TypeKind::Bool), args, loc);
    }
    case Form::Prefetch: {
      // A hint: no code, but the arguments are still evaluated.
      if (!builtin_args(&args, kAnyCount, cname.c_str(), loc)) return zero;
      if (args.empty() || args.size() > 3) {
        error(loc, "wrong number of arguments to function '%s'", cname.c_str());
        return zero;
      }
      Expr* chain = decay(args[0]);
      for (size_t i = 1; i < args.size(); i++) chain = binary(Punct::Comma, chain, args[i], loc);
      Expr* e = new_expr(ExprKind::Cast, types_.void_t(), loc);
      e->a = chain;
      return e;
    }
    case Form::AssumeAligned: {
      if (!builtin_args(&args, kAnyCount, cname.c_str(), loc)) return zero;
      if (args.size() < 2 || args.size() > 3) {
        error(loc, "wrong number of arguments to function '%s'", cname.c_str());
        return zero;
      }
      return assign_convert(args[0], types_.pointer_to(types_.void_t()), args[0]->loc, "argument passing");
    }
    case Form::ClassifyType:
      if (!builtin_args(&args, 1, cname.c_str(), loc)) return zero;
      return int_lit(type_class(decay(args[0])->type), int_t, loc);
  }
  return zero;
}

}  // namespace kite::c

// Predefined macros (x86-64 Linux with glibc, as gcc -std=gnu11 defines those that matter) and
// the built-in macros computed at each use (__FILE__, __LINE__, __COUNTER__, _Pragma, and the
// __has_* operators of #if).
//
// __GNUC__ is 4 and __GNUC_MINOR__ 2 (as tcc and MIR do): glibc's headers then take their GNU
// paths (__attribute__, __asm__ labels, __builtin_va_list, __extension__, __inline, __restrict),
// which Kite's parser supports, rather than their strict-ISO fallbacks; features gcc added
// later (_Float128, __builtin_* newer than 4.2) stay off.
#include <sys/stat.h>

#include <cstdio>
#include <ctime>

#include "pp_impl.h"

namespace kite::c {

namespace {

const char kTarget[] = R"(#define __x86_64__ 1
#define __x86_64 1
#define __amd64__ 1
#define __amd64 1
#define __linux__ 1
#define __linux 1
#define __unix__ 1
#define __unix 1
#define __gnu_linux__ 1
#define __ELF__ 1
#define __LP64__ 1
#define _LP64 1
#define __MMX__ 1
#define __SSE__ 1
#define __ATOMIC_RELAXED 0
#define __ATOMIC_CONSUME 1
#define __ATOMIC_ACQUIRE 2
#define __ATOMIC_RELEASE 3
#define __ATOMIC_ACQ_REL 4
#define __ATOMIC_SEQ_CST 5
#define __GCC_ATOMIC_BOOL_LOCK_FREE 2
#define __GCC_ATOMIC_CHAR_LOCK_FREE 2
#define __GCC_ATOMIC_CHAR16_T_LOCK_FREE 2
#define __GCC_ATOMIC_CHAR32_T_LOCK_FREE 2
#define __GCC_ATOMIC_WCHAR_T_LOCK_FREE 2
#define __GCC_ATOMIC_SHORT_LOCK_FREE 2
#define __GCC_ATOMIC_INT_LOCK_FREE 2
#define __GCC_ATOMIC_LONG_LOCK_FREE 2
#define __GCC_ATOMIC_LLONG_LOCK_FREE 2
#define __GCC_ATOMIC_POINTER_LOCK_FREE 2
#define __GCC_ATOMIC_TEST_AND_SET_TRUEVAL 1
#define __GCC_HAVE_SYNC_COMPARE_AND_SWAP_1 1
#define __GCC_HAVE_SYNC_COMPARE_AND_SWAP_2 1
#define __GCC_HAVE_SYNC_COMPARE_AND_SWAP_4 1
#define __GCC_HAVE_SYNC_COMPARE_AND_SWAP_8 1
#define __SSE2__ 1
#define __SSE_MATH__ 1
#define __SSE2_MATH__ 1
#define __CHAR_BIT__ 8
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG__ 8
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_FLOAT__ 4
#define __SIZEOF_DOUBLE__ 8
#define __SIZEOF_LONG_DOUBLE__ 16
#define __SIZEOF_SIZE_T__ 8
#define __SIZEOF_WCHAR_T__ 4
#define __SIZEOF_WINT_T__ 4
#define __SIZEOF_PTRDIFF_T__ 8
#define __BIGGEST_ALIGNMENT__ 16
#define __ORDER_LITTLE_ENDIAN__ 1234
#define __ORDER_BIG_ENDIAN__ 4321
#define __ORDER_PDP_ENDIAN__ 3412
#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __FLOAT_WORD_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __SCHAR_MAX__ 0x7f
#define __SHRT_MAX__ 0x7fff
#define __INT_MAX__ 0x7fffffff
#define __LONG_MAX__ 0x7fffffffffffffffL
#define __LONG_LONG_MAX__ 0x7fffffffffffffffLL
#define __WCHAR_MAX__ 0x7fffffff
#define __WCHAR_MIN__ (-__WCHAR_MAX__ - 1)
#define __WINT_MAX__ 0xffffffffU
#define __WINT_MIN__ 0U
#define __SIZE_MAX__ 0xffffffffffffffffUL
#define __PTRDIFF_MAX__ 0x7fffffffffffffffL
#define __INTMAX_MAX__ 0x7fffffffffffffffL
#define __UINTMAX_MAX__ 0xffffffffffffffffUL
#define __INTPTR_MAX__ 0x7fffffffffffffffL
#define __UINTPTR_MAX__ 0xffffffffffffffffUL
#define __SIG_ATOMIC_MAX__ 0x7fffffff
#define __SIG_ATOMIC_MIN__ (-__SIG_ATOMIC_MAX__ - 1)
#define __INT8_MAX__ 0x7f
#define __INT16_MAX__ 0x7fff
#define __INT32_MAX__ 0x7fffffff
#define __INT64_MAX__ 0x7fffffffffffffffL
#define __UINT8_MAX__ 0xff
#define __UINT16_MAX__ 0xffff
#define __UINT32_MAX__ 0xffffffffU
#define __UINT64_MAX__ 0xffffffffffffffffUL
#define __SCHAR_WIDTH__ 8
#define __SHRT_WIDTH__ 16
#define __INT_WIDTH__ 32
#define __LONG_WIDTH__ 64
#define __LONG_LONG_WIDTH__ 64
#define __PTRDIFF_WIDTH__ 64
#define __SIZE_WIDTH__ 64
#define __WCHAR_WIDTH__ 32
#define __INTMAX_WIDTH__ 64
#define __INTPTR_WIDTH__ 64
#define __SIZE_TYPE__ long unsigned int
#define __PTRDIFF_TYPE__ long int
#define __WCHAR_TYPE__ int
#define __WINT_TYPE__ unsigned int
#define __INTMAX_TYPE__ long int
#define __UINTMAX_TYPE__ long unsigned int
#define __CHAR16_TYPE__ short unsigned int
#define __CHAR32_TYPE__ unsigned int
#define __SIG_ATOMIC_TYPE__ int
#define __INT8_TYPE__ signed char
#define __INT16_TYPE__ short int
#define __INT32_TYPE__ int
#define __INT64_TYPE__ long int
#define __UINT8_TYPE__ unsigned char
#define __UINT16_TYPE__ short unsigned int
#define __UINT32_TYPE__ unsigned int
#define __UINT64_TYPE__ long unsigned int
#define __INT_LEAST8_TYPE__ signed char
#define __INT_LEAST16_TYPE__ short int
#define __INT_LEAST32_TYPE__ int
#define __INT_LEAST64_TYPE__ long int
#define __UINT_LEAST8_TYPE__ unsigned char
#define __UINT_LEAST16_TYPE__ short unsigned int
#define __UINT_LEAST32_TYPE__ unsigned int
#define __UINT_LEAST64_TYPE__ long unsigned int
#define __INT_FAST8_TYPE__ signed char
#define __INT_FAST16_TYPE__ long int
#define __INT_FAST32_TYPE__ long int
#define __INT_FAST64_TYPE__ long int
#define __UINT_FAST8_TYPE__ unsigned char
#define __UINT_FAST16_TYPE__ long unsigned int
#define __UINT_FAST32_TYPE__ long unsigned int
#define __UINT_FAST64_TYPE__ long unsigned int
#define __INTPTR_TYPE__ long int
#define __UINTPTR_TYPE__ long unsigned int
#define __INT8_C(c) c
#define __INT16_C(c) c
#define __INT32_C(c) c
#define __INT64_C(c) c ## L
#define __UINT8_C(c) c
#define __UINT16_C(c) c
#define __UINT32_C(c) c ## U
#define __UINT64_C(c) c ## UL
#define __INTMAX_C(c) c ## L
#define __UINTMAX_C(c) c ## UL
#define __FLT_EVAL_METHOD__ 0
#define __FLT_EVAL_METHOD_TS_18661_3__ 0
#define __FLT_RADIX__ 2
#define __FLT_MANT_DIG__ 24
#define __FLT_DIG__ 6
#define __FLT_MIN_EXP__ (-125)
#define __FLT_MIN_10_EXP__ (-37)
#define __FLT_MAX_EXP__ 128
#define __FLT_MAX_10_EXP__ 38
#define __FLT_DECIMAL_DIG__ 9
#define __FLT_MAX__ 3.40282346638528859811704183484516925e+38F
#define __FLT_MIN__ 1.17549435082228750796873653722224568e-38F
#define __FLT_EPSILON__ 1.19209289550781250000000000000000000e-7F
#define __FLT_DENORM_MIN__ 1.40129846432481707092372958328991613e-45F
#define __FLT_HAS_DENORM__ 1
#define __FLT_HAS_INFINITY__ 1
#define __FLT_HAS_QUIET_NAN__ 1
#define __DBL_MANT_DIG__ 53
#define __DBL_DIG__ 15
#define __DBL_MIN_EXP__ (-1021)
#define __DBL_MIN_10_EXP__ (-307)
#define __DBL_MAX_EXP__ 1024
#define __DBL_MAX_10_EXP__ 308
#define __DBL_DECIMAL_DIG__ 17
#define __DBL_MAX__ ((double)1.79769313486231570814527423731704357e+308L)
#define __DBL_MIN__ ((double)2.22507385850720138309023271733240406e-308L)
#define __DBL_EPSILON__ ((double)2.22044604925031308084726333618164062e-16L)
#define __DBL_DENORM_MIN__ ((double)4.94065645841246544176568792868221372e-324L)
#define __DBL_HAS_DENORM__ 1
#define __DBL_HAS_INFINITY__ 1
#define __DBL_HAS_QUIET_NAN__ 1
#define __LDBL_MANT_DIG__ 64
#define __LDBL_DIG__ 18
#define __LDBL_MIN_EXP__ (-16381)
#define __LDBL_MIN_10_EXP__ (-4931)
#define __LDBL_MAX_EXP__ 16384
#define __LDBL_MAX_10_EXP__ 4932
#define __LDBL_DECIMAL_DIG__ 21
#define __DECIMAL_DIG__ 21
#define __LDBL_MAX__ 1.18973149535723176502126385303097021e+4932L
#define __LDBL_MIN__ 3.36210314311209350626267781732175260e-4932L
#define __LDBL_EPSILON__ 1.08420217248550443400745280086994171e-19L
#define __LDBL_DENORM_MIN__ 3.64519953188247460252840593361941982e-4951L
#define __LDBL_HAS_DENORM__ 1
#define __LDBL_HAS_INFINITY__ 1
#define __LDBL_HAS_QUIET_NAN__ 1
#define __USER_LABEL_PREFIX__
#define __REGISTER_PREFIX__
#define __NO_INLINE__ 1
#define __GNUC__ 4
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 1
#define __VERSION__ "4.2.1 Compatible Kite"
#define __kite__ 1
#define __STDC__ 1
#define __STDC_HOSTED__ 1
#define __STDC_UTF_16__ 1
#define __STDC_UTF_32__ 1
#define __STDC_IEC_559__ 1
#define __STDC_ISO_10646__ 201706L
#define __STDC_NO_COMPLEX__ 1
#define __STDC_NO_THREADS__ 1
)";

}  // namespace

std::string predefined_macros_text(const CompileOptions& opts) {
  std::string s = kTarget;
  const char* version = opts.standard >= 2017 ? "201710L" : opts.standard >= 2011 ? "201112L" : "199901L";
  s += "#define __STDC_VERSION__ ";
  s += version;
  s += '\n';
  s += opts.gnu89_inline ? "#define __GNUC_GNU_INLINE__ 1\n" : "#define __GNUC_STDC_INLINE__ 1\n";
  if (opts.gnu)
    s += "#define linux 1\n#define unix 1\n";
  else
    s += "#define __STRICT_ANSI__ 1\n";
  return s;
}

void Preprocessor::Impl::define_builtins() {
  static const struct {
    const char* name;
    Builtin kind;
  } kBuiltins[] = {
      {"__FILE__", Builtin::File},
      {"__LINE__", Builtin::Line},
      {"__COUNTER__", Builtin::Counter},
      {"__INCLUDE_LEVEL__", Builtin::IncludeLevel},
      {"__BASE_FILE__", Builtin::BaseFile},
      {"__DATE__", Builtin::Date},
      {"__TIME__", Builtin::Time},
      {"__TIMESTAMP__", Builtin::Timestamp},
      {"_Pragma", Builtin::Pragma},
      {"__has_include", Builtin::HasInclude},
      {"__has_include_next", Builtin::HasIncludeNext},
      {"__has_attribute", Builtin::HasAttribute},
      {"__has_c_attribute", Builtin::HasAttribute},
      {"__has_cpp_attribute", Builtin::HasAttribute},
      {"__has_builtin", Builtin::HasBuiltin},
      {"__has_feature", Builtin::HasFeature},
      {"__has_extension", Builtin::HasFeature},
      {"__has_warning", Builtin::HasFeature},
      {"defined", Builtin::Defined},
  };
  for (const auto& b : kBuiltins) {
    NameId n = names.intern(b.name);
    Macro& m = macro_slot(n);
    m.name = n;
    m.defined = true;
    m.builtin = b.kind;
  }
}

namespace {

void append_quoted(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

// A built-in macro at `t`: pushes its result and returns true, or returns false when `t` stays
// an identifier (the #if-only operators outside #if).
bool Preprocessor::Impl::builtin(const Token& t, Macro& m) {
  Token r;
  r.flags = static_cast<uint8_t>(t.flags | kFromMacro);
  r.loc = t.loc;
  r.expansion = t.expansion;
  char buf[32];
  switch (m.builtin) {
    case Builtin::None: return false;
    case Builtin::File:
      scratch.clear();
      append_quoted(&scratch, sources.locate(t.loc).file);
      r.kind = TokKind::String;
      r.spelling = names.intern(scratch);
      break;
    case Builtin::BaseFile:
      scratch.clear();
      append_quoted(&scratch, base_file);
      r.kind = TokKind::String;
      r.spelling = names.intern(scratch);
      break;
    case Builtin::Line:
    case Builtin::Counter:
    case Builtin::IncludeLevel: {
      uint32_t v = m.builtin == Builtin::Line      ? sources.locate(t.loc).line
                   : m.builtin == Builtin::Counter ? counter++
                   : files.empty()                 ? 0
                                                   : files.back().include_level;
      snprintf(buf, sizeof buf, "%u", v);
      r.kind = TokKind::Number;
      r.spelling = names.intern(buf);
      break;
    }
    case Builtin::Date:
    case Builtin::Time:
      r.kind = TokKind::String;
      r.spelling = names.intern(m.builtin == Builtin::Date ? date_text : time_text);
      break;
    case Builtin::Timestamp: {
      // gcc's: the current source file's last modification, as ctime() writes it.
      struct stat st;
      struct tm tm;
      scratch = "\"??? ??? ?? ??:??:?? ????\"";  // an in-memory buffer, or no such file
      std::string path(sources.locate(t.loc).file);
      if (stat(path.c_str(), &st) == 0 && localtime_r(&st.st_mtime, &tm)) {
        char when[64];
        if (strftime(when, sizeof when, "\"%a %b %e %H:%M:%S %Y\"", &tm)) scratch = when;
      }
      r.kind = TokKind::String;
      r.spelling = names.intern(scratch);
      break;
    }
    case Builtin::Pragma: {
      // _Pragma("...") is a #pragma: "once" and "pack(...)" work, the rest gives no tokens.
      Token a = lex(), s = a, b = a;
      if (a.is(Punct::LParen)) s = lex();
      if (s.kind == TokKind::String) b = lex();
      if (!a.is(Punct::LParen) || s.kind != TokKind::String || !b.is(Punct::RParen)) {
        error(t, "_Pragma takes a parenthesized string literal");
        if (b.kind == TokKind::Eof) pending.push_back(b);
        return true;
      }
      pragma_operator(t, s);
      return true;
    }
    case Builtin::Defined: {
      if (!in_if) return false;
      Token a = lex();
      bool paren = a.is(Punct::LParen);
      Token n = paren ? lex() : a;
      if (n.kind != TokKind::Identifier) {
        error(t, "operator \"defined\" requires an identifier");
        if (n.kind == TokKind::Eof) pending.push_back(n);
        return true;
      }
      if (paren) {
        Token c = lex();
        if (!c.is(Punct::RParen)) {
          error(t, "missing ')' after \"defined\"");
          pending.push_back(c);
        }
      }
      r.kind = TokKind::Number;
      r.spelling = names.intern(find_macro(n.spelling) ? "1" : "0");
      break;
    }
    case Builtin::HasInclude:
    case Builtin::HasIncludeNext:
    case Builtin::HasAttribute:
    case Builtin::HasBuiltin:
    case Builtin::HasFeature: {
      if (!in_if) return false;
      Token a = lex();
      if (!a.is(Punct::LParen)) {
        error(t, "missing '(' after \"%s\"", std::string(names.str(t.spelling)).c_str());
        pending.push_back(a);
        return true;
      }
      bool value = false;
      if (m.builtin == Builtin::HasInclude || m.builtin == Builtin::HasIncludeNext) {
        Token h = lex();
        std::string name;
        bool angled = false;
        bool expanded = false;  // __has_include(MACRO): the macro's expansion names the header
        if (h.kind == TokKind::Identifier && find_macro(h.spelling)) {
          pending.push_back(h);
          h = expand_next();
          expanded = true;
        }
        if (h.kind == TokKind::String) {
          std::string_view s = names.str(h.spelling);  // "x.h", or <x.h> from eval_if's reader
          angled = s[0] == '<';
          name = std::string(s.substr(1, s.size() - 2));
        } else if (h.is(Punct::Lt)) {
          angled = true;
          for (Token x = expanded ? expand_next() : lex(); !x.is(Punct::Gt); x = expanded ? expand_next() : lex()) {
            if (x.kind == TokKind::Eof) {
              pending.push_back(x);
              break;
            }
            name.append(spelling(x));
          }
        } else {
          error(t, "operator \"%s\" requires a header name", std::string(names.str(t.spelling)).c_str());
          pending.push_back(h);
        }
        std::string path;
        uint32_t index;
        value = !name.empty() && !files.empty() &&
                find_include(name, angled, m.builtin == Builtin::HasIncludeNext && files.size() > 1, &path, &index);
      }
      // The argument of the others is skipped: Kite claims no attributes, builtins or
      // features through them yet, so code takes its portable paths.
      for (uint32_t level = 1;;) {
        Token x = lex();
        if (x.kind == TokKind::Eof) {
          error(t, "missing ')' after \"%s\"", std::string(names.str(t.spelling)).c_str());
          pending.push_back(x);
          break;
        }
        if (x.is(Punct::LParen)) level++;
        if (x.is(Punct::RParen) && --level == 0) break;
      }
      r.kind = TokKind::Number;
      r.spelling = names.intern(value ? "1" : "0");
      break;
    }
  }
  pending.push_back(r);
  return true;
}

}  // namespace kite::c

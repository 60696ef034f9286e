// The C preprocessor: macro expansion (the C11 6.10.3.5 examples with the standard's own
// expected output), conditionals, includes with #pragma once and guard detection, #line,
// diagnostics with their locations and notes, and the limits that keep hostile input bounded.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include "c/lexer.h"
#include "c/preprocess.h"

namespace kite::c {
namespace {

struct Result {
  std::string tokens;  // the output's spellings, one space apart
  std::string diags;   // every diagnostic, one a line
  uint32_t num_files = 0;
  bool ok = false;
};

std::string spell(const Interner& names, const Token& t) {
  return t.kind == TokKind::Punct ? std::string(punct_text(t.punct)) : std::string(names.str(t.spelling));
}

Result pp(const std::string& src, CompileOptions opts = {}) {
  Interner names;
  SourceManager sources;
  Diagnostics diags(1000);
  Preprocessor p(sources, names, opts, diags);
  p.enter_main("test.c", src);
  Result r;
  for (size_t n = 0; n < 10000000; n++) {
    Token t = p.next();
    if (t.kind == TokKind::Eof) break;
    if (!r.tokens.empty()) r.tokens += ' ';
    r.tokens += spell(names, t);
  }
  for (const Diagnostic& d : diags.list()) r.diags += Diagnostics::format(d) + "\n";
  r.num_files = sources.num_files();
  r.ok = !diags.has_errors();
  return r;
}

// The tokens of `text` as written, without preprocessing: the expected side of a comparison.
std::string lex_only(const std::string& text) {
  Interner names;
  SourceManager sources;
  Diagnostics diags;
  uint32_t id = sources.add_file("expected", text, SourceLoc{kNoFile, 0}, false);
  Lexer lx(sources, id, names, diags);
  std::string out;
  for (Token t = lx.next(); t.kind != TokKind::Eof; t = lx.next()) {
    if (!out.empty()) out += ' ';
    out += spell(names, t);
  }
  return out;
}

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/kite_pp_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { (void)!system(("rm -rf '" + path + "'").c_str()); }
  std::string write(const std::string& name, const std::string& text) const {
    std::string p = path + "/" + name;
    std::ofstream(p) << text;
    return p;
  }
};

TEST(CPreprocess, StandardExample3) {
  Result r = pp(R"(#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
)");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, lex_only(R"(f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
int i[] = { 1, 23, 4, 5, };
char c[2][6] = { "hello", "" };)"));
}

TEST(CPreprocess, StandardExample4) {
  Result r = pp(R"(#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\0d", "abc", '\4') // this goes away
 == 0) str(: @\n), s);
xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
)");
  EXPECT_EQ(r.tokens, lex_only(R"(printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
fputs("strncmp(\"abc\\0d\", \"abc\", '\\4') == 0" ": @\n", s);
"vers2.h"
"hello";
"hello" ", world")"));
}

TEST(CPreprocess, StandardExample5Placemarkers) {
  Result r = pp(R"(#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };
)");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, lex_only("int j[] = { 123, 45, 67, 89, 10, 11, 12, };"));
}

TEST(CPreprocess, StandardExample7Variadic) {
  Result r = pp(R"(#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test): printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
)");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, lex_only(R"(fprintf(stderr, "Flag");
fprintf(stderr, "X = %d\n", x);
puts("The first, second, and third items.");
((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));)"));
}

TEST(CPreprocess, GnuCommaAndNamedVariadic) {
  Result r = pp(R"(#define e(fmt, ...) f(fmt, ##__VA_ARGS__)
#define g(a, args...) h(a, args)
#define k(args...) m(0, ## args)
e(1) e(1, 2, 3) g(1, 2, 3) k() k(4)
)");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, lex_only("f(1) f(1, 2, 3) h(1, 2, 3) m(0) m(0, 4)"));
}

TEST(CPreprocess, RecursionStops) {
  Result r = pp(R"(#define foo foo
#define a b
#define b a
#define f(x) x * g
#define g(x) f(x)
#define AA BB
#define BB AA + 1
foo a b f(2)(9) AA
)");
  EXPECT_TRUE(r.ok) << r.diags;
  // f(2)(9): the second f is not in the hide set of the tokens that call it (gcc agrees).
  EXPECT_EQ(r.tokens, "foo a b 2 * 9 * g AA + 1");
}

TEST(CPreprocess, StringizeAndPaste) {
  Result r = pp(R"(#define s(x) #x
#define cat(a, b) a ## b
#define xcat(a, b) cat(a, b)
s(  a   "q\n"  'c'  ) s(x+y) cat(x, 1) cat(+, =) cat(<<, =) cat(., 5) xcat(__LINE__, L)
)");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, R"("a \"q\\n\" 'c'" "x+y" x1 += <<= .5 4L)");
  Result bad = pp("#define cat(a, b) a ## b\ncat(+, -)\n");
  EXPECT_NE(bad.diags.find("test.c:2:1: error: pasting \"+\" and \"-\" does not give a valid preprocessing token"),
            std::string::npos)
      << bad.diags;
}

TEST(CPreprocess, Conditionals) {
  Result r = pp(R"(#if -1 > 0u
unsigned_ok
#endif
#if (2 + 3) * 4 == 20 && 7 / 2 == 3 && -7 % 3 == -1 && (1 << 62) > 0 && ~0 == -1
arith_ok
#endif
#if 0 && (1 / 0)
#elif 1 || 1 / 0
short_circuit_ok
#endif
#if 0 ? 1 / 0 : 2
ternary_ok
#endif
#define X
#if defined(X) && defined X && !defined(Y) && 'A' == 65 && '\377' < 0 && 0x10 == 16 && 010 == 8
defined_ok
#else
wrong
#endif
#ifdef Y
wrong
#elif defined X
elif_ok
#else
wrong
#endif
#if 18446744073709551615 == -1
big_ok
#endif
#if UNDEFINED_NAME == 0
ident_zero_ok
#endif
)");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, "unsigned_ok arith_ok short_circuit_ok ternary_ok defined_ok elif_ok big_ok ident_zero_ok");
  Result div = pp("#if 1 / 0\n#endif\n#if 2 % (1 - 1)\n#endif\n");
  EXPECT_EQ(div.diags,
            "test.c:1:7: error: division by zero in #if\ntest.c:3:7: error: division by zero in #if\n");
}

TEST(CPreprocess, IncludeOnceAndGuards) {
  TempDir dir;
  dir.write("once.h", "#pragma once\nonce __COUNTER__\n");
  dir.write("guard.h", "/* comment */\n#ifndef GUARD_H\n#define GUARD_H\nguard __INCLUDE_LEVEL__\n#endif\n");
  dir.write("noguard.h", "#ifndef NG_H\n#define NG_H\nng\n#endif\nafter\n");
  CompileOptions opts;
  opts.include_dirs.push_back(dir.path);
  Result r = pp(R"(#include "once.h"
#include "once.h"
#include <once.h>
#include "guard.h"
#include "guard.h"
#include "guard.h"
#include "noguard.h"
#include "noguard.h"
#if __has_include(<guard.h>) && !__has_include("missing.h")
has_include_ok
#endif
)",
                opts);
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, "once 0 guard 1 ng after after has_include_ok");
  // Files: <built-in>, test.c, once.h once, guard.h once (guard detected), noguard.h twice
  // (text after its #endif means it is no guarded file).
  EXPECT_EQ(r.num_files, 2u + 1u + 1u + 2u);
  // An #undef of the guard macro makes the header count again.
  Result again = pp("#include \"guard.h\"\n#undef GUARD_H\n#include \"guard.h\"\n", opts);
  EXPECT_EQ(again.tokens, "guard 1 guard 1");
  // #pragma once knows the file by identity, whatever the path's spelling; __has_include
  // takes a macro that expands to a header name.
  std::string base = dir.path.substr(dir.path.rfind('/') + 1);
  opts.include_dirs.push_back(dir.path + "/..");
  Result spellings = pp("#include \"once.h\"\n#include \"./once.h\"\n#include \"" + base + "/once.h\"\n"
                        "#define H \"once.h\"\n#define MISSING <missing.h>\n#if __has_include(H) && !__has_include(MISSING)\nmacro_ok\n#endif\n",
                        opts);
  EXPECT_TRUE(spellings.ok) << spellings.diags;
  EXPECT_EQ(spellings.tokens, "once 0 macro_ok");
}

TEST(CPreprocess, MacroExpandedIncludeAndIncludeNext) {
  TempDir dir;
  std::string a = dir.path + "/a", b = dir.path + "/b";
  mkdir(a.c_str(), 0700);
  mkdir(b.c_str(), 0700);
  dir.write("a/x.h", "from_a\n#include_next <x.h>\n");
  dir.write("b/x.h", "from_b\n");
  CompileOptions opts;
  opts.include_dirs = {a, b};
  Result r = pp("#define HDR <x.h>\n#define Q \"x.h\"\n#include HDR\n#include Q\n", opts);
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, "from_a from_b from_a from_b");
}

TEST(CPreprocess, LineDirectiveAndBuiltins) {
  Result r = pp(R"(__LINE__ __FILE__
#line 100 "foo.c"
__LINE__ __FILE__
# 7 "bar.c"
__LINE__
#define F(a, b) a b __LINE__
F(x,
  __LINE__
)
__COUNTER__ __COUNTER__ __INCLUDE_LEVEL__ __BASE_FILE__
#error here
)");
  EXPECT_EQ(r.tokens, R"(1 "test.c" 100 "foo.c" 7 x 10 9 0 1 0 "test.c")");
  EXPECT_EQ(r.diags, "bar.c:13:2: error: #error here\n");
}

TEST(CPreprocess, PragmasAndIgnoredDirectives) {
  Result r = pp(R"x(#pragma GCC system_header
#ident "x"
#sccs "y"
#
a _Pragma("GCC diagnostic push") b
#define P _Pragma("message(\"x\")") c
P
)x");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, "a b c");
}

TEST(CPreprocess, ErrorsWithLocations) {
  Result r = pp("#if 1\nx\n");
  EXPECT_EQ(r.diags, "test.c:1:1: error: unterminated conditional directive\n");
  EXPECT_EQ(r.tokens, "x");
  r = pp("#foo bar\ny\n#else\n#endif\n#error stop  here  now\nz\n");
  EXPECT_EQ(r.diags,
            "test.c:1:2: error: invalid preprocessing directive #foo\n"
            "test.c:3:2: error: #else without #if\n"
            "test.c:4:2: error: #endif without #if\n"
            "test.c:5:2: error: #error stop here now\n");
  EXPECT_EQ(r.tokens, "y z");  // it goes on after errors
  r = pp("#warning careful\n");
  EXPECT_EQ(r.diags, "test.c:1:2: warning: #warning careful\n");
  EXPECT_TRUE(r.ok);
  r = pp("#define f(a, b) a\nf(1)\nf(1, 2, 3)\nf(\n");
  EXPECT_EQ(r.tokens, "f f f");  // like gcc: the name stays, the arguments go
  EXPECT_EQ(r.diags,
            "test.c:2:1: error: macro \"f\" requires 2 arguments, but only 1 given\n"
            "test.c:3:1: error: macro \"f\" passed 3 arguments, but takes just 2\n"
            "test.c:4:1: error: unterminated argument list invoking macro \"f\"\n");
}

TEST(CPreprocess, IncludeNotFoundInHeaderHasNotes) {
  TempDir dir;
  dir.write("inner.h", "\n#include <no_such_header_kite.h>\n");
  dir.write("outer.h", "#include \"inner.h\"\n");
  CompileOptions opts;
  opts.include_dirs.push_back(dir.path);
  Result r = pp("int a;\n#include \"outer.h\"\n", opts);
  EXPECT_EQ(r.diags, dir.path + "/inner.h:2:2: error: 'no_such_header_kite.h' file not found\n" + dir.path +
                         "/outer.h:1:2: note: in file included from " + dir.path + "/outer.h:1\n" +
                         "test.c:2:2: note: in file included from test.c:2\n");
}

TEST(CPreprocess, MacroNoteOnErrorsFromExpansions) {
  Result r = pp("#define BAD (1 / 0)\n#if BAD\n#endif\n");
  EXPECT_EQ(r.diags,
            "test.c:2:5: error: division by zero in #if\n"
            "test.c:1:9: note: in expansion of macro 'BAD'\n");
}

TEST(CPreprocess, DeepParenthesesGiveACleanError) {
  std::string src = "#if " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\nyes\n#endif\nafter\n";
  Result r = pp(src);
  EXPECT_NE(r.diags.find("error: #if expression nested too deeply"), std::string::npos) << r.diags;
  EXPECT_EQ(r.tokens, "after");
  std::string unary = "#if " + std::string(10000, '~') + "1\n#endif\n";
  EXPECT_NE(pp(unary).diags.find("nested too deeply"), std::string::npos);
}

TEST(CPreprocess, TenThousandNestedIfs) {
  std::string src;
  for (int i = 0; i < 10000; i++) src += i % 2 ? "#ifdef __STDC__\n" : "#if 1\n";
  src += "deep\n";
  for (int i = 0; i < 10000; i++) src += "#endif\n";
  src += "#if 0\n";
  for (int i = 0; i < 10000; i++) src += "#if 1\n";
  for (int i = 0; i < 10000; i++) src += "#endif\n";
  src += "#else\nskipped_ok\n#endif\n";
  Result r = pp(src);
  EXPECT_TRUE(r.ok) << r.diags.substr(0, 500);
  EXPECT_EQ(r.tokens, "deep skipped_ok");
}

TEST(CPreprocess, SelfIncludeStopsAtTheDepthLimit) {
  TempDir dir;
  std::string self = dir.write("self.h", "x\n#include \"self.h\"\n");
  Result r = pp("#include \"" + self + "\"\nend\n");
  EXPECT_NE(r.diags.find("error: #include nested depth 200 exceeds maximum of 200"), std::string::npos)
      << r.diags.substr(0, 500);
  EXPECT_EQ(r.num_files, 2u + 199u);
  EXPECT_EQ(r.tokens.substr(r.tokens.size() - 5), "x end");
}

TEST(CPreprocess, ExponentialMacroIsBounded) {
  std::string src = "#define A0 x\n";
  for (int i = 1; i <= 40; i++)
    src += "#define A" + std::to_string(i) + " A" + std::to_string(i - 1) + " A" + std::to_string(i - 1) + "\n";
  src += "A40\nafter\n";
  Interner names;
  SourceManager sources;
  Diagnostics diags;
  CompileOptions opts;
  Preprocessor p(sources, names, opts, diags);
  p.enter_main("test.c", src);
  size_t n = 0;
  bool saw_after = false;
  for (Token t = p.next(); t.kind != TokKind::Eof; t = p.next()) {
    n++;
    saw_after |= t.kind == TokKind::Identifier && names.str(t.spelling) == "after";
  }
  ASSERT_TRUE(diags.has_errors());
  EXPECT_NE(diags.list()[0].message.find("macro expansion too large"), std::string::npos);
  EXPECT_LT(n, size_t(1) << 23);
  EXPECT_TRUE(saw_after);
}

TEST(CPreprocess, DeepArgumentNestingIsBounded) {
  std::string src = "#define f(x) x\n";
  for (int i = 0; i < 5000; i++) src += "f(";
  src += "1";
  for (int i = 0; i < 5000; i++) src += ")";
  src += "\n";
  Result r = pp(src);
  EXPECT_NE(r.diags.find("macro arguments nested too deeply"), std::string::npos) << r.diags.substr(0, 300);
}

TEST(CPreprocess, SystemHeadersPreprocessCleanly) {
  Result r = pp(R"(#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <float.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdalign.h>
#include <stdnoreturn.h>
#include <iso646.h>
#include <errno.h>
#include <ctype.h>
#include <time.h>
#include <assert.h>
#include <signal.h>
#include <wchar.h>
#include <inttypes.h>
check INT_MAX LLONG_MIN UINT64_MAX PATH_MAX CHAR_BIT DBL_DIG SIZE_MAX true offsetof(struct s, m)
)");
  EXPECT_TRUE(r.ok) << r.diags.substr(0, 2000);
  size_t at = r.tokens.rfind("check ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(r.tokens.substr(at),
            "check 2147483647 ( - 9223372036854775807LL - 1LL ) ( 18446744073709551615UL ) 4096 8 15 "
            "( 18446744073709551615UL ) 1 __builtin_offsetof ( struct s , m )");
}

}  // namespace
}  // namespace kite::c

namespace kite::c {
namespace {

// -include: files read in order before the main file's first line; a name with a directory
// part is found along the -I path; one found nowhere is an error naming it.
TEST(CPreprocess, ForcedIncludes) {
  TempDir dir;
  dir.write("first.h", "#define ONE 1\nfirst\n");
  dir.write("second.h", "#define TWO ONE + 1\nsecond\n");
  CompileOptions opts;
  opts.include_dirs.push_back(dir.path);
  opts.forced_includes = {"first.h", dir.path + "/second.h"};
  Result r = pp("main TWO\n", opts);
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, "first second main 1 + 1");
  opts.forced_includes = {"no_such_forced_header.h"};
  r = pp("main\n", opts);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.diags.find("cannot find 'no_such_forced_header.h' for -include"), std::string::npos) << r.diags;
}

// A script's #! line opens the main file and is skipped; anywhere else #! is an error.
TEST(CPreprocess, ShebangLine) {
  Result r = pp("#!/usr/bin/env -S kite run -lm\nint x;\n");
  EXPECT_TRUE(r.ok) << r.diags;
  EXPECT_EQ(r.tokens, "int x ;");
  r = pp("int x;\n#!/usr/bin/env kite\n");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.diags.find("invalid preprocessing directive"), std::string::npos) << r.diags;
}

// __TIMESTAMP__ is gcc's: the including source file's modification time as ctime() writes it
// (set here with utime), or question marks for a buffer that is no file.
TEST(CPreprocess, TimestampIsTheFilesModificationTime) {
  EXPECT_EQ(pp("__TIMESTAMP__\n").tokens, "\"??? ??? ?? ??:??:?? ????\"");
  TempDir dir;
  std::string h = dir.write("stamp.h", "__TIMESTAMP__\n");
  struct tm tm = {};
  tm.tm_year = 2001 - 1900, tm.tm_mon = 6, tm.tm_mday = 4, tm.tm_hour = 9, tm.tm_min = 5, tm.tm_sec = 7;
  tm.tm_isdst = -1;
  struct utimbuf times = {mktime(&tm), mktime(&tm)};
  ASSERT_EQ(utime(h.c_str(), &times), 0);
  CompileOptions opts;
  opts.include_dirs.push_back(dir.path);
  EXPECT_EQ(pp("#include \"stamp.h\"\n", opts).tokens, "\"Wed Jul  4 09:05:07 2001\"");
}

}  // namespace
}  // namespace kite::c

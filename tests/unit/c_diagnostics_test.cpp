// The C front end's diagnostics: each error it reports, with its message and line:col, and
// the nesting limit that keeps hostile input off the native stack.
#include <gtest/gtest.h>

#include <string>

#include "kite/c.h"

using namespace kite;

namespace {

// Compiles `src` and returns the first diagnostic as "line:col: message" ("" when clean).
std::string first_error(const std::string& src, bool* compiled = nullptr) {
  Context ctx;
  Diagnostics diags;
  Module* m = c::compile(ctx, "t.c", src, c::CompileOptions{}, diags);
  if (compiled) *compiled = m != nullptr;
  if (diags.list().empty()) return "";
  const Diagnostic& d = diags.list()[0];
  return std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message;
}

struct Case {
  const char* src;
  const char* want;
};

TEST(CDiagnostics, EachMessageWithItsLocation) {
  const Case cases[] = {
      {"int f(void) {\n  return x;\n}\n", "2:10: undeclared identifier 'x'"},
      {"#frob\nint x;\n", "1:2: invalid preprocessing directive #frob"},
      {"int x __attribute__((alias(\"y\")));\n", "1:22: 'x' aliased to undefined symbol 'y'"},
      {"static int f(void) __attribute__((weak));\n", "1:35: weak declaration of 'f' must be public"},
      {"void g(void) { int x __attribute__((weak)); (void)x; }\n", "1:37: weak declaration of 'x' must be public"},
      {"typedef int t __attribute__((weak));\n", "1:30: 'weak' attribute ignored"},
      {"extern int v;\nvoid f(void) __attribute__((alias(\"v\")));\n", "2:29: 'f' aliased to undefined symbol 'v'"},
      {"void f(void) __attribute__((alias(target)));\n", "1:29: alias argument not a string"},
      {"void f(int *);\nstatic int g __attribute__((cleanup(f)));\n", "2:29: 'cleanup' attribute ignored"},
      {"void f(int *);\nvoid g(void) { static int s __attribute__((cleanup(f))); }\n", "2:44: 'cleanup' attribute ignored"},
      {"int n;\nvoid g(void) { int x __attribute__((cleanup(n))); }\n", "2:37: cleanup argument not a function"},
      {"void g(void) { int x __attribute__((cleanup(3))); }\n", "1:37: cleanup argument not an identifier"},
      {"void f(int *);\nvoid g(void) { double d __attribute__((cleanup(f))); }\n",
       "2:40: passing argument 1 of 'f' from incompatible pointer type"},
      {"void f(int *, int);\nvoid g(void) { int x __attribute__((cleanup(f))); }\n",
       "2:37: too few arguments to function call, expected 2, have 1"},
      {"int v __attribute__((constructor));\n", "1:22: 'constructor' attribute ignored"},
      {"int v __attribute__((destructor(200)));\n", "1:22: 'destructor' attribute ignored"},
      {"void f(void) __attribute__((constructor(70000)));\n",
       "1:41: constructor priorities must be integers from 0 to 65535 inclusive"},
      {"_Alignas(3) int x;\n", "1:1: requested alignment is not a positive power of 2"},
      {"typedef int word __attribute__((__mode__(__XF__)));\n", "1:42: mode 'XF' is not supported"},
      {"struct s { int a; };\nint f(void) { struct s v; int *p = v; return 0; }\n",
       "2:36: incompatible types in initialization ('int *' from 'struct s')"},
      {"int f(void) { int a; a = \"s\" * 2; return a; }\n", "1:30: invalid operands to binary '*' ('char *' and 'int')"},
      {"struct s { int a; };\nint f(struct s *p) { return p->b; }\n", "2:32: no member named 'b' in 'struct s'"},
      {"int f(void) { 3 = 4; return 0; }\n", "1:17: expression is not assignable"},
      {"int f(void) { int a; int a; return 0; }\n", "1:26: redefinition of 'a'"},
      {"int g(int);\nint f(void) { return g(1, 2); }\n", "2:23: too many arguments to function call, expected 1, have 2"},
      {"int f(int x) { switch (x) { case 1: case 1: return 0; } return 1; }\n", "1:37: duplicate case value '1'"},
      {"int f(unsigned long long n) {\n  switch (n) { case 1 ... 0x8000000000000000ULL: return 1; case 0x7000000000000000ULL: return 2; }\n"
       "  return 0;\n}\n",
       "2:60: duplicate (or overlapping) case value"},
      {"int g(unsigned long long n) {\n  switch (n) { case 18446744073709551615ULL: return 1; case -1: return 2; }\n  return 0;\n}\n",
       "2:56: duplicate case value '18446744073709551615'"},
      {"int n;\nint a[n];\n", "2:7: an array size is not an integer constant expression"},
      {"int f(void) { __asm__ volatile (\"nop\" ::: \"memory\"); return 0; }\n", "1:15: inline assembly is not supported"},
      {"asm(\".globl y\");\n", "1:1: inline assembly is not supported"},
      {"static _Thread_local int x;\n", "1:8: '_Thread_local' is not supported yet"},
      {"__thread int x;\n", "1:1: '__thread' is not supported yet"},
      {"struct S { int a, b, c; };\n_Atomic struct S s;\n", "2:1: '_Atomic' on type 'struct S' is not supported yet"},
      {"struct S { int a; };\nint f(_Atomic(struct S) *p);\n", "2:7: '_Atomic' on type 'struct S' is not supported yet"},
      {"_Atomic long double x;\n", "1:1: '_Atomic' on type 'long double' is not supported yet"},
      {"typedef int A[2];\n_Atomic A a;\n", "2:1: '_Atomic' applied to an array or function type 'int []'"},
      {"_Atomic(const int) x;\n", "1:1: '_Atomic(const int)' of a qualified type"},
      {"struct S { _Atomic int x : 3; };\n", "1:24: bit-field has atomic type '_Atomic int'"},
      {"struct S { long a[3]; } s;\nvoid f(void) { __atomic_load_n(&s, 5); }\n",
       "2:32: operand type 'struct S *' is incompatible with argument 1 of '__atomic_load_n'"},
      {"double d;\nvoid f(void) { __atomic_fetch_add(&d, 1, 5); }\n",
       "2:35: operand type 'double *' is incompatible with argument 1 of '__atomic_fetch_add'"},
      {"struct S { char c[3]; } s, t;\nvoid f(void) { __atomic_load(&s, &t, 5); }\n",
       "2:30: '__atomic_load' on an object of type 'struct S' is not supported yet"},
      {"const int c;\nint f(void) { return __sync_fetch_and_add(&c, 1); }\n",
       "2:43: argument 1 of '__sync_fetch_and_add' must not be a pointer to a const type"},
      {"double _Complex z;\n", "1:8: '_Complex' is not supported yet"},
      {"int f(void) { __auto_type y = 1; return y; }\n", "1:15: '__auto_type' is not supported yet"},
      {"typedef int T[3];\nconst T x = {1};\nvoid f(void) { x[0] = 2; }\n", "3:21: assignment to a const object"},
      {"int f(int n) { goto in; { int a[n]; in: return a[0]; } }\n",
       "1:16: jump into the scope of an identifier with variably modified type (label 'in')"},
      {"int f(int n) { static int a[n]; return 0; }\n", "1:27: 'a' has static storage and a variably modified type"},
      {"int f(int n) { int a[n] = {1}; return 0; }\n", "1:20: variable-sized object 'a' may not be initialized"},
      {"int f(int n) { struct s { int a[n]; } v; return 0; }\n",
       "1:33: a member of a struct or union cannot have a variably modified type"},
      {"int f(void) { break; return 0; }\n", "1:15: 'break' statement not in a loop or switch statement"},
      {"int f(void) { goto nowhere; return 0; }\n", "1:15: use of undeclared label 'nowhere'"},
      {"struct s;\nstruct s g(void);\nint f(void) { g(); return 0; }\n", "3:16: calling a function with incomplete result type 'struct s'"},
      {"int f(void) { return 1 }\n", "1:24: expected ';' before '}'"},
      {"int f(void) { int *p = 0; return *p + p->x; }\n",
       "1:42: member reference type 'int *' is not a pointer to a struct or union"},
      {"int f(void) { const int c = 1; c = 2; return c; }\n", "1:34: assignment to a const object"},
      {"foo x;\n", "1:1: unknown type name 'foo'"},
      {"int f(a) int b; { return 0; }\n", "1:14: declaration for parameter 'b' but no such parameter"},
      {"int f(a) int a; int a; { return a; }\n", "1:21: redefinition of parameter 'a'"},
      {"int f(a) int a = 1; { return a; }\n", "1:14: parameter 'a' is initialized"},
      {"int f(void) { return 1 / 0 ? 1 : 2; }\nint a[1 / 0];\n", "2:9: division by zero in a constant expression"},
      {"void f(void) { return 1; }\n", "1:16: void function should not return a value"},
      {"int f(int x) { int *p = x; return 0; }\n",
       "1:25: initialization of 'int *' from 'int' makes pointer from integer without a cast"},
      {"int f(double x) { int *p = x; return 0; }\n", "1:28: incompatible types in initialization ('int *' from 'double')"},
      {"int x = 1;\nint y = x;\n", "2:9: initializer element is not a compile-time constant"},
      {"int f(int n) { __builtin_va_list ap; __builtin_va_start(ap, n); return 0; }\n",
       "1:38: 'va_start' used in a function with fixed arguments"},
      {"struct s { int b : 40; };\n", "1:20: invalid bit-field width"},
      {"struct s { int b : 3; };\nint *f(struct s *p) { return &p->b; }\n", "2:30: cannot take the address of a bit-field"},
      {"int f(void) { float f = 1; return f % 2; }\n", "1:37: invalid operands to binary '%' ('float' and 'int')"},
  };
  for (const Case& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}

TEST(CDiagnostics, CleanProgramCompiles) {
  bool ok = false;
  EXPECT_EQ(first_error("int printf(const char *, ...);\nint main(void) { printf(\"hi\\n\"); return 0; }\n", &ok), "");
  EXPECT_TRUE(ok);
}

TEST(CDiagnostics, DeepParenthesesStopCleanly) {
  std::string src = "int f(void) { return ";
  for (int i = 0; i < 10000; i++) src += '(';
  src += '1';
  for (int i = 0; i < 10000; i++) src += ')';
  src += "; }\n";
  bool ok = true;
  std::string e = first_error(src, &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(e.find("nesting too deep"), std::string::npos) << e;
}

TEST(CDiagnostics, DeepBlocksStopCleanly) {
  std::string src = "int f(void) ";
  for (int i = 0; i < 10000; i++) src += '{';
  for (int i = 0; i < 10000; i++) src += '}';
  src += "\n";
  bool ok = true;
  std::string e = first_error(src, &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(e.find("nesting too deep"), std::string::npos) << e;
}

TEST(CDiagnostics, DeepIfsAndUnaryChainsStopCleanly) {
  std::string ifs = "int f(int x) { ";
  for (int i = 0; i < 10000; i++) ifs += "if (x) ";
  ifs += "x = 1; return x; }\n";
  EXPECT_NE(first_error(ifs).find("nesting too deep"), std::string::npos);
  std::string neg = "int f(int x) { return ";
  for (int i = 0; i < 10000; i++) neg += "- ";
  neg += "x; }\n";
  EXPECT_NE(first_error(neg).find("nesting too deep"), std::string::npos);
}

TEST(CDiagnostics, ModerateNestingCompiles) {
  std::string src = "int f(void) { return ";
  for (int i = 0; i < 200; i++) src += '(';
  src += '1';
  for (int i = 0; i < 200; i++) src += ')';
  src += "; }\n";
  bool ok = false;
  EXPECT_EQ(first_error(src, &ok), "");
  EXPECT_TRUE(ok);
}

}  // namespace

namespace {

// Every prefix of a real program, and the program with each byte replaced, must give clean
// diagnostics (or compile): no crash, no assertion, nothing past the limit of nesting.
TEST(CDiagnostics, DamagedProgramsNeverCrash) {
  const std::string program =
      "int printf(const char *, ...);\n"
      "typedef struct node { int v; struct node *next; } node;\n"
      "enum { A, B = 4 };\n"
      "static int tab[] = {1, 2, [5] = 3};\n"
      "const char *names[2] = {\"x\", \"y\"};\n"
      "int f(int (*g)(int), node *n, ...) {\n"
      "  int s = 0; unsigned u = 3u; double d = 1.5e3;\n"
      "  for (node *p = n; p; p = p->next) s += g(p->v) * (int)d;\n"
      "  switch (s) { case A: s++; break; case B: default: s--; }\n"
      "  while (u--) { if (s > 10 && u) continue; s = s ? s << 1 : ~s; }\n"
      "  do { s /= 2; } while (s > 100);\n"
      "  goto end;\n"
      "end:\n"
      "  return sizeof(node) + tab[1] + names[0][0] + (s, u);\n"
      "}\n";
  for (size_t n = 0; n <= program.size(); n++) {
    Context ctx;
    Diagnostics diags;
    c::compile(ctx, "t.c", program.substr(0, n), c::CompileOptions{}, diags);
  }
  const char replacements[] = {'(', ')', '{', '}', ';', '*', 'x', '0', '"', '\'', ',', '['};
  for (size_t i = 0; i < program.size(); i += 3) {
    std::string damaged = program;
    damaged[i] = replacements[i % sizeof replacements];
    Context ctx;
    Diagnostics diags;
    c::compile(ctx, "t.c", damaged, c::CompileOptions{}, diags);
  }
  Context ctx;
  Diagnostics diags;
  EXPECT_NE(c::compile(ctx, "t.c", program, c::CompileOptions{}, diags), nullptr)
      << (diags.list().empty() ? "" : Diagnostics::format(diags.list()[0]));
}

}  // namespace

// C90 forms that gcc -std=gnu11 accepts with a warning: the program compiles, and each warning
// has its place; -w (warnings = false) drops them.
TEST(CDiagnostics, ImplicitIntAndImplicitDeclarationsWarn) {
  const char* src = "f(a) { return a; }\nstatic s;\nint main(void) { return g(1) + f(s); }\n";
  for (bool warnings : {true, false}) {
    Context ctx;
    Diagnostics diags;
    c::CompileOptions opts;
    opts.warnings = warnings;
    ASSERT_NE(c::compile(ctx, "t.c", src, opts, diags), nullptr);
    std::string all;
    for (const Diagnostic& d : diags.list()) {
      EXPECT_EQ(d.severity, Severity::Warning);
      all += std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message + "\n";
    }
    EXPECT_EQ(all, warnings ? "1:1: return type defaults to 'int'\n1:3: type of 'a' defaults to 'int'\n"
                              "2:1: type defaults to 'int' in declaration\n3:25: implicit declaration of function 'g'\n"
                            : "");
  }
}

// `*pv` of a `void *` is a void expression with gcc's warning; using a void value is an error.
TEST(CDiagnostics, VoidExpressions) {
  const Case cases[] = {
      {"void f(void *pv, int i) { i ? *pv : *pv; }\n", "1:31: warning: dereferencing 'void *' pointer\n"
                                                     "1:37: warning: dereferencing 'void *' pointer\n"},
      {"int g(void *pv) { int x = *pv; return x; }\n",
       "1:27: warning: dereferencing 'void *' pointer\n1:27: error: void value not ignored as it ought to be\n"},
      {"void v(void);\nint h(void) { return 1 + v(); }\n", "2:27: error: void value not ignored as it ought to be\n"},
      {"void v(void);\nint h(void) { if (v()) return 1; return -v(); }\n",
       "2:20: error: void value not ignored as it ought to be\n2:43: error: void value not ignored as it ought to be\n"},
      {"void k(void *p) { *p = 1; }\n",
       "1:19: warning: dereferencing 'void *' pointer\n1:19: error: invalid use of void expression\n"},
  };
  for (const Case& c : cases) {
    Context ctx;
    Diagnostics diags;
    c::compile(ctx, "t.c", c.src, c::CompileOptions{}, diags);
    std::string all;
    for (const Diagnostic& d : diags.list())
      all += std::to_string(d.line) + ":" + std::to_string(d.col) + ": " +
             (d.severity == Severity::Warning ? "warning: " : "error: ") + d.message + "\n";
    EXPECT_EQ(all, c.want) << c.src;
  }
}

// A malformed #pragma pack is a warning, as in gcc, and changes nothing.
TEST(CDiagnostics, PragmaPackWarnings) {
  const Case cases[] = {
      {"#pragma pack(3)\nint x;\n", "1:9: alignment must be a small power of two, not 3"},
      {"#pragma pack(pop)\n", "1:9: '#pragma pack (pop)' encountered without matching '#pragma pack (push)'"},
      {"#pragma pack(push, x, 2\n", "1:9: malformed '#pragma pack(push[, id][, <n>])' - ignored"},
      {"#pragma pack(pop, 2)\n", "1:9: malformed '#pragma pack(pop[, id])' - ignored"},
      {"#pragma pack 4\n", "1:9: missing '(' after '#pragma pack' - ignored"},
      {"#pragma pack(frob)\n", "1:14: unknown action 'frob' for '#pragma pack' - ignored"},
      {"#pragma pack(2) x\n", "1:17: junk at end of '#pragma pack'"},
      {"#pragma pack(push, a, 1)\n#pragma pack(pop, b)\n",
       "2:9: '#pragma pack(pop, b)' encountered without matching '#pragma pack(push, b)'"},
      {"_Pragma(\"pack(5)\")\n", "1:1: alignment must be a small power of two, not 5"},
  };
  for (const Case& c : cases) {
    bool compiled = false;
    EXPECT_EQ(first_error(c.src, &compiled), c.want) << c.src;
    EXPECT_TRUE(compiled) << c.src;
  }
}

// GNU builtins (builtins.cpp) and wide literals (literals.cpp).
TEST(CDiagnostics, BuiltinsAndWideLiterals) {
  const Case cases[] = {
      {"int f(void) { return __builtin_frobnicate(1, 2); }\n", "1:22: builtin '__builtin_frobnicate' is not supported"},
      {"int f(void) { return __builtin_frame_address(0) != 0; }\n", "1:22: builtin '__builtin_frame_address' is not supported"},
      {"struct s { int a; };\nint x = __builtin_offsetof(struct s, b);\n", "2:38: 'struct s' has no member named 'b'"},
      {"struct s { int a : 3; };\nint x = __builtin_offsetof(struct s, a);\n", "2:38: cannot apply 'offsetof' to a bit-field"},
      {"struct s { int a[4]; };\nint f(int i) { return __builtin_offsetof(struct s, a[i]); }\n",
       "2:54: a non-constant array index in '__builtin_offsetof' is not supported"},
      {"int f(int i) { return __builtin_choose_expr(i, 1, 2); }\n", "1:45: first argument to '__builtin_choose_expr' not a constant"},
      {"int f(int a, int b) { _Bool r; return __builtin_add_overflow(a, b, &r); }\n",
       "1:68: argument 3 in call to function '__builtin_add_overflow' does not have pointer to integral type"},
      {"int f(double a, int b) { int r; return __builtin_mul_overflow(a, b, &r); }\n",
       "1:63: argument 1 in call to function '__builtin_mul_overflow' does not have integral type"},
      {"int f(int a) { return __builtin_isnan(a); }\n", "1:39: non-floating-point argument in call to function '__builtin_isnan'"},
      {"int f(void) { return __builtin_expect(1); }\n", "1:22: too few arguments to function '__builtin_expect'"},
      {"int f(void) { return __builtin_nan(1) != 0; }\n", "1:36: argument of '__builtin_nan' must be a string literal"},
      {"char s[] = L\"wide\";\n", "1:12: char-array initialized from wide string"},
      {"int w[] = \"narrow\";\n", "1:11: array of inappropriate type initialized from string constant"},
      {"int c = '\\u0041';\n", "1:9: \\u0041 is not a valid universal character"},
      {"const char *s = u\"a\" U\"b\";\n", "1:22: unsupported non-standard concatenation of string literals"},
  };
  for (const Case& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}
// Initializers: the messages gcc gives (excess elements and a string too long are warnings,
// as in gcc: the extra values are dropped).
TEST(CDiagnostics, InitializerErrors) {
  const Case cases[] = {
      {"int a[2] = {1, 2, 3};\n", "1:19: excess elements in array initializer"},
      {"struct s { int x; } v = {1, 2};\n", "1:29: excess elements in struct initializer"},
      {"union u { int i; char c; } w = {1, 2};\n", "1:36: excess elements in union initializer"},
      {"int sc = {1, 2};\n", "1:14: excess elements in scalar initializer"},
      {"int e = {};\n", "1:9: empty scalar initializer"},
      {"struct s { int x; };\nstruct s bad = {.y = 1};\n", "2:18: no member named 'y' in 'struct s'"},
      {"int arr[3] = {[5] = 1};\n", "1:16: array index in initializer exceeds array bounds"},
      {"int x[4] = {[2 ... 1] = 0};\n", "1:14: empty index range in initializer"},
      {"int notarr = {[0] = 1};\n", "1:16: array index in non-array initializer"},
      {"struct s { int x; };\nstruct s nf = {[0] = 1};\n", "2:17: array index in non-array initializer"},
      {"int a[3] = {.x = 1};\n", "1:14: field name not in record or union initializer"},
      {"char str[2] = \"abc\";\n", "1:15: initializer-string for array of 'char' is too long"},
      {"struct s { int x; };\nstruct s fromint = 3;\n", "2:20: invalid initializer"},
      {"struct s { int x; };\nstruct s t = {1, 2, .x = 3, 4};\n", "2:18: excess elements in struct initializer"},
      {"int y;\nint *p = &y + (long)&y;\n", "2:13: initializer element is not a compile-time constant"},
      {"int k[2] = 5;\n", "1:12: array initializer must be an initializer list or a string literal"},
      {"short w[] = \"abc\";\n", "1:13: array of inappropriate type initialized from string constant"},
      {"struct f { int n; int d[]; };\nvoid g(void) { struct f v = {1, {2}}; }\n",
       "2:33: non-static initialization of a flexible array member"},
  };
  for (const Case& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}

TEST(CDiagnostics, DeepInitializerBracesStopCleanly) {
  std::string src = "int x = ";
  for (int i = 0; i < 10000; i++) src += '{';
  src += '1';
  for (int i = 0; i < 10000; i++) src += '}';
  src += ";\n";
  bool ok = true;
  EXPECT_NE(first_error(src, &ok).find("nesting too deep"), std::string::npos);
  EXPECT_FALSE(ok);
}
// Types, layout and the variadic builtins: what cannot be laid out or read is an error.
TEST(CDiagnostics, LayoutAndVarargErrors) {
  const Case cases[] = {
      {"int y __attribute__((aligned(32)));\n", "1:22: attribute 'aligned' above 16 on a variable is not supported yet"},
      {"struct s { int a; } __attribute__((aligned(3)));\n", "1:36: requested alignment is not a positive power of 2"},
      {"int f(int n, ...) { __builtin_va_list ap; __builtin_va_start(ap, n);\n"
       "  return __builtin_va_arg(ap, struct v).a; }\n",
       "2:10: __builtin_va_arg of incomplete type 'struct v'"},
      {"int g(int n, ...) { __builtin_va_list ap; __builtin_va_copy(ap, n); return 0; }\n", "1:65: expected a va_list"},
      {"struct E2 { int q; };\nenum E2 e2;\n", "2:1: use of 'E2' with a tag of a different kind"},
      {"enum E { A };\nenum E { B };\n", "2:1: redeclaration of 'enum E'"},
      {"enum E { A = 1.5 };\n", "1:14: enumerator value for 'A' is not an integer constant"},
      {"struct X x;\nint main(void) { return 0; }\n", "1:10: storage size of 'x' isn't known"},
      {"struct P { int a; };\nstruct P p;\nstatic union U u;\nunion U *pu;\n", "3:16: storage size of 'u' isn't known"},
      {"void f(void) { struct L l; }\nstruct L { int a; };\n", "1:25: variable has incomplete type 'struct L'"},
  };
  for (const Case& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}

// Statement expressions, labels as values, case ranges, _Generic, typeof and _Static_assert.
TEST(CDiagnostics, GnuAndC11ExpressionForms) {
  const Case cases[] = {
      {"_Static_assert(sizeof(int) == 8, \"int is 64 bits\");\n", "1:1: static assertion failed: \"int is 64 bits\""},
      {"struct s { int a; _Static_assert(0, \"in a struct\"); };\n", "1:19: static assertion failed: \"in a struct\""},
      {"int f(void) {\n  _Static_assert(0);\n  return 0;\n}\n", "2:3: static assertion failed"},
      {"int f(int x) { _Static_assert(x, \"m\"); return 0; }\n",
       "1:31: expression in static assertion is not an integer constant expression"},
      {"int f(void) { return _Generic(1.0f, int: 1, double: 2); }\n",
       "1:22: '_Generic' selector of type 'float' is not compatible with any association"},
      {"int f(void) { return _Generic(1, int: 1, int: 2); }\n", "1:42: '_Generic' specifies two compatible types"},
      {"int f(void) { return _Generic(1, default: 1, default: 2); }\n", "1:46: duplicate 'default' case in '_Generic'"},
      {"int x = ({ 1; });\n", "1:9: braced-group within expression allowed only inside a function"},
      {"int f(void) { void *p = &&nowhere; goto *p; }\n", "1:25: use of undeclared label 'nowhere'"},
      {"int f(int x) { goto *x; }\n", "1:22: computed goto needs a pointer, not 'int'"},
      {"void *p = &&l;\n", "1:11: taking the address of a label outside a function"},
      {"int f(int x) { switch (x) { case 1 ... 5: case 3: return 1; } return 0; }\n",
       "1:43: duplicate (or overlapping) case value"},
      {"int f(void) { int v = ({ (void)0; }); return v; }\n", "1:23: void value not ignored as it ought to be"},
      {"struct s { int b : 3; } v;\ntypeof(v.b) w;\n", "2:1: 'typeof' applied to a bit-field"},
      {"int main(void) { int g(int x) { return x; } return g(1); }\n", "1:31: nested function definitions are not supported"},
      {"int f(void) {\n  ({ __label__ out; out: 0; });\n  goto out;\n}\n", "3:3: use of undeclared label 'out'"},
      {"int f(void) { return ({ __label__ a; a: a: 0; }); }\n", "1:41: redefinition of label 'a'"},
      {"int f(void) { __label__ 1; return 0; }\n", "1:25: expected a label name after '__label__'"},
      {"int f(void) {\n  static int t[] = {&&a - &&b};\na:\nb:\n  return 0;\n}\n",
       "2:25: a label difference in a static initializer needs an 8-byte type, not 'int'"},
  };
  for (const Case& c : cases) EXPECT_EQ(first_error(c.src), c.want) << c.src;
}

// An error at a token that came from a macro names the macro (innermost first, where each
// is defined); errors at ordinary tokens get no such note.
TEST(CDiagnostics, ErrorsInMacroExpansionsNoteTheMacro) {
  Context ctx;
  Diagnostics diags;
  std::string src =
      "#define INNER(x) ((x) + undefined_thing)\n"
      "#define OUTER(x) INNER(x)\n"
      "int f(int a) { return OUTER(a); }\n"
      "int g(void) { return missing; }\n";
  EXPECT_EQ(c::compile(ctx, "t.c", src, c::CompileOptions{}, diags), nullptr);
  std::string all;
  for (const Diagnostic& d : diags.list())
    all += std::to_string(d.line) + ":" + std::to_string(d.col) + ": " +
           (d.severity == Severity::Note ? "note: " : "") + d.message + "\n";
  EXPECT_EQ(all,
            "3:23: undeclared identifier 'undefined_thing'\n"
            "1:9: note: in expansion of macro 'INNER'\n"
            "2:9: note: in expansion of macro 'OUTER'\n"
            "4:22: undeclared identifier 'missing'\n");
}

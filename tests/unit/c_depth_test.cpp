// 10,000-deep nesting of each kind the C front end recurses on (c_diagnostics_test.cpp has
// parentheses, blocks, ifs and unary minus): initializer braces, macro chains and nested macro
// calls, includes, casts, ternaries, struct declarations and declarators. Each must compile or
// stop with a located error (the parser's `nesting too deep`, the preprocessor's limits), and
// never overflow the native stack; CI runs this under ASan, whose frames are larger.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kite/c.h"

using namespace kite;
namespace fs = std::filesystem;

namespace {

constexpr int kDeep = 10000;

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; i++) out += s;
  return out;
}

struct Result {
  bool compiled = false;
  std::string first;  // the first error as "file:line:col: message", "" when none
  bool located = false;
};

Result compile(const std::string& src, const c::CompileOptions& opts = {}, const std::string& name = "t.c") {
  Context ctx;
  Diagnostics diags;
  Result r;
  r.compiled = c::compile(ctx, name, src, opts, diags) != nullptr;
  for (const Diagnostic& d : diags.list()) {
    if (d.severity != Severity::Error) continue;
    r.first = d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message;
    r.located = !d.file.empty() && d.line > 0 && d.col > 0;
    break;
  }
  return r;
}

// Compiles, or fails with a located error that mentions `why` (when given).
void expect_clean(const Result& r, const char* why = nullptr) {
  if (r.compiled) return;
  EXPECT_TRUE(r.located) << r.first;
  if (why) {
    EXPECT_NE(r.first.find(why), std::string::npos) << r.first;
  }
}

TEST(CDepth, InitializerBraces) {
  Result scalar = compile("int x = " + repeat("{", kDeep) + "1" + repeat("}", kDeep) + ";\n");
  EXPECT_FALSE(scalar.compiled);
  expect_clean(scalar, "nesting too deep");
  Result array = compile("struct s { int a, b; };\nstruct s v[2] = " + repeat("{", kDeep) + "1" +
                         repeat("}", kDeep) + ";\n");
  EXPECT_FALSE(array.compiled);
  expect_clean(array, "nesting too deep");
  // Deep but meaningful: each level a struct holding the next, braced all the way down.
  std::string nested = "struct n99 { int v; };\n";
  for (int i = 98; i >= 0; i--)
    nested += "struct n" + std::to_string(i) + " { int v; struct n" + std::to_string(i + 1) + " m; };\n";
  Result moderate = compile(nested + "struct n0 x = " + repeat("{1, ", 99) + "{1}" + repeat("}", 99) + ";\n");
  EXPECT_TRUE(moderate.compiled) << moderate.first;
}

TEST(CDepth, MacroChains) {
  // Object-like macros each expanding to the next: rescanned iteratively, so this compiles.
  std::string chain = "#define M0 7\n";
  for (int i = 1; i < kDeep; i++) chain += "#define M" + std::to_string(i) + " M" + std::to_string(i - 1) + "\n";
  Result r = compile(chain + "int x = M" + std::to_string(kDeep - 1) + ";\n");
  EXPECT_TRUE(r.compiled) << r.first;
  // Function-like macros, each calling the next with its argument.
  std::string calls = "#define F0(x) x\n";
  for (int i = 1; i < kDeep; i++)
    calls += "#define F" + std::to_string(i) + "(x) F" + std::to_string(i - 1) + "(x)\n";
  r = compile(calls + "int x = F" + std::to_string(kDeep - 1) + "(3);\n");
  EXPECT_TRUE(r.compiled) << r.first;
}

TEST(CDepth, NestedMacroArguments) {
  // f(f(f(...))): each argument is expanded on its own before substitution.
  Result r = compile("#define f(x) x\nint x = " + repeat("f(", kDeep) + "1" + repeat(")", kDeep) + ";\n");
  EXPECT_FALSE(r.compiled);
  expect_clean(r, "nested too deeply");
  r = compile("#define f(x) (x + 1)\nint x = " + repeat("f(", 100) + "1" + repeat(")", 100) + ";\n");
  EXPECT_TRUE(r.compiled) << r.first;
}

// A fresh temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kite-depth-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

TEST(CDepth, Includes) {
  TempDir dir;
  // A header that includes itself until __COUNTER__ reaches 10,000.
  dir.write("self.h", "#if __COUNTER__ < 10000\n#include \"self.h\"\n#endif\n");
  c::CompileOptions opts;
  opts.include_dirs.push_back(dir.path.string());
  Result r = compile("#include \"self.h\"\nint x;\n", opts);
  EXPECT_FALSE(r.compiled);
  expect_clean(r, "nested depth");
  // A chain of 10,000 headers, each including the next.
  for (int i = 0; i < kDeep; i++)
    dir.write("h" + std::to_string(i) + ".h",
              i + 1 < kDeep ? "#include \"h" + std::to_string(i + 1) + ".h\"\n" : "int deepest;\n");
  r = compile("#include \"h0.h\"\nint x;\n", opts);
  EXPECT_FALSE(r.compiled);
  expect_clean(r, "nested depth");
}

TEST(CDepth, Casts) {
  Result r = compile("int f(int x) { return " + repeat("(int)", kDeep) + "x; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("int f(int x) { return " + repeat("(long)(int)", 100) + "x; }\n");
  EXPECT_TRUE(r.compiled) << r.first;
}

TEST(CDepth, Ternaries) {
  // Nested in the middle operand, and chained in the last (right-associative).
  Result r = compile("int f(int x) { return " + repeat("x ? ", kDeep) + "1" + repeat(" : 0", kDeep) + "; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("int f(int x) { return " + repeat("x ? 1 : ", kDeep) + "0; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("int f(int x) { return " + repeat("x ? 1 : ", 100) + "0; }\n");
  EXPECT_TRUE(r.compiled) << r.first;
  r = compile("int f(int x) { return " + repeat("x ?: ", kDeep) + "0; }\n");
  expect_clean(r, "nesting too deep");
}

TEST(CDepth, LongOperatorChains) {
  // Left-associative chains parse in a loop but make trees as deep as they are long.
  Result r = compile("int f(int x) { return " + repeat("x + ", kDeep) + "x; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("int f(int x) { return " + repeat("x && ", kDeep) + "x; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("int f(int x) { return " + repeat("x, ", kDeep) + "x; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("int f(int x) { return " + repeat("x * 2 + ", 500) + "x; }\n");
  EXPECT_TRUE(r.compiled) << r.first;
  r = compile("int f(int x) { " + repeat("x = ", kDeep) + "1; return x; }\n");
  expect_clean(r, "nesting too deep");
}

TEST(CDepth, StructDeclarations) {
  std::string src;
  for (int i = 0; i < kDeep; i++) src += "struct s" + std::to_string(i) + " { int v; ";
  src += "int last; ";
  for (int i = 0; i < kDeep; i++) src += "} m" + std::to_string(i) + "; ";
  src.resize(src.size() - std::string("m9999; ").size());
  src += ";\n";
  Result r = compile(src);
  EXPECT_FALSE(r.compiled);
  expect_clean(r, "nesting too deep");
  // Unions and anonymous members too, and a use of the innermost member.
  r = compile("struct t " + repeat("{ union { int a; struct ", kDeep) + "{ int z; }" + repeat(" b; }; }", kDeep) +
              " v;\nint f(void) { return v" + repeat(".b", kDeep) + ".z; }\n");
  expect_clean(r);
}

TEST(CDepth, Declarators) {
  // Parentheses around the name, pointers in parentheses, and functions returning pointers to
  // functions: each a nested declarator.
  Result r = compile("int " + repeat("(", kDeep) + "x" + repeat(")", kDeep) + ";\n");
  expect_clean(r, "nesting too deep");
  r = compile("int " + repeat("(*", kDeep) + "x" + repeat(")", kDeep) + ";\n");
  expect_clean(r, "nesting too deep");
  r = compile("int " + repeat("(*", kDeep) + "f" + repeat(")(void)", kDeep) + ";\n");
  expect_clean(r, "nesting too deep");
  r = compile("int " + repeat("*", kDeep) + "p;\nint f(void) { return sizeof p; }\n");
  expect_clean(r);
  // Abstract declarators in a cast and in parameters.
  r = compile("int f(void *p) { return (int)(long)(int " + repeat("(*", kDeep) + repeat(")", kDeep) + ")p; }\n");
  expect_clean(r, "nesting too deep");
  r = compile("void f(int " + repeat("(*)(int ", kDeep) + repeat(")", kDeep) + ");\n");
  expect_clean(r, "nesting too deep");
  r = compile("int " + repeat("(*", 50) + "f" + repeat(")(void)", 50) + ";\n");
  EXPECT_TRUE(r.compiled) << r.first;
}

}  // namespace

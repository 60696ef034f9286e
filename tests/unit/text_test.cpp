// The reader's leniencies and whole-file behaviour, and the diagnostic rendering.
#include <gtest/gtest.h>

#include "kite/kite.h"

using namespace kite;

namespace {

struct Read {
  bool ok;
  std::string printed;
  std::string errors;
};

Read read(const std::string& text) {
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  Read r{check_text(ctx, text, "t.mir", diags, &mods), "", ""};
  for (Module* m : mods) print_module(ctx, *m, r.printed);
  for (const Diagnostic& d : diags.list()) r.errors += Diagnostics::format(d) + "\n";
  return r;
}

const char kCanonical[] = "m:\tmodule\nf:\tfunc\ti64\nL:\n\tret\t1\n\tendfunc\n\tendmodule\n";

TEST(Text, MissingFinalNewlineIsAccepted) {
  Read r = read("m: module\nf: func i64\nL: ret 1\nendfunc\nendmodule");
  EXPECT_TRUE(r.ok) << r.errors;
  EXPECT_EQ(r.printed, kCanonical);
}

TEST(Text, CrLfLineEndingsAreAccepted) {
  Read r = read("m: module\r\nf: func i64\r\nL: ret 1\r\nendfunc\r\nendmodule\r\n");
  EXPECT_TRUE(r.ok) << r.errors;
  EXPECT_EQ(r.printed, kCanonical);
}

TEST(Text, BlankLinesAndCommentsAfterALabel) {
  Read r = read("m: module\nf: func i64\nL:\n\n# comment\n\n ret 1\nendfunc\nendmodule\n");
  EXPECT_TRUE(r.ok) << r.errors;
  EXPECT_EQ(r.printed, kCanonical);
}

TEST(Text, LabelBeforeEndfunc) {
  Read r = read("m: module\nf: func\njmp E\nE:\nendfunc\nendmodule\n");
  EXPECT_TRUE(r.ok) << r.errors;
  EXPECT_EQ(r.printed, "m:\tmodule\nf:\tfunc\n\tjmp\tE\nE:\n\tendfunc\n\tendmodule\n");
}

TEST(Text, LabelsAreScopedToTheirFunction) {
  Read r = read("m: module\nf: func\nL1: ret\nendfunc\ng: func\nL1: ret\nendfunc\nendmodule\n");
  EXPECT_TRUE(r.ok) << r.errors;
}

TEST(Text, UseBeforeDeclarationNeedsNoForward) {
  Read r = read(
      "m: module\np: proto i64\nf: func i64\nlocal i64:r\ncall p, g, r\nret r\nendfunc\n"
      "g: func i64\nret 2\nendfunc\nendmodule\n");
  EXPECT_TRUE(r.ok) << r.errors;
  EXPECT_EQ(r.printed.find("forward"), std::string::npos);
}

TEST(Text, SeveralModulesInOneText) {
  Read r = read("a: module\nendmodule\nb: module\nendmodule\n");
  EXPECT_TRUE(r.ok) << r.errors;
  EXPECT_EQ(r.printed, "a:\tmodule\n\tendmodule\nb:\tmodule\n\tendmodule\n");
}

TEST(Text, ReadingGoesOnAfterErrors) {
  Read r = read("m: module\nf: func\n mov r, @\n fadd x\n local i64:x\n add x, x, 1.0\n ret\nendfunc\nendmodule\n");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.errors.find("t.mir:3:9: error: unexpected character"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("t.mir:4:7: error: undeclared name 'x'"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("t.mir:6:2: error: operand 3 of 'add' must be an int, not a double literal"),
            std::string::npos)
      << r.errors;
}

TEST(Text, EmptyInputIsAnEmptyProgram) {
  Read r = read("");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.printed, "");
}

TEST(Text, RenderShowsTheLineAndACaret) {
  Diagnostic d{Severity::Error, "t.mir", 2, 5, "bad thing"};
  EXPECT_EQ(Diagnostics::render(d, "first\n\tab cd\nthird"), "t.mir:2:5: error: bad thing\n  \tab cd\n  \t   ^\n");
}

TEST(Text, ApiDiagnosticsHaveNoFile) {
  Diagnostic d{Severity::Error, "", 0, 0, "module 'm': oops"};
  EXPECT_EQ(Diagnostics::format(d), "<api>: error: module 'm': oops");
}

}  // namespace

// Verifier rules that are easiest to state through text snippets, checked message by message.
#include <gtest/gtest.h>

#include "kite/kite.h"
#include "target/x86_64/registers.h"

using namespace kite;

namespace {

std::string check(const std::string& body) {
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  std::string text = "m: module\n" + body + "\nendmodule\n";
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  check_text(ctx, text, "t.mir", diags, &mods, opts);
  std::string s;
  for (const Diagnostic& d : diags.list()) s += Diagnostics::format(d) + "\n";
  return s;
}

TEST(Verifier, CleanProgramHasNoDiagnostics) {
  EXPECT_EQ(check("f: func i64, i64:a\n add a, a, 1\n ret a\n endfunc"), "");
}

TEST(Verifier, LocationsPointAtTheInstruction) {
  EXPECT_EQ(check("f: func i64, i64:a\n  fadd a, a, a\n ret a\n endfunc"),
            "t.mir:3:3: error: operand 1 of 'fadd' must be float, not int variable 'a'\n"
            "t.mir:3:3: error: operand 2 of 'fadd' must be float, not int variable 'a'\n"
            "t.mir:3:3: error: operand 3 of 'fadd' must be float, not int variable 'a'\n");
}

TEST(Verifier, HardRegisters) {
  EXPECT_EQ(check("f: func\n global i64:a:r12, d:b:xmm15, ld:c:st1\n ret\n endfunc"), "");
  EXPECT_NE(check("f: func\n global i64:a:xmm1\n ret\n endfunc").find("not a register that can hold"),
            std::string::npos);
  EXPECT_NE(check("f: func\n global i64:a:rsp\n ret\n endfunc").find("not a register"), std::string::npos);
  EXPECT_NE(check("f: func\n global d:a:xmm16\n ret\n endfunc").find("not a register"), std::string::npos);
}

TEST(Verifier, ErrorLimitStopsReporting) {
  std::string body = "f: func\n local d:x\n";
  for (int i = 0; i < 200; i++) body += " add x, x, x\n";
  body += " ret\n endfunc";
  std::string out = check(body);
  size_t errors = 0;
  for (size_t p = 0; (p = out.find(": error: ", p)) != std::string::npos; p++) errors++;
  EXPECT_EQ(errors, 50u);
  EXPECT_NE(out.find("too many errors"), std::string::npos);
}

}  // namespace

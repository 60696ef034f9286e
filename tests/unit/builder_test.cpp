// Building IR through the C++ API, verifying it, and printing it.
#include <gtest/gtest.h>

#include "kite/kite.h"
#include "kite/runtime.h"

using namespace kite;

namespace {

std::string errors_of(const Diagnostics& d) {
  std::string s;
  for (const Diagnostic& x : d.list()) s += Diagnostics::format(x) + "\n";
  return s;
}

TEST(Builder, CallThroughPrototypeVerifiesAndPrints) {
  Context ctx;
  Module* m = ctx.new_module("m");
  ItemId printf_item = ctx.new_import(*m, "printf");
  ItemId proto = ctx.new_proto(*m, "printf_p", {Type::I32}, {{Type::P, "fmt"}}, /*vararg=*/true);
  Func* f = ctx.new_func(*m, "main", {Type::I64}, {});
  FuncBuilder b(*f);
  VarId r = b.local("r");
  VarId x = b.local("x", Type::D);
  b.emit(Op::DMov, {var(x), dimm(1.5)});
  b.emit(Op::Call, {ref(proto), ref(printf_item), var(r), ctx.string_operand("%g\n"), var(x)});
  b.emit(Op::Ret, {imm(0)});
  Diagnostics diags;
  ASSERT_TRUE(verify_module(ctx, *m, diags)) << errors_of(diags);
  std::string text = print_module(ctx, *m);
  EXPECT_NE(text.find("call\tprintf_p, printf, r, \"%g\\n\\000\", x"), std::string::npos) << text;
}

TEST(Builder, ExportedFunctionLinksAndRuns) {
  Context ctx;
  Module* m = ctx.new_module("m");
  ctx.new_export(*m, "twice");
  Func* f = ctx.new_func(*m, "twice", {Type::I64}, {{Type::I64, "x"}});
  FuncBuilder b(*f);
  b.emit(Op::Add, {var(0), var(0), var(0)});
  b.emit(Op::Ret, {var(0)});
  Diagnostics diags;
  ASSERT_TRUE(verify_module(ctx, *m, diags)) << errors_of(diags);
  auto rt = make_jit_runtime(ctx);
  ASSERT_TRUE(rt->load(*m, diags));
  ASSERT_TRUE(rt->link(diags));
  EXPECT_EQ(rt->function<long(long)>("twice")(21), 42);
  EXPECT_NE(print_module(ctx, *m).find("\texport\ttwice\n"), std::string::npos);
}

TEST(Builder, ApiErrorsNameTheFunctionAndInstruction) {
  Context ctx;
  Module* m = ctx.new_module("m");
  Func* f = ctx.new_func(*m, "bad", {Type::D}, {{Type::I64, "a"}});
  FuncBuilder b(*f);
  b.emit(Op::Add, {var(0), var(0), dimm(1.0)});  // a double where an int is wanted
  b.emit(Op::Ret, {var(0)});                     // an int returned as a double
  Diagnostics diags;
  EXPECT_FALSE(verify_module(ctx, *m, diags));
  std::string e = errors_of(diags);
  EXPECT_NE(e.find("function 'bad', insn 0 (add): operand 3 of 'add' must be an int, not a double literal"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("insn 1 (ret)"), std::string::npos) << e;
}

TEST(Builder, MemoryScalesFromOneTo255VerifyAndZeroDoesNot) {
  Context ctx;
  Module* m = ctx.new_module("m");
  Func* f = ctx.new_func(*m, "scaled", {Type::I64}, {{Type::I64, "p"}, {Type::I64, "i"}});
  FuncBuilder b(*f);
  VarId r = b.local("r");
  b.emit(Op::Mov, {var(r), f->mem(Type::I64, 8, 0, 1, 24)});
  b.emit(Op::Mov, {var(r), f->mem(Type::I64, 0, 0, 1, 255)});
  b.emit(Op::Mov, {var(r), f->mem(Type::I64, 0, 0, 1, 0)});
  b.emit(Op::Ret, {var(r)});
  Diagnostics diags;
  EXPECT_FALSE(verify_module(ctx, *m, diags));
  std::string e = errors_of(diags);
  EXPECT_EQ(diags.error_count(), 1u) << e;
  EXPECT_NE(e.find("function 'scaled', insn 2 (mov): operand 2: scale must be an integer from 1 to 255, not 0"),
            std::string::npos)
      << e;
  std::string text = print_module(ctx, *m);
  EXPECT_NE(text.find("i64:8(p, i, 24)"), std::string::npos) << text;
  EXPECT_NE(text.find("i64:(p, i, 255)"), std::string::npos) << text;
}

TEST(Builder, MalformedOperandIdsAreReportedNotFollowed) {
  Context ctx;
  Module* m = ctx.new_module("m");
  Func* f = ctx.new_func(*m, "f", {}, {});
  f->append(Op::Mov, {Operand::var(99), Operand::int64(1)});
  f->append(Op::Jmp, {Operand::label(7)});
  f->append(Op::Mov, {Operand::mem_ref(Type::I64, 1234, 1), Operand::item(1u << 30)});
  Diagnostics diags;
  EXPECT_FALSE(verify_module(ctx, *m, diags));
  EXPECT_EQ(diags.error_count(), 3u) << errors_of(diags);
}

TEST(Builder, WrongOperandCountAndUnplacedLabel) {
  Context ctx;
  Module* m = ctx.new_module("m");
  Func* f = ctx.new_func(*m, "f", {}, {{Type::I64, "a"}});
  FuncBuilder b(*f);
  LabelId never = b.label("never");
  b.emit(Op::Add, {var(0), var(0)});
  b.emit(Op::Jmp, {lab(never)});
  Diagnostics diags;
  EXPECT_FALSE(verify_module(ctx, *m, diags));
  std::string e = errors_of(diags);
  EXPECT_NE(e.find("'add' takes 3 operands, not 2"), std::string::npos) << e;
  EXPECT_NE(e.find("label 'never' is used but never placed"), std::string::npos) << e;
}

TEST(Builder, BlockArgumentsMatchThePrototype) {
  Context ctx;
  Module* m = ctx.new_module("m");
  ItemId proto = ctx.new_proto(*m, "p", {}, {{Type::Blk1, "s"}});
  Func* callee = ctx.new_func(*m, "g", {}, {{Type::Blk1, "s"}});
  callee->append(Op::Ret, {});
  Func* f = ctx.new_func(*m, "f", {}, {{Type::I64, "a"}});
  FuncBuilder b(*f);
  b.emit(Op::Call, {ref(proto), ref(callee->item()), b.block(Type::Blk1, 0, 0)});
  b.emit(Op::Ret, {});
  Diagnostics diags;
  EXPECT_TRUE(verify_module(ctx, *m, diags)) << errors_of(diags);
}

}  // namespace

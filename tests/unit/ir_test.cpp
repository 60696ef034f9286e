// The in-memory IR: sizes, instruction lists, interning, arena.
#include <gtest/gtest.h>

#include "kite/kite.h"

using namespace kite;

TEST(Ir, CompactLayout) {
  EXPECT_EQ(sizeof(Operand), 12u);
  EXPECT_EQ(sizeof(Insn), 16u);
  // A three-operand instruction takes 52 bytes in its function's buffer.
  EXPECT_EQ(sizeof(Insn) + 3 * sizeof(Operand), 52u);
}

TEST(Ir, KeywordsAreInternedFirst) {
  Context ctx;
  EXPECT_EQ(ctx.names().find("mov"), kFirstOpName + static_cast<uint32_t>(Op::Mov));
  EXPECT_EQ(ctx.names().find("prbne"), kFirstOpName + static_cast<uint32_t>(Op::PrBne));
  EXPECT_EQ(ctx.names().find("module"), kFirstDirectiveName);
  Type t;
  ASSERT_TRUE(type_from_name_id(ctx.names().find("blk"), &t));
  EXPECT_EQ(t, Type::Blk0);
  ASSERT_TRUE(type_from_name_id(ctx.names().find("ld"), &t));
  EXPECT_EQ(t, Type::LD);
  EXPECT_FALSE(type_from_name_id(ctx.names().find("mov"), &t));
}

TEST(Ir, InternerIsStable) {
  Interner in;
  std::vector<NameId> ids;
  for (int i = 0; i < 5000; i++) ids.push_back(in.intern("name" + std::to_string(i)));
  for (int i = 0; i < 5000; i++) {
    EXPECT_EQ(in.intern("name" + std::to_string(i)), ids[i]);
    EXPECT_EQ(in.str(ids[i]), "name" + std::to_string(i));
  }
  EXPECT_EQ(in.find("absent"), UINT32_MAX);
  EXPECT_EQ(in.intern(""), 0u);
}

// A table built at compile time gives the ids interning would, and the interner keeps
// growing past it (the context's keywords start this way).
TEST(Ir, InternerStartsFromACompileTimeTable) {
  static constexpr std::array<std::string_view, 3> kNames = {"alpha", "beta", "gamma"};
  static constexpr auto kTable = make_intern_table(kNames);
  static_assert(kTable.distinct);
  static_assert(!make_intern_table(std::array<std::string_view, 2>{"x", "x"}).distinct);
  Interner in(kTable);
  Interner ref;
  for (std::string_view n : kNames) ref.intern(n);
  EXPECT_EQ(in.size(), ref.size());
  for (std::string_view n : kNames) EXPECT_EQ(in.find(n), ref.find(n));
  EXPECT_EQ(in.intern(""), 0u);
  EXPECT_EQ(in.intern("beta"), 2u);
  std::vector<NameId> ids;
  for (int i = 0; i < 2000; i++) ids.push_back(in.intern("name" + std::to_string(i)));
  EXPECT_EQ(ids[0], 4u);
  for (int i = 0; i < 2000; i++) EXPECT_EQ(in.find("name" + std::to_string(i)), ids[i]);
  for (std::string_view n : kNames) EXPECT_EQ(in.str(in.find(n)), n);
}

TEST(Ir, InsertAndRemoveKeepTheListConsistent) {
  Context ctx;
  Module* m = ctx.new_module("m");
  Func* f = ctx.new_func(*m, "f", {Type::I64}, {{Type::I64, "a"}});
  InsnId a = f->append(Op::Add, {Operand::var(0), Operand::var(0), Operand::int64(1)});
  InsnId c = f->append(Op::Ret, {Operand::var(0)});
  Operand ops[] = {Operand::var(0), Operand::var(0), Operand::int64(2)};
  InsnId b = f->insert_after(a, Op::Mul, ops);
  InsnId z = f->insert_before(a, Op::Neg, std::span(ops, 2));
  std::vector<Op> seen;
  for (InsnId i = f->first(); i != kNone; i = f->insn(i).next) seen.push_back(f->insn(i).op);
  EXPECT_EQ(seen, (std::vector<Op>{Op::Neg, Op::Add, Op::Mul, Op::Ret}));
  f->remove(z);
  f->remove(c);
  EXPECT_EQ(f->first(), a);
  EXPECT_EQ(f->last(), b);
  EXPECT_EQ(f->num_insns(), 2u);
  EXPECT_EQ(f->insn(b).ops()[2].int_value(), 2);
}

TEST(Ir, ManyInstructionsSurviveGrowth) {
  Context ctx;
  Module* m = ctx.new_module("m");
  Func* f = ctx.new_func(*m, "f", {}, {{Type::I64, "a"}});
  for (int i = 0; i < 100000; i++) f->append(Op::Add, {Operand::var(0), Operand::var(0), Operand::int64(i)});
  int64_t i = 0;
  for (InsnId id = f->first(); id != kNone; id = f->insn(id).next, i++) ASSERT_EQ(f->insn(id).ops()[2].int_value(), i);
  EXPECT_EQ(i, 100000);
}

TEST(Ir, ArenaAlignsAndGrows) {
  Arena a;
  for (int i = 0; i < 10000; i++) {
    void* p = a.allocate(24, 8);
    ASSERT_EQ(reinterpret_cast<uintptr_t>(p) % 8, 0u);
  }
  void* big = a.allocate(5 << 20, 16);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big) % 16, 0u);
  EXPECT_GE(a.bytes_reserved(), 5u << 20);
}

TEST(Ir, OperandValues) {
  EXPECT_EQ(Operand::int64(-5).int_value(), -5);
  EXPECT_EQ(Operand::float64(2.5).double_value(), 2.5);
  EXPECT_EQ(Operand::float32(-1.25f).float_value(), -1.25f);
  EXPECT_EQ(Operand::uint64(UINT64_MAX).bits(), UINT64_MAX);
}

// Freeing a module's code: after unload the module's entry points are unmapped, its exports
// are gone (an import of them no longer links), and the same text can be loaded again.
#include <gtest/gtest.h>


#include "jit/code_memory.h"
#include "kite/kite.h"
#include "test_util.h"
#include "kite/runtime.h"

using namespace kite;

namespace {

const char kLib[] = R"(m_lib: module
  export twice
counter: i64 0
twice: func i64, i64:x
  local i64:p
  mov p, counter
  add i64:(p), i64:(p), 1
  add x, x, x
  ret x
  endfunc
endmodule
)";

const char kUser[] = R"(m_user: module
  import twice
p: proto i64, i64:x
main: func i64
  local i64:r
  call p, twice, r, 21
  ret r
  endfunc
endmodule
)";


Module* read(Context& ctx, const char* text) { return kite::testing::read_module(ctx, text); }

class Unload : public ::testing::TestWithParam<bool> {};

TEST_P(Unload, FreesCodeAndExports) {
  Context ctx;
  auto rt = GetParam() ? make_jit_runtime(ctx, jit_options(false, 1)) : make_interpreter_runtime(ctx);
  Diagnostics diags;
  Module* lib = read(ctx, kLib);
  ASSERT_NE(lib, nullptr);
  ASSERT_TRUE(rt->load(*lib, diags));
  ASSERT_TRUE(rt->link(diags));
  auto twice = rt->function<long(long)>("twice");
  ASSERT_NE(twice, nullptr);
  EXPECT_EQ(twice(21), 42);
  size_t mapped = CodeMemory::mapped_bytes();

  EXPECT_TRUE(rt->unload(*lib));
  EXPECT_FALSE(rt->unload(*lib));  // not loaded any more
  EXPECT_EQ(rt->address("twice"), nullptr);
  EXPECT_LT(CodeMemory::mapped_bytes(), mapped);  // the module's code pages are unmapped

  Module* user = read(ctx, kUser);
  ASSERT_NE(user, nullptr);
  ASSERT_TRUE(rt->load(*user, diags));
  EXPECT_FALSE(rt->link(diags));  // its import has nothing to resolve to
  diags.clear();

  Module* again = read(ctx, kLib);  // the same text, loaded afresh
  ASSERT_TRUE(rt->load(*again, diags));
  Module* user2 = read(ctx, kUser);
  ASSERT_TRUE(rt->load(*user2, diags));
  ASSERT_TRUE(rt->link(diags)) << (diags.list().empty() ? "" : Diagnostics::format(diags.list()[0]));
  EXPECT_EQ(rt->function<long()>("main")(), 42);
}

INSTANTIATE_TEST_SUITE_P(Modes, Unload, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "jit" : "interp"; });

}  // namespace

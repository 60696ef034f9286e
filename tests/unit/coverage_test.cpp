// The filetests must exercise every opcode that text can hold and every item kind, so that a
// new opcode in ops.def without a test fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kite/kite.h"
#include "test_util.h"

using namespace kite;
namespace fs = std::filesystem;

TEST(Coverage, FiletestsUseEveryOpcodeAndItemKind) {
  std::set<Op> ops;
  std::set<ItemKind> kinds;
  bool saw_string = false;
  for (auto& e : fs::recursive_directory_iterator(KITE_FILETEST_DIR "/print")) {
    if (e.path().extension() != ".mir") continue;
    Context ctx;
    Diagnostics diags;
    std::vector<Module*> mods;
    ASSERT_TRUE(parse_text(ctx, kite::testing::read_text(e.path()), e.path().string(), diags, &mods)) << e.path();
    for (Module* m : mods)
      for (ItemId id : m->items) {
        const Item& it = ctx.item(id);
        kinds.insert(it.kind);
        saw_string |= it.kind == ItemKind::Data && it.data.from_string;
        if (it.kind != ItemKind::Func) continue;
        for (InsnId i = it.func->first(); i != kNone; i = it.func->insn(i).next) ops.insert(it.func->insn(i).op);
      }
  }
  for (uint32_t i = 0; i < kNumOps; i++) {
    Op op = static_cast<Op>(i);
    EXPECT_TRUE(ops.count(op)) << "no print filetest uses '" << op_name(op) << "'";
  }
  for (ItemKind k : {ItemKind::Func, ItemKind::Proto, ItemKind::Import, ItemKind::Export, ItemKind::Forward,
                     ItemKind::Data, ItemKind::Bss, ItemKind::Ref, ItemKind::Lref, ItemKind::Expr})
    EXPECT_TRUE(kinds.count(k)) << "no print filetest has a '" << item_kind_name(k) << "' item";
  EXPECT_TRUE(saw_string) << "no print filetest has a string item";
}

// The C lexer on its own: token kinds and spellings, line starts and spaces, comments, line
// splices, digraphs, literals with prefixes, header names, and located errors.
#include "c/lexer.h"

#include <gtest/gtest.h>

using namespace kite;
using namespace kite::c;

namespace {

struct Lexed {
  Interner names;
  SourceManager sources;
  Diagnostics diags;
  std::vector<Token> toks;
  std::string text_of(const Token& t) const {
    return t.kind == TokKind::Punct ? std::string(punct_text(t.punct)) : std::string(names.str(t.spelling));
  }
  // Spellings joined by spaces, with '|' before a token that starts a line.
  std::string joined() const {
    std::string s;
    for (const Token& t : toks) {
      if (t.kind == TokKind::Eof) break;
      if (!s.empty()) s += ' ';
      if (t.flags & kAtLineStart) s += '|';
      s += text_of(t);
    }
    return s;
  }
};

std::unique_ptr<Lexed> lex(std::string text) {
  auto r = std::make_unique<Lexed>();
  uint32_t f = r->sources.add_file("t.c", std::move(text), SourceLoc{kNoFile, 0}, false);
  Lexer lx(r->sources, f, r->names, r->diags);
  for (int i = 0; i < 10000; i++) {
    Token t = lx.next();
    r->toks.push_back(t);
    if (t.kind == TokKind::Eof) break;
  }
  return r;
}

std::string errors(const Lexed& r) {
  std::string s;
  for (const Diagnostic& d : r.diags.list()) s += Diagnostics::format(d) + "\n";
  return s;
}

TEST(CLexer, KindsAndSpellings) {
  auto r = lex("int x = 0x1fUL + 1.5e+3f - .5 ;\nchar *s = u8\"hi\\n\", c = L'\\'';");
  EXPECT_EQ(r->joined(), "|int x = 0x1fUL + 1.5e+3f - .5 ; |char * s = u8\"hi\\n\" , c = L'\\'' ;");
  EXPECT_EQ(r->toks[0].kind, TokKind::Identifier);
  EXPECT_EQ(r->toks[3].kind, TokKind::Number);
  EXPECT_EQ(r->toks[5].kind, TokKind::Number);
  EXPECT_EQ(r->toks[7].kind, TokKind::Number);
  EXPECT_EQ(r->toks[13].kind, TokKind::String);
  EXPECT_EQ(r->toks[17].kind, TokKind::Char);
  EXPECT_EQ(errors(*r), "");
}

TEST(CLexer, LongestPunctuatorsAndDigraphs) {
  auto r = lex("a>>=b->c...d<<e++ + ++f<:0:> <%%> %:%: %:");
  EXPECT_EQ(r->joined(), "|a >>= b -> c ... d << e ++ + ++ f [ 0 ] { } ## #");
}

TEST(CLexer, CommentsAndSplicesAndSpaces) {
  auto r = lex("a/* x\n y */b // c \\\n still comment\nin\\\nt x; /**/ y");
  EXPECT_EQ(r->joined(), "|a b |int x ; y");
  EXPECT_TRUE(r->toks[1].flags & kLeadingSpace);  // a comment is white space
  EXPECT_FALSE(r->toks[0].flags & kLeadingSpace);
}

TEST(CLexer, LocationsAreByteOffsets) {
  auto r = lex("int\n  foo;\n");
  LineCol lc = r->sources.locate(r->toks[1].loc);
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.col, 3u);
}

TEST(CLexer, PpNumbersTakeSignsOnlyAfterExponents) {
  auto r = lex("1e+5 0x1p-3 1+5 12.34.56 0xe+1");
  EXPECT_EQ(r->joined(), "|1e+5 0x1p-3 1 + 5 12.34.56 0xe+1");
}

TEST(CLexer, UnterminatedLiteralsAndCommentsAreLocatedErrors) {
  auto r = lex("x = \"abc\ny = 'q\n/* open");
  EXPECT_EQ(errors(*r),
            "t.c:1:5: error: missing terminating '\"' character\n"
            "t.c:2:5: error: missing terminating ' character\n"
            "t.c:3:1: error: unterminated comment\n");
}

TEST(CLexer, StrayBytesAreOtherTokens) {
  auto r = lex("a @ b");
  ASSERT_GE(r->toks.size(), 3u);
  EXPECT_EQ(r->toks[1].kind, TokKind::Other);
}

TEST(CLexer, HeaderNamesAndSkippedLines) {
  Interner names;
  SourceManager sources;
  Diagnostics diags;
  uint32_t f = sources.add_file("t.c", "#include <sys/types.h> junk\nit's /* x\n/* x\n y */ z\nnext", SourceLoc{kNoFile, 0},
                                false);
  Lexer lx(sources, f, names, diags);
  EXPECT_TRUE(lx.next().is(Punct::Hash));
  Token inc = lx.next();
  EXPECT_EQ(names.str(inc.spelling), "include");
  std::string h;
  ASSERT_TRUE(lx.header_name(&h));
  EXPECT_EQ(h, "sys/types.h");
  EXPECT_FALSE(lx.header_name(&h));  // "junk" is no header name
  lx.skip_line();  // " junk"
  lx.skip_line();  // a lone quote ends with its line, and a /* inside it opens no comment
  lx.skip_line();  // this comment spans two lines
  Token t = lx.next();
  EXPECT_EQ(names.str(t.spelling), "next");
  EXPECT_TRUE(t.flags & kAtLineStart);
  EXPECT_EQ(diags.error_count(), 0u);
}

}  // namespace

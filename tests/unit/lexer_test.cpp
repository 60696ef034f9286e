// The tokenizer on its own: number bases and suffixes, strings and escapes, errors.
#include "../../src/text/lexer.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kite;
using namespace kite::text;

namespace {

struct Lexed {
  Interner names;
  std::vector<Token> toks;
  std::string last_string;
};

std::unique_ptr<Lexed> lex(std::string_view s) {
  auto r = std::make_unique<Lexed>();
  Lexer lx(s, r->names);
  for (;;) {
    Token t = lx.next();
    r->toks.push_back(t);
    if (t.kind == Tok::String) r->last_string = lx.string_value();
    if (t.kind == Tok::Eof) break;
  }
  return r;
}

uint64_t bits_of(double d) {
  uint64_t b;
  memcpy(&b, &d, 8);
  return b;
}
uint32_t bits_of(float f) {
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}

TEST(Lexer, SignedInfinitiesAndNaNsAreNumbersWithExactBits) {
  auto r = lex("-inf +nan -nan(0x2a) +snan(0x1) -inff +snan(0x3fffff)F +infL -snan(0x5)l");
  ASSERT_EQ(r->toks.size(), 9u);
  EXPECT_EQ(r->toks[0].kind, Tok::Double);
  EXPECT_EQ(bits_of(r->toks[0].dval), 0xFFF0000000000000ull);
  EXPECT_EQ(bits_of(r->toks[1].dval), 0x7FF8000000000000ull);
  EXPECT_EQ(bits_of(r->toks[2].dval), 0xFFF800000000002Aull);
  EXPECT_EQ(bits_of(r->toks[3].dval), 0x7FF0000000000001ull);
  EXPECT_EQ(r->toks[4].kind, Tok::Float);
  EXPECT_EQ(bits_of(r->toks[4].fval), 0xFF800000u);
  EXPECT_EQ(bits_of(r->toks[5].fval), 0x7FBFFFFFu);
  EXPECT_EQ(r->toks[6].kind, Tok::LDouble);
  uint8_t ld[16];
  memcpy(ld, &r->toks[7].ldval, 16);
  uint64_t significand;
  uint16_t sign_exp;
  memcpy(&significand, ld, 8);
  memcpy(&sign_exp, ld + 8, 2);
  EXPECT_EQ(significand, 0x8000000000000005ull);
  EXPECT_EQ(sign_exp, 0xFFFF);
}

TEST(Lexer, UnsignedInfAndNanAreNamesToTheLexer) {
  auto r = lex("inf nanf infL");
  ASSERT_EQ(r->toks.size(), 4u);
  for (int k = 0; k < 3; k++) EXPECT_EQ(r->toks[k].kind, Tok::Name);
}

TEST(Lexer, IntegerBases) {
  auto r = lex("0x1F 010 1_000 -1 +7 0 18446744073709551615 -9223372036854775808");
  ASSERT_EQ(r->toks.size(), 9u);
  EXPECT_EQ(r->toks[0].ival, 31u);
  EXPECT_EQ(r->toks[1].ival, 8u);
  EXPECT_EQ(r->toks[2].ival, 1000u);
  EXPECT_EQ(static_cast<int64_t>(r->toks[3].ival), -1);
  EXPECT_EQ(r->toks[4].ival, 7u);
  EXPECT_EQ(r->toks[5].ival, 0u);
  EXPECT_EQ(r->toks[6].ival, UINT64_MAX);
  EXPECT_EQ(r->toks[7].ival, 0x8000000000000000ull);
}

TEST(Lexer, OverflowSaturates) {
  auto r = lex("99999999999999999999999");
  EXPECT_EQ(r->toks[0].kind, Tok::Int);
  EXPECT_EQ(r->toks[0].ival, UINT64_MAX);
}

TEST(Lexer, FloatingSuffixes) {
  auto r = lex("2. 1e3 2.5f 1e3F 1.5L 2e0l 1.5E-2");
  EXPECT_EQ(r->toks[0].kind, Tok::Double);
  EXPECT_EQ(r->toks[0].dval, 2.0);
  EXPECT_EQ(r->toks[1].dval, 1000.0);
  EXPECT_EQ(r->toks[2].kind, Tok::Float);
  EXPECT_EQ(r->toks[2].fval, 2.5f);
  EXPECT_EQ(r->toks[3].kind, Tok::Float);
  EXPECT_EQ(r->toks[4].kind, Tok::LDouble);
  EXPECT_EQ(r->toks[4].ldval, 1.5L);
  EXPECT_EQ(r->toks[5].kind, Tok::LDouble);
  EXPECT_EQ(r->toks[6].dval, 0.015);
}

TEST(Lexer, DotStartsAName) {
  auto r = lex(".5 ... $a.b% .lc1");
  for (int i = 0; i < 4; i++) EXPECT_EQ(r->toks[i].kind, Tok::Name) << i;
  EXPECT_EQ(r->names.str(r->toks[1].name), "...");
}

TEST(Lexer, Errors) {
  EXPECT_EQ(lex("10L")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("3f")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("- 1")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("09")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("1e")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("0x")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("\"abc")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("\"a\\x4\"")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("@")->toks[0].kind, Tok::Error);
  EXPECT_EQ(lex("a\rb")->toks[1].kind, Tok::Error);
}

TEST(Lexer, CrLfIsANewline) {
  auto r = lex("a\r\nb");
  ASSERT_EQ(r->toks.size(), 4u);
  EXPECT_EQ(r->toks[1].kind, Tok::Newline);
  EXPECT_EQ(r->toks[2].kind, Tok::Name);
}

TEST(Lexer, StringEscapesAndImplicitNul) {
  auto r = lex(R"("a\n\t\x41\101\7\q")");
  ASSERT_EQ(r->toks[0].kind, Tok::String);
  EXPECT_EQ(r->last_string, std::string("a\n\tAA\7q\0", 8));
  EXPECT_EQ(lex("\"\"")->last_string.size(), 0u);                    // the empty string gets no NUL
  EXPECT_EQ(lex(R"("x\000")")->last_string, std::string("x\0", 2));  // already NUL-terminated
}

TEST(Lexer, CommentsEndAtNewline) {
  auto r = lex("a # comment, with \"quotes\"\nb");
  ASSERT_EQ(r->toks.size(), 4u);
  EXPECT_EQ(r->toks[1].kind, Tok::Newline);
}

}  // namespace

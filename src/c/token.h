// The C front end's shared vocabulary: source files, locations and tokens. The lexer makes
// tokens from one file's bytes, the preprocessor turns the token stream of a translation unit
// into the stream the parser reads; every stage after it sees only Token values.
// Tokens are 24 bytes and copied by value: no strings per token. Identifiers, numbers and
// string/character literals keep their spelling as an id in the translation unit's Interner
// (the parser decodes numbers and literals from the spelling); punctuators are an enum.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kite/interner.h"

namespace kite::c {

// The punctuators of C11 6.4.6 (digraphs are mapped to these by the lexer).
#define KITE_C_PUNCTUATORS(X)                                                                        \
  X(LBracket, "[") X(RBracket, "]") X(LParen, "(") X(RParen, ")") X(LBrace, "{") X(RBrace, "}")    \
  X(Dot, ".") X(Arrow, "->") X(PlusPlus, "++") X(MinusMinus, "--") X(Amp, "&") X(Star, "*")         \
  X(Plus, "+") X(Minus, "-") X(Tilde, "~") X(Bang, "!") X(Slash, "/") X(Percent, "%")               \
  X(Shl, "<<") X(Shr, ">>") X(Lt, "<") X(Gt, ">") X(Le, "<=") X(Ge, ">=") X(EqEq, "==")            \
  X(Ne, "!=") X(Caret, "^") X(Pipe, "|") X(AmpAmp, "&&") X(PipePipe, "||") X(Question, "?")        \
  X(Colon, ":") X(Semi, ";") X(Ellipsis, "...") X(Assign, "=") X(StarAssign, "*=")                 \
  X(SlashAssign, "/=") X(PercentAssign, "%=") X(PlusAssign, "+=") X(MinusAssign, "-=")             \
  X(ShlAssign, "<<=") X(ShrAssign, ">>=") X(AmpAssign, "&=") X(CaretAssign, "^=")                  \
  X(PipeAssign, "|=") X(Comma, ",") X(Hash, "#") X(HashHash, "##")

enum class Punct : uint8_t {
#define KITE_C_PUNCT_ENUM(name, text) name,
  KITE_C_PUNCTUATORS(KITE_C_PUNCT_ENUM)
#undef KITE_C_PUNCT_ENUM
};
const char* punct_text(Punct p);

enum class TokKind : uint8_t {
  Eof,
  Identifier,  // keywords too: the parser tells them apart by spelling id (see keywords.h)
  Number,      // a preprocessing number (C11 6.4.8): integer or floating, decoded later
  Char,        // a character constant with its prefix and quotes: 'a', L'x', u8'c'...
  String,      // a string literal with its prefix and quotes: "hi", u8"x", L"w"...
  Punct,
  Other,       // a byte that is no token (a stray '@' or '`'); an error if it reaches the parser
};

// Token flags.
constexpr uint8_t kAtLineStart = 1;    // first token of its line (directives start here)
constexpr uint8_t kLeadingSpace = 2;   // white space or a comment before it (for # and -E)
constexpr uint8_t kNoExpand = 4;       // an identifier the preprocessor must not expand again
constexpr uint8_t kFromMacro = 8;      // produced by a macro expansion

// Where a token came from: a file id in the TU's SourceManager and a byte offset in it.
// Tokens made by macro expansion carry the location of the macro's use (what users expect
// errors to point at); `expansion` names an entry of SourceManager::expansions for notes.
struct SourceLoc {
  uint32_t file = 0;
  uint32_t offset = 0;
};

struct Token {
  TokKind kind = TokKind::Eof;
  uint8_t flags = 0;
  Punct punct = Punct::LBracket;  // TokKind::Punct only
  uint8_t reserved = 0;
  NameId spelling = 0;  // Identifier, Number, Char, String: the exact source spelling
  SourceLoc loc;
  uint32_t expansion = 0;  // 0 = not from a macro; else 1 + index into SourceManager::expansions
  uint32_t hide = 0;       // preprocessor's hide set for this token (0 = empty)

  bool is(Punct p) const { return kind == TokKind::Punct && punct == p; }
};
static_assert(sizeof(Token) == 24);

// One source file (or in-memory buffer) of a translation unit.
struct SourceFile {
  std::string name;                   // as given or as found on the include path
  std::string text;                   // the bytes (a final newline is not required)
  std::vector<uint32_t> line_starts;  // offset of each line's first byte
  SourceLoc included_from;            // where #include named it; file == kNoFile for the main file
  bool system = false;                // found in a system include directory (no warnings)
  // #line: from `offset` on, the physical line `phys_line` is numbered `line` in file `*name`.
  struct LineRemap {
    uint32_t offset;
    uint32_t phys_line;
    uint32_t line;
    const std::string* name;
  };
  std::vector<LineRemap> remaps;
};
constexpr uint32_t kNoFile = UINT32_MAX;

// Line (1-based) and column (1-based, in bytes) of a location, after any #line remapping.
struct LineCol {
  std::string_view file;
  uint32_t line = 0;
  uint32_t col = 0;
};

// The files of one translation unit, and the macro expansions its tokens refer to.
class SourceManager {
 public:
  uint32_t add_file(std::string name, std::string text, SourceLoc included_from, bool system);
  const SourceFile& file(uint32_t id) const { return *files_[id]; }
  uint32_t num_files() const { return static_cast<uint32_t>(files_.size()); }
  LineCol locate(SourceLoc loc) const;

  struct Expansion {
    NameId macro;       // the macro's name
    SourceLoc use;      // where it was used
    SourceLoc definition;
    uint32_t parent;    // the expansion this one happened inside (0 = none)
    std::string_view name = {};  // the macro's spelling (interned, so it stays valid)
  };
  uint32_t add_expansion(const Expansion& e) {
    expansions_.push_back(e);
    return static_cast<uint32_t>(expansions_.size());
  }
  const Expansion& expansion(uint32_t id) const { return expansions_[id - 1]; }
  uint32_t num_expansions() const { return static_cast<uint32_t>(expansions_.size()); }
  // #line N "name" in `file`: lines from `offset` on are numbered from `line`.
  void add_line_remap(uint32_t file, uint32_t offset, uint32_t line, std::string_view name);

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::vector<Expansion> expansions_;
  std::deque<std::string> remap_names_;  // stable addresses for LineRemap::name
};

}  // namespace kite::c

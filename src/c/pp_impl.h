// The preprocessor's private state, shared by its files: preprocess.cpp (the driver, files and
// directives), macro_expand.cpp (the macro table and expansion with hide sets), pp_expr.cpp
// (#if expressions) and predefined.cpp (the predefined and built-in macros).
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexer.h"
#include "preprocess.h"

namespace kite::c {

// Limits that keep hostile input from exhausting the native stack or memory; each gives a
// diagnostic when reached.
constexpr uint32_t kMaxIncludeDepth = 200;
constexpr uint32_t kMaxArgExpansionDepth = 200;  // macro calls nested inside macro arguments
constexpr uint32_t kMaxIfExprDepth = 256;        // parentheses and unary operators in #if
constexpr uint64_t kMaxExpansionTokens = uint64_t(1) << 22;  // tokens made from one source token

// What a built-in macro computes when it is used.
enum class Builtin : uint8_t {
  None, File, Line, Counter, IncludeLevel, BaseFile, Date, Time, Timestamp, Pragma,
  HasInclude, HasIncludeNext, HasAttribute, HasBuiltin, HasFeature, Defined,
};

struct Macro {
  NameId name = 0;
  bool defined = false;
  bool function_like = false;
  bool variadic = false;  // the last parameter takes the rest of the arguments
  bool has_paste = false;  // the body has ##
  Builtin builtin = Builtin::None;
  uint32_t num_params = 0;
  SourceLoc loc;
  // The replacement list; a parameter's use has Token::reserved = 1 + its index.
  std::vector<Token> body;
  std::vector<NameId> params;
};

// One open #if group.
struct Cond {
  SourceLoc loc;
  bool taken = false;    // some branch of this group was taken
  bool seen_else = false;
};

// One file being read.
struct FileState {
  std::unique_ptr<Lexer> lexer;
  uint32_t file = 0;
  uint32_t search_index = UINT32_MAX;  // the include directory it was found in (#include_next)
  uint32_t cond_base = 0;              // Cond stack size when it was entered
  uint32_t include_level = 0;
  std::string path;                    // as opened, the key for #pragma once and guards
  std::string dir;                     // its directory, for "..." includes
  // Include-guard detection: 0 before anything, 1 inside the #ifndef, 2 after its #endif,
  // 3 not a guarded file.
  uint8_t guard_state = 0;
  NameId guard_macro = 0;
  bool has_peek = false;
  Token peek;  // the first token of the next line, read while finding a directive's end
};

// Names the preprocessor compares against, interned once.
struct PpNames {
  NameId define, undef, include, include_next, import, if_, ifdef, ifndef, elif, else_, endif, line, error,
      warning, pragma, ident, sccs, once, va_args, defined, has_include, has_include_next;
};

struct Preprocessor::Impl {
  Impl(SourceManager& s, Interner& n, const CompileOptions& o, Diagnostics& d);

  SourceManager& sources;
  Interner& names;
  const CompileOptions& opts;
  Diagnostics& diags;

  std::vector<FileState> files;  // the include stack
  std::vector<Cond> conds;
  std::vector<Token> pending;    // tokens to read before the current file's, top = back
  std::vector<std::string> search_dirs;
  uint32_t num_quote_dirs = 0;   // search_dirs before this index came from -I
  std::unordered_set<std::string> once_files;
  // The same files by identity, for another spelling of a path (`./x.h`, `../dir/x.h`).
  std::vector<std::pair<uint64_t, uint64_t>> once_inodes;  // (st_dev, st_ino)
  bool is_once_file(const std::string& path) const;
  std::unordered_map<std::string, NameId> guarded_files;
  std::unordered_map<NameId, std::vector<Macro>> pushed_macros;  // #pragma push_macro
  uint32_t counter = 0;
  uint64_t expansion_tokens = 0;
  bool expansion_overflow = false;
  std::string base_file;
  std::string date_text, time_text;

  // Macro table, indexed by the name's id.
  std::vector<Macro> macros;
  Macro* find_macro(NameId n) {
    if (n >= macros.size()) return nullptr;
    Macro& m = macros[n];
    return m.defined ? &m : nullptr;
  }
  Macro& macro_slot(NameId n) {
    if (n >= macros.size()) macros.resize(std::max<size_t>({n + 1, names.size(), macros.size() * 2}));
    return macros[n];
  }

  // Hide sets: sorted name lists in a pool; id 0 is the empty set. Unions are memoised so
  // that each distinct combination is built once.
  struct HideSet {
    uint32_t begin, size;
  };
  std::vector<HideSet> hide_sets{{0, 0}};
  std::vector<NameId> hide_pool;
  std::unordered_map<uint64_t, uint32_t> hide_add_memo, hide_union_memo, hide_meet_memo;
  bool hide_contains(uint32_t hs, NameId n) const;
  uint32_t hide_add(uint32_t hs, NameId n);
  uint32_t hide_union(uint32_t a, uint32_t b) { return a == 0 || a == b ? b : b == 0 ? a : hide_union_slow(a, b); }
  uint32_t hide_union_slow(uint32_t a, uint32_t b);
  uint32_t hide_intersect(uint32_t a, uint32_t b);
  uint32_t hide_make(const NameId* p, uint32_t n);

  // Scratch space per nesting depth of argument expansion (no allocation per expansion once
  // warmed up).
  struct Frame {
    std::vector<Token> args;            // the raw argument tokens, all arguments
    std::vector<uint32_t> arg_bounds;   // argument i is args[arg_bounds[i], arg_bounds[i+1])
    std::vector<Token> expanded;        // fully expanded arguments, same layout
    std::vector<uint32_t> exp_bounds;
    std::vector<uint8_t> exp_done;
    std::vector<Token> out;
  };
  std::vector<std::unique_ptr<Frame>> frames;
  uint32_t depth = 0;
  std::string scratch;  // for # and ##
  PpNames ids;
  bool in_if = false;                   // evaluating #if: defined and __has_* work
  std::vector<Token> line_buf, if_buf;  // a directive's tokens (directives never nest)

  // preprocess.cpp
  Token lex();             // the next token, directives carried out, macros not expanded
  Token lex_file_token();  // one token of the current file (or its peeked one)
  void push_file(uint32_t file, std::string path, uint32_t search_index);
  void pop_file();
  void directive(const Token& hash);
  void read_line(std::vector<Token>* out);  // the rest of a directive line, unexpanded
  // The next token of the current directive line; false (the token kept for later) at its end.
  bool line_token(Token* t);
  void skip_rest_of_line();
  void skip_group();
  void do_include(const Token& at, bool next);
  void force_include(const std::string& name);  // -include FILE, pushed on the stack
  bool find_include(const std::string& name, bool angled, bool next, std::string* path, uint32_t* index);
  void do_define(const Token& at);
  void do_line(const Token& at);
  void note_file_content();
  void error(const Token& t, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  void warning(const Token& t, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  std::string_view spelling(const Token& t) const {
    return t.kind == TokKind::Punct ? std::string_view(punct_text(t.punct)) : names.str(t.spelling);
  }

  // macro_expand.cpp
  Token expand_next();  // the next fully macro-expanded token
  bool expand(const Token& name, Macro& m);  // pushes the expansion; false: not a call
  void expand_list(const Token* in, size_t n, std::vector<Token>* out);
  bool collect_args(const Token& name, Macro& m, Frame& f, Token* rparen);
  void substitute(Macro& m, Frame& f, const Token& use, uint32_t hs, uint32_t exp);
  Token stringize(const Token* b, const Token* e, const Token& at);
  bool paste(const Token& l, const Token& r, Token* out);
  bool builtin(const Token& t, Macro& m);
  void define_text(std::string_view text, const char* file_name);

  // pp_expr.cpp
  bool eval_if(const Token& at);  // reads the rest of the line

  // predefined.cpp
  void define_builtins();

  // pp_pragma.cpp: #pragma pack's maximum field alignment in bytes (0: none) and its stack of
  // pushed (alignment, id) entries; pack_default is what popping the last entry restores.
  uint32_t pack_align = 0, pack_default = 0;
  std::vector<std::pair<uint32_t, NameId>> pack_stack;
  void pragma_pack(const std::vector<Token>& line);  // line[0] is `pack`
  void pragma_operator(const Token& at, const Token& str);  // _Pragma("...")
};

std::string predefined_macros_text(const CompileOptions& opts);

}  // namespace kite::c

// The C parser and its semantic checks (C11 6.5-6.9): recursive descent over a TokenSource,
// building the typed tree of ast.h. One class, its methods split by concern: declarations
// (parse_decl.cpp), expressions (parse_expr.cpp), statements (parse_stmt.cpp), conversions,
// constant expressions and scopes (sema.cpp). Nesting is bounded by kMaxDepth: past it the
// parser reports `nesting too deep` and stops reading, so hostile input cannot exhaust the
// native stack.
#pragma once
#include <string>
#include <unordered_set>
#include <vector>

#include "ast.h"
#include "keywords.h"
#include "kite/diagnostics.h"
#include "token_queue.h"
#include "token_source.h"
#include "types.h"

namespace kite::c {

constexpr int kMaxDepth = 1000;

// String and character literals (literals.cpp).
struct LiteralEncoding;
int64_t string_element(const Expr* str_lit, int64_t i);  // element i of a StrLit, by its element type

class Parser {
 public:
  Parser(TokenSource& src, const SourceManager& sources, Interner& names, Diagnostics& diags, TypeTable& types,
         Arena& arena);
  TranslationUnit parse();
  void error(SourceLoc loc, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  // Warnings (gcc's default set for gnu11) unless -w, never for code in system headers.
  void warning(SourceLoc loc, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  void set_warnings(bool on) { warnings_ = on; }
  void set_gnu89_inline(bool on) { gnu89_inline_ = on; }
  void set_common(bool on) { common_ = on; }

 private:
  // Tokens.
  const Token& peek(size_t k = 0) { return k < ahead_.size() ? ahead_[k] : fill_ahead(k); }
  const Token& fill_ahead(size_t k);  // reads tokens until ahead_ holds k + 1
  // Errors carry only a location; a token from a macro carries its use's location and the
  // expansion. The last few (location, expansion) pairs read let error() add gcc's "in
  // expansion of macro" notes: one entry per expansion, not per token (tokens of one
  // expansion share its location), and a search of a few entries per error.
  struct RecentExpansion {
    SourceLoc loc;
    uint32_t expansion;
  };
  static constexpr uint32_t kRecentExpansions = 32;
  RecentExpansion recent_expansions_[kRecentExpansions] = {};
  uint32_t recent_expansion_count_ = 0;
  void note_expansion(const Token& t) {
    RecentExpansion& last = recent_expansions_[(recent_expansion_count_ - 1) % kRecentExpansions];
    if (recent_expansion_count_ && last.expansion == t.expansion && last.loc.offset == t.loc.offset &&
        last.loc.file == t.loc.file)
      return;
    recent_expansions_[recent_expansion_count_++ % kRecentExpansions] = {t.loc, t.expansion};
  }
  uint32_t expansion_at(SourceLoc loc) const;  // the latest expansion read at loc, or 0
  Token advance();
  bool accept(Punct p);
  bool expect(Punct p, const char* what);
  Kw kw(const Token& t) const { return t.kind == TokKind::Identifier ? keywords_.lookup(t.spelling) : Kw::None; }
  bool accept_kw(Kw k);
  // GNU `__attribute__((...))` and `__asm__("name")` labels, where declarations allow them.
  // packed and aligned go to layout_attrs_; cleanup, constructor, destructor, alias and asm
  // labels to attr_sink_ (parse_attrs.cpp); section and vector_size, which change layout or
  // linkage, are reported as not supported rather than dropped; the rest are hints and are ignored. `weak` is read as an
  // ordinary declaration or definition: within one module that is what gcc does; a weak
  // reference that no module defines is a link error (gcc: a null address).
  // Returns the byte size that a `mode` attribute (QI, HI, SI, DI, word, pointer) asks of an
  // integer type, 0 when there is none.
  unsigned skip_gnu_attributes();
  std::string_view spelling(const Token& t) const { return names_.str(t.spelling); }
  void skip_to_sync();
  bool enter(SourceLoc loc);  // depth check; false (with the error once) when too deep
  void leave() { depth_--; }

  // GNU attributes of a declaration (parse_attrs.cpp): skip_gnu_attributes records them in
  // attr_sink_, the declaration specifiers' or the declarator's being parsed (null elsewhere:
  // then they are ignored with gcc's warning). Those in the specifiers apply to every
  // declarator, those after a declarator to it alone.
  struct GnuAttrs {
    NameId cleanup = 0;  // the function's name
    SourceLoc cleanup_loc;
    bool constructor = false, destructor = false;
    uint16_t constructor_priority = 65535, destructor_priority = 65535;
    SourceLoc constructor_loc, destructor_loc;
    std::string alias;  // alias("target")
    SourceLoc alias_loc;
    std::string asm_name;  // __asm__("name"): the declaration's name for the linker
    bool weak = false;
    SourceLoc weak_loc;
    bool gnu_inline = false;
  };
  GnuAttrs* attr_sink_ = nullptr;
  void record_gnu_attribute(std::string_view name, SourceLoc loc);  // at its name, inside ((...))
  // Applies the attributes of a declaration to the symbol it made (after its binding).
  void apply_gnu_attrs(const GnuAttrs& spec_attrs, const GnuAttrs& decl_attrs, Symbol* s, bool file_scope);
  void resolve_aliases();  // at the end of the translation unit
  // At the end of the unit: which function definitions are inline definitions only (C99
  // 6.7.4p7, gnu89), and the functions irgen emits (unused static inline and inline-only
  // definitions are left out, as gcc leaves them).
  void settle_inline_definitions();
  struct PendingAlias {
    Symbol* sym;
    NameId target;
    SourceLoc loc;
  };
  std::vector<PendingAlias> aliases_;
  struct AttrSinkScope {   // sets attr_sink_ for its lifetime
    Parser* p;
    GnuAttrs* saved;
    AttrSinkScope(Parser* parser, GnuAttrs* a) : p(parser), saved(parser->attr_sink_) { p->attr_sink_ = a; }
    ~AttrSinkScope() { p->attr_sink_ = saved; }
  };

  // Declarations (parse_decl.cpp).
  bool atomic_type_ok(const CType* t, SourceLoc loc);
  struct DeclSpec {
    StorageClass storage = StorageClass::None;
    const CType* type = nullptr;
    bool is_inline = false;
    SourceLoc loc;
    GnuAttrs attrs;
  };
  struct Declarator {
    NameId name = 0;
    SourceLoc loc;
    const CType* type = nullptr;
    GnuAttrs attrs;
    std::vector<Symbol*> params;  // the outermost function declarator's named parameters
    bool has_params = false;
    bool knr = false;  // those parameters are a K&R identifier list: `f(a, b)`, typed by declarations after it
  };
  bool starts_type_name(const Token& t);
  // Whether a type name starts at peek(k), past any `__extension__`: `(__extension__ (T)x)` is
  // a parenthesized expression, `(__extension__ T)x` a cast.
  bool type_name_follows(size_t k);
  bool parse_decl_spec(DeclSpec* spec, bool allow_storage);
  const CType* parse_record(TypeKind kind, SourceLoc loc);
  const CType* parse_enum(SourceLoc loc);
  const CType* parse_declarator(const CType* base, Declarator* d);
  const CType* parse_declarator_suffix(const CType* base, Declarator* d);
  const CType* parse_params(const CType* result, Declarator* d);
  const CType* parse_type_name();
  void parse_external_declaration();
  void parse_local_declaration(std::vector<Stmt*>* out);
  Symbol* declare(const DeclSpec& spec, Declarator& d, bool file_scope);  // then applies the GNU attributes
  Symbol* declare_symbol(const DeclSpec& spec, Declarator& d, bool file_scope);
  void parse_function_body(Symbol* sym, Declarator& d);
  // K&R definitions (6.9.1p6): the declarations between `f(a, b)` and its body.
  void parse_knr_declarations(Declarator& d);
  void promote_knr_params(FuncDef* f);
  Symbol* implicit_function(const Token& name);
  // `asm(...)` / `__asm__ volatile (...)` as a statement or at file scope: Kite has no inline
  // assembler, so an error (never silently dropped code), skipping to the end of it.
  bool is_asm_keyword(const Token& t) { Kw k = kw(t); return k == Kw::Asm || k == Kw::Asm2 || k == Kw::AsmPlain; }
  void reject_inline_asm();  // `f(...)` with no f in scope: `int f()`, a warning

  // Initializers (parse_init.cpp).
  struct InitState {
    std::vector<InitItem> items;
    uint64_t high_water_bits = 0;  // the end of the furthest item so far
    bool is_static = false;        // the object has static storage: values must be constants
    size_t top_base = 0;           // init_frames_ index of the object's own list
    uint64_t flex_end = 0;         // the end of an initialized flexible array member
    std::vector<size_t> marks;     // item indexes kept right across drops (ranges)
    struct UnionChoice {
      uint64_t offset;
      const CType* type;
      int64_t member;
    };
    std::vector<UnionChoice> union_choices;  // the member each designated union holds
  };
  struct InitFrame {  // a position inside an aggregate being initialized
    const CType* type = nullptr;  // unqualified
    uint64_t offset = 0;
    int64_t index = 0;  // member or element of the current subobject
    bool union_done = false;
  };
  struct InitSub {  // a subobject to initialize
    const CType* type = nullptr;
    uint64_t offset = 0;
    uint8_t bit_pos = 0;
    uint8_t bit_width = 0;
    uint8_t unit_bytes = 0;
  };
  struct InitRange {  // a GNU `[lo ... hi]` in a designation: frame's elements lo+1..hi copy lo
    size_t frame;
    uint64_t stride;
    int64_t extra;
  };
  static constexpr uint32_t kMaxInitRanges = 8;
  struct InitRanges {
    InitRange r[kMaxInitRanges];
    uint32_t count = 0;
  };
  void parse_initializer(Symbol* sym);
  void init_braced(InitState& st, const CType* t, uint64_t offset, int64_t* len);
  void init_list(InitState& st, const CType* t, uint64_t offset, int64_t* len);
  void init_warning(SourceLoc loc, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  void init_value(InitState& st, InitSub sub, bool frames);
  void init_scalar(InitState& st, const InitSub& sub, Expr* e);
  void init_record_value(InitState& st, const InitSub& sub, Expr* e);
  void init_string(InitState& st, const CType* t, uint64_t offset, int64_t* len);
  bool init_designation(InitState& st, size_t base, InitRanges* ranges);
  bool init_designate_member(NameId name);
  void init_union_member(InitState& st, InitFrame& f);
  void init_replicate(InitState& st, size_t first_item, const InitRanges& ranges);
  bool init_descend(InitSub* sub);
  void init_add(InitState& st, const InitItem& item);
  void init_drop(InitState& st, uint64_t from_bit, uint64_t to_bit);
  InitSub init_sub(const InitFrame& f) const;
  void init_skip_unnamed(InitFrame& f) const;
  bool init_frame_done(const InitFrame& f) const;
  void init_frame_next(InitFrame& f) const;
  void init_push(const CType* t, uint64_t offset);
  void init_skip_rest();
  bool string_alone();
  std::vector<InitFrame> init_frames_;  // the positions of every open initializer list
  // Integer constants gcc folds beyond 6.6p6 (const_eval.cpp): (int)(2.5 * 2), and
  // (long)&((struct S *)0)->m (an absolute address as an integer).
  bool eval_int_cast(Expr* e, int64_t* out);
  bool eval_float(Expr* e, long double* out);
  bool eval_abs_addr(Expr* e, int64_t* out);
  bool eval_abs_lvalue(Expr* e, int64_t* out);

  // Expressions (parse_expr.cpp).
  Expr* parse_expr();
  Expr* parse_assign();
  Expr* parse_cond();
  Expr* parse_binary(int min_prec);
  Expr* parse_cast();
  Expr* parse_unary();
  Expr* parse_postfix(Expr* e);
  Expr* parse_primary();
  Expr* parse_number(const Token& t);
  Expr* parse_char(const Token& t);
  Expr* parse_string();
  void decode_literal(const Token& t, size_t start, const LiteralEncoding& enc, char quote, std::vector<uint32_t>* out);
  int64_t parse_const_int(const char* what);
  Expr* parse_va_builtin(const Token& t);

  // Semantics (sema.cpp).
  Expr* new_expr(ExprKind k, const CType* t, SourceLoc loc);
  Expr* int_lit(int64_t v, const CType* t, SourceLoc loc);
  Expr* decay(Expr* e);      // arrays to pointers, functions to pointers; lvalue to rvalue
  Expr* convert(Expr* e, const CType* t);  // an explicit or implicit conversion node
  Expr* assign_convert(Expr* e, const CType* t, SourceLoc loc, const char* context);
  Expr* to_bool_operand(Expr* e, SourceLoc loc);  // checks a scalar for && || ! ?: if while
  Expr* binary(Punct op, Expr* a, Expr* b, SourceLoc loc);
  Expr* unary(Punct op, Expr* a, SourceLoc loc);
  Expr* deref(Expr* a, SourceLoc loc);
  Expr* addr_of(Expr* a, SourceLoc loc);
  Expr* member(Expr* a, NameId name, bool arrow, SourceLoc loc);
  Expr* call(Expr* callee, std::vector<Expr*>& args, SourceLoc loc);
  Expr* assign(Punct op, Expr* a, Expr* b, SourceLoc loc);
  Expr* incdec(Punct op, bool postfix, Expr* a, SourceLoc loc);
  Expr* cond(Expr* c, Expr* a, Expr* b, SourceLoc loc);
  bool check_lvalue(Expr* e, SourceLoc loc);
  bool eval_int(Expr* e, int64_t* out);  // integer constant expressions (6.6)
  std::string type_str(const CType* t) const { return types_.describe(t, names_); }
  // Bit-fields: the type a bit-field member expression promotes to (null when e is none).
  const CType* bitfield_promotion(const Expr* e);
  // gcc's type of a bit-field's value (before promotion), also the type of an assignment to
  // it; null when `e` is not a bit-field.
  const CType* bitfield_type(const Expr* e);

  // Scopes.
  Symbol* lookup(NameId name) const;
  Symbol* lookup_tag(NameId name, bool current_only) const;
  void bind(NameId name, Symbol* s);
  void bind_tag(NameId name, Symbol* s);
  void push_scope();
  void pop_scope();
  bool in_current_scope(NameId name) const;

  // Statements (parse_stmt.cpp).
  Stmt* new_stmt(StmtKind k, SourceLoc loc);
  Stmt* parse_stmt();
  Stmt* parse_block();
  template <typename T>
  T* to_arena(const std::vector<T>& v, uint32_t* n) {
    *n = static_cast<uint32_t>(v.size());
    T* p = arena_.make_array<T>(v.size());
    for (size_t i = 0; i < v.size(); i++) p[i] = v[i];
    return p;
  }

  // C11 and GNU expression forms (parse_gnu_expr.cpp).
  Expr* parse_stmt_expr();   // at '(' before '{': a GNU statement expression
  Expr* parse_label_addr();  // at '&&' before a name: GNU labels as values
  Expr* parse_generic();     // at _Generic
  Expr* func_name_expr(const Token& t);  // __func__ and its gcc spellings; null for other names
  const CType* parse_typeof();           // at typeof / __typeof__ / __typeof
  void parse_static_assert();            // at _Static_assert, through its ';'
  Expr* cond_omitted_middle(Expr* c, Expr* b, SourceLoc loc);  // GNU `c ?: b`
  Stmt* parse_labeled_body(SourceLoc loc);  // parse_stmt.cpp: after `label:`, `case x:`, `default:`
  bool starts_local_declaration();          // parse_stmt.cpp
  // GNU local labels: `__label__ x;` at the start of a block makes x, up to the block's end, a
  // label of its own (named x.N, which no C label can be), so a macro may use it more than once.
  void parse_local_labels();        // at __label__, through its ';'
  NameId label_name(NameId name) const;  // the label a name refers to here

  TokenSource& src_;
  const SourceManager& sources_;
  Interner& names_;
  Diagnostics& diags_;
  TypeTable& types_;
  Arena& arena_;
  KeywordTable keywords_;
  TokenQueue ahead_;
  Token last_;  // the token advance() returned last (for locations after it)
  int depth_ = 0;
  bool fatal_ = false;  // too deep: every later token is Eof
  bool warnings_ = true;
  bool gnu89_inline_ = false;
  bool common_ = false;

  struct Binding {
    NameId name;
    Symbol* sym;
    uint32_t prev;  // index + 1 of the binding it shadows; 0 = none
  };
  struct ScopeTable {
    std::vector<Binding> bindings;
    std::vector<uint32_t> head;  // NameId -> index + 1 of the innermost binding
  };
  ScopeTable ordinary_, tags_;
  std::vector<std::pair<uint32_t, uint32_t>> scope_marks_;  // bindings.size() of both at entry
  uint32_t scope_level_ = 0;

  std::vector<Symbol*> globals_;
  std::vector<Symbol*> block_scope_externs_;  // globals first declared inside a block
  // Variable length arrays: the VLA types of the declarator being parsed, for its Decl
  // statement to evaluate; where a VLA may appear.
  std::vector<const CType*> pending_vlas_;
  // The innermost construct being parsed that decides what a VLA declarator means there.
  enum class VlaContext : uint8_t { Declaration, Prototype, Record, TypeName };
  VlaContext vla_context_ = VlaContext::Declaration;
  struct VlaContextScope {  // sets vla_context_ for its lifetime
    Parser* p;
    VlaContext saved;
    VlaContextScope(Parser* parser, VlaContext c) : p(parser), saved(parser->vla_context_) { p->vla_context_ = c; }
    ~VlaContextScope() { p->vla_context_ = saved; }
  };
  Expr* size_of(const CType* t, SourceLoc loc);  // sizeof: a constant, or computed for a VLA
  std::vector<FuncDef> funcs_;
  // The function being parsed.
  Symbol* cur_func_ = nullptr;
  std::vector<Symbol*> cur_locals_;
  struct SwitchCtx {
    std::vector<Stmt*> cases;
    const CType* type;
    bool has_default;
  };
  std::vector<SwitchCtx*> switches_;
  // File-scope tentative definitions whose type was incomplete where they were declared.
  std::vector<std::pair<Symbol*, SourceLoc>> incomplete_tentatives_;
  int loops_ = 0;
  uint32_t static_counter_ = 0;
  std::unordered_set<NameId> static_local_names_;  // IR names given to static locals so far
  // The variadic builtins (what <stdarg.h> expands to) and the va_list type.
  NameId va_start_id_, va_arg_id_, va_end_id_, va_copy_id_;
  NameId alloca_id_, builtin_alloca_id_;

  // GNU builtins (builtins.cpp). parse_builtin takes a `__builtin_*` name that is not declared
  // (its token already read) and returns null for a name without that prefix, which the
  // caller reports as undeclared.
  Expr* parse_builtin(const Token& t);
  Expr* builtin_libc_ref(uint32_t index, SourceLoc loc);
  Expr* builtin_offsetof(SourceLoc loc);
  Expr* builtin_node(BuiltinOp op, const CType* type, std::vector<Expr*>& args, SourceLoc loc);
  // The atomic builtins, `__atomic_*` and `__sync_*` (builtins_atomic.cpp): null for a name
  // that is none of them.
  Expr* parse_atomic_builtin(const Token& t);
  const CType* atomic_object_type(Expr* ptr, int argno, bool any_type, bool arith, const std::string& name);
  bool builtin_args(std::vector<Expr*>* args, size_t want, const char* name, SourceLoc loc);
  std::vector<uint16_t> builtin_index_;     // NameId -> table index + 1, filled at first use
  std::vector<Symbol*> builtin_libc_syms_;  // implicit declarations of the libc functions
  // Layout attributes: skip_gnu_attributes records `packed` and `aligned(N)` here; struct and
  // union definitions and their members take them, and a declaration that cannot is reported.
  struct LayoutAttrs {
    bool packed = false;
    uint32_t aligned = 0;  // the largest aligned(N) seen; 0 = none
    SourceLoc aligned_loc;
  };
  LayoutAttrs layout_attrs_;
  void parse_aligned_attribute(SourceLoc loc);
  void parse_alignas(SourceLoc loc);
  void check_unused_layout_attrs();
  // __func__: the static array of the function being parsed, made on first use.
  Symbol* func_name_sym_ = nullptr;
  const Symbol* func_name_owner_ = nullptr;
  struct LocalLabel {
    NameId name;
    NameId unique;
  };
  std::vector<LocalLabel> local_labels_;  // of the enclosing blocks, innermost last
  uint32_t local_label_count_ = 0;
};

}  // namespace kite::c

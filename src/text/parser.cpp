// The reader of the text IR: statements into modules, items, variables and instructions
// (ir-reference sections 1, 2 and 4). Name resolution uses dense per-NameId tables that are
// cleared at endfunc, so an operand costs one intern and one array load. Type checks are the
// verifier's job; the parser reports syntax, scoping and duplicate-definition errors.
#include <algorithm>

#include "kite/text.h"
#include "lexer.h"

namespace kite {
namespace {

using text::Lexer;
using text::Tok;
using text::Token;

bool is_reserved_var_name(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == ".lc") return true;
  if (s.size() >= 3 && s[0] == 'h' && s[1] == 'r') {
    for (size_t i = 2; i < s.size(); i++)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  }
  return false;
}

class Parser {
 public:
  Parser(Context& ctx, std::string_view text, SourceFile* src, Diagnostics& diags)
      : ctx_(ctx), text_(text), src_(src), diags_(diags), lex_(text, ctx.names()) {}

  void run(std::vector<Module*>* out);

 private:
  // --- tokens
  void advance() { tok_ = lex_.next(); }
  bool at_end_of_statement() const {
    return tok_.kind == Tok::Newline || tok_.kind == Tok::Semi || tok_.kind == Tok::Eof;
  }
  uint32_t loc() const { return tok_.pos + 1; }
  std::string_view spelling(const Token& t) const { return text_.substr(t.pos, t.len); }
  std::string_view name_str(NameId n) const { return ctx_.name(n); }

  // --- errors: report at a position, then the statement is abandoned
  void error_at(uint32_t pos, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  bool expect(Tok kind, const char* what);
  bool fail_token(const char* what);  // "expected X, found Y"
  void recover();                     // skip the rest of the statement

  // --- statements
  void statement();
  void module_directive(Directive d, uint32_t kw_pos);
  void func_or_proto(bool is_func, uint32_t kw_pos);
  void end_func(uint32_t pos);
  void end_module(uint32_t pos);
  void declarations(Directive d);
  void vars(bool global);
  void data_item(Type t, uint32_t kw_pos);
  void string_item(uint32_t kw_pos);
  void bss_item(uint32_t kw_pos);
  void ref_item(uint32_t kw_pos);
  void lref_item(uint32_t kw_pos);
  void expr_item(uint32_t kw_pos);
  void alias_item(uint32_t kw_pos);
  void startup_func(Directive d, uint32_t kw_pos);  // init / fini
  void weak_names();                                 // weak NAME, ...
  void instruction(Op op, uint32_t kw_pos);
  bool operand(bool label_position, Operand* out);
  bool declared_item(NameId n) const;
  // True when the name is a non-finite number as MIR's printer spells it (`inf`, `nanf`...).
  bool nonfinite_name(NameId n, Token* t) const;
  Operand number_operand(const Token& t);
  bool mem_operand(Type t, Operand* out);
  bool var_name(VarId* out, const char* what);
  bool signature(const Signature** out, std::vector<Param>* params);
  void finish_statement();

  // --- items and names
  NameId single_name(const char* what, bool required);
  ItemId define_item(ItemKind kind, NameId name, uint32_t pos);
  ItemId item_ref(NameId name, uint32_t pos);
  LabelId label_ref(NameId name, uint32_t pos);
  void place_pending_labels();
  void bind_var(NameId name, VarId v, uint32_t pos);
  static void grow(std::vector<uint32_t>& v, NameId n) {
    if (v.size() <= n) v.resize(std::max<size_t>(n + 1, v.size() * 2), 0);
  }

  Context& ctx_;
  std::string_view text_;
  SourceFile* src_;
  Diagnostics& diags_;
  Lexer lex_;
  Token tok_;
  std::vector<Module*>* out_ = nullptr;
  Module* mod_ = nullptr;
  Func* func_ = nullptr;
  bool func_has_errors_ = false;
  std::vector<uint32_t> var_of_name_;    // NameId -> VarId + 1 in the current function
  std::vector<uint32_t> label_of_name_;  // NameId -> LabelId + 1 in the current function
  struct PendingLabel {
    NameId name;
    uint32_t pos;
  };
  std::vector<PendingLabel> labels_;  // `name:` prefixes of the current statement
  std::vector<Operand> ops_;
  std::vector<ItemId> lrefs_;   // lref items of the current module, resolved at endmodule
  std::vector<ItemId> decls_;   // export/forward/placeholder items, resolved at endmodule
  std::vector<Func*> funcs_;    // functions of the current module (for lref resolution)
  IdMap exported_, forwarded_;  // per module: name -> its export / forward item
  struct WeakName {
    NameId name;
    uint32_t pos;
  };
  std::vector<WeakName> weak_;  // per module: `weak` names, applied at endmodule
};

void Parser::error_at(uint32_t pos, const char* fmt, ...) {
  SourceFile::LineCol lc = src_->locate(pos + 1);
  va_list ap;
  va_start(ap, fmt);
  diags_.add(Severity::Error, src_->name, lc.line, lc.col, fmt, ap);
  va_end(ap);
  if (func_) func_has_errors_ = true;
}

bool Parser::fail_token(const char* what) {
  if (tok_.kind == Tok::Error)
    error_at(tok_.pos, "%s", tok_.error);
  else if (tok_.kind == Tok::Name)
    error_at(tok_.pos, "expected %s, found '%.*s'", what, static_cast<int>(tok_.len), text_.data() + tok_.pos);
  else if (tok_.kind == Tok::Int || tok_.kind == Tok::Double || tok_.kind == Tok::Float || tok_.kind == Tok::LDouble)
    error_at(tok_.pos, "expected %s, found number '%.*s'", what, static_cast<int>(tok_.len), text_.data() + tok_.pos);
  else
    error_at(tok_.pos, "expected %s, found %s", what, text::tok_name(tok_.kind));
  return false;
}

bool Parser::expect(Tok kind, const char* what) {
  if (tok_.kind != kind) return fail_token(what);
  advance();
  return true;
}

void Parser::recover() {
  while (!at_end_of_statement()) {
    if (tok_.kind == Tok::String || tok_.kind == Tok::Error) {
      // A bad string may hide a ';': stop at the line's end instead.
      lex_.skip_line();
      advance();
      return;
    }
    advance();
  }
}

void Parser::finish_statement() {
  if (!at_end_of_statement()) {
    fail_token("end of statement");
    recover();
  }
}

void Parser::run(std::vector<Module*>* out) {
  out_ = out;
  // Line table first: diagnostics (ours and the verifier's) map offsets through it.
  src_->line_starts.clear();
  src_->line_starts.push_back(0);
  for (const char* p = text_.data(); (p = static_cast<const char*>(memchr(p, '\n', text_.data() + text_.size() - p)));)
    src_->line_starts.push_back(static_cast<uint32_t>(++p - text_.data()));
  advance();
  while (tok_.kind != Tok::Eof) {
    if (diags_.at_limit()) return;
    statement();
    if (tok_.kind == Tok::Newline || tok_.kind == Tok::Semi) advance();
  }
  if (!labels_.empty() && !func_)
    error_at(labels_.back().pos, "label '%.*s' is not followed by an item",
             static_cast<int>(name_str(labels_.back().name).size()), name_str(labels_.back().name).data());
  if (func_) {
    error_at(static_cast<uint32_t>(text_.size()), "missing endfunc at end of file");
    end_func(static_cast<uint32_t>(text_.size()));
  }
  if (mod_) {
    error_at(static_cast<uint32_t>(text_.size()), "missing endmodule at end of file");
    end_module(static_cast<uint32_t>(text_.size()));
  }
}

void Parser::statement() {
  if (tok_.kind == Tok::Newline) return;
  if (tok_.kind == Tok::Semi) {
    error_at(tok_.pos, "empty statement before ';'");
    return;
  }
  // Labels: `name:` prefixes, each optionally followed by newlines (Kite accepts blank lines
  // and comments between a label and what it labels).
  labels_.clear();
  while (tok_.kind == Tok::Name && lex_.next_is_colon()) {
    labels_.push_back({tok_.name, tok_.pos});
    advance();
    advance();  // ':'
    while (tok_.kind == Tok::Newline) advance();
  }
  if (tok_.kind == Tok::Eof) {
    if (!labels_.empty() && func_) return;  // reported as missing endfunc by run()
    return;
  }
  if (tok_.kind != Tok::Name) {
    fail_token("an instruction or directive");
    recover();
    labels_.clear();
    return;
  }
  NameId kw = tok_.name;
  uint32_t kw_pos = tok_.pos;
  advance();
  if (kw >= kFirstDirectiveName && kw < kFirstTypeName) {
    module_directive(static_cast<Directive>(kw - kFirstDirectiveName), kw_pos);
  } else if (kw >= kFirstTypeName && kw < kNumKeywords) {
    Type t;
    type_from_name_id(kw, &t);
    data_item(t, kw_pos);
  } else if (kw >= kFirstOpName && kw < kFirstDirectiveName) {
    Op op = static_cast<Op>(kw - kFirstOpName);
    if (op_has(op, kInternal)) {
      error_at(kw_pos, "'%s' is internal and cannot be written as an instruction", op_name(op));
      recover();
    } else {
      instruction(op, kw_pos);
    }
  } else {
    std::string_view s = name_str(kw);
    error_at(kw_pos, "unknown instruction or directive '%.*s'", static_cast<int>(s.size()), s.data());
    recover();
  }
  labels_.clear();
}

NameId Parser::single_name(const char* what, bool required) {
  if (labels_.size() > 1) {
    error_at(labels_[1].pos, "%s takes at most one name", what);
    return labels_[0].name;
  }
  if (labels_.empty()) {
    if (required) error_at(tok_.pos, "%s needs a name (write 'name: %s')", what, what);
    return 0;
  }
  return labels_[0].name;
}

void Parser::module_directive(Directive d, uint32_t kw_pos) {
  const char* dname = directive_name(d);
  bool takes_labels = d == Directive::Module || d == Directive::Func || d == Directive::Proto || d == Directive::Bss ||
                      d == Directive::String || d == Directive::Ref || d == Directive::Lref || d == Directive::Expr ||
                      d == Directive::Alias;
  if (!takes_labels && !labels_.empty()) {
    if (d == Directive::EndFunc && func_) {
      place_pending_labels();  // Kite: a label right before endfunc labels the function's end
    } else {
      error_at(labels_[0].pos, "'%s' cannot have a label", dname);
    }
  }
  if (d == Directive::Module) {
    NameId name = single_name("module", true);
    if (mod_) {
      error_at(kw_pos, "module inside module (missing endmodule?)");
      if (func_) end_func(kw_pos);
      end_module(kw_pos);
    }
    mod_ = ctx_.new_module(name, src_, kw_pos + 1);
    if (out_) out_->push_back(mod_);
    finish_statement();
    return;
  }
  if (!mod_) {
    error_at(kw_pos, "'%s' outside a module", dname);
    recover();
    return;
  }
  if (func_ && (d == Directive::Module || d == Directive::EndModule || d == Directive::Func || d == Directive::Proto ||
                d == Directive::Import || d == Directive::Export || d == Directive::Forward || d == Directive::Bss ||
                d == Directive::String || d == Directive::Ref || d == Directive::Lref || d == Directive::Expr ||
                d == Directive::Alias || d == Directive::Init || d == Directive::Fini || d == Directive::Weak)) {
    error_at(kw_pos, "'%s' inside a function (missing endfunc?)", dname);
    end_func(kw_pos);
  }
  switch (d) {
    case Directive::Module: break;
    case Directive::EndModule:
      finish_statement();
      end_module(kw_pos);
      return;
    case Directive::Func:
    case Directive::Proto: func_or_proto(d == Directive::Func, kw_pos); return;
    case Directive::EndFunc:
      if (!func_) {
        error_at(kw_pos, "endfunc outside a function");
        recover();
        return;
      }
      finish_statement();
      end_func(kw_pos);
      return;
    case Directive::Import:
    case Directive::Export:
    case Directive::Forward: declarations(d); return;
    case Directive::Local:
    case Directive::Global:
      if (!func_) {
        error_at(kw_pos, "'%s' outside a function", dname);
        recover();
        return;
      }
      vars(d == Directive::Global);
      return;
    case Directive::Bss: bss_item(kw_pos); return;
    case Directive::String: string_item(kw_pos); return;
    case Directive::Ref: ref_item(kw_pos); return;
    case Directive::Lref: lref_item(kw_pos); return;
    case Directive::Expr: expr_item(kw_pos); return;
    case Directive::Alias: alias_item(kw_pos); return;
    case Directive::Init:
    case Directive::Fini: startup_func(d, kw_pos); return;
    case Directive::Weak: weak_names(); return;
  }
}

// Defines `name` in the current module. A placeholder made by an earlier use becomes the
// definition itself, so operands that referred to it need no fixing.
ItemId Parser::define_item(ItemKind kind, NameId name, uint32_t pos) {
  if (name == 0) return ctx_.new_item(*mod_, kind, 0, pos + 1);
  ItemId prev = mod_->find(name);
  if (prev != kNone) {
    Item& p = ctx_.item(prev);
    if (p.kind == ItemKind::Undeclared) {
      p.kind = kind;
      p.loc = pos + 1;
      ctx_.place_item(prev);
      return prev;
    }
    if (p.kind == ItemKind::Export || p.kind == ItemKind::Forward) {
      ItemId id = ctx_.new_item(*mod_, kind, name, pos + 1);
      mod_->symbols.set(name, id);
      return id;
    }
    std::string_view s = name_str(name);
    SourceFile::LineCol lc = src_->locate(p.loc);
    if (p.kind == ItemKind::Import)
      error_at(pos, "'%.*s' is imported at line %u and cannot also be defined", static_cast<int>(s.size()), s.data(),
               lc.line);
    else
      error_at(pos, "redefinition of '%.*s' (first defined at line %u)", static_cast<int>(s.size()), s.data(), lc.line);
    return ctx_.new_item(*mod_, kind, name, pos + 1, /*hidden=*/true);
  }
  ItemId id = ctx_.new_item(*mod_, kind, name, pos + 1);
  mod_->symbols.set(name, id);
  return id;
}

ItemId Parser::item_ref(NameId name, uint32_t pos) {
  ItemId id = mod_->find(name);
  if (id != kNone) return id;
  // Kite: a name may be used before its declaration; the placeholder must be defined by the
  // end of the module (checked in end_module).
  id = ctx_.new_item(*mod_, ItemKind::Undeclared, name, pos + 1, /*hidden=*/true);
  mod_->symbols.set(name, id);
  decls_.push_back(id);
  return id;
}

void Parser::declarations(Directive d) {
  for (;;) {
    if (tok_.kind != Tok::Name) {
      fail_token("a name");
      recover();
      return;
    }
    NameId name = tok_.name;
    uint32_t pos = tok_.pos;
    advance();
    ItemId prev = mod_->find(name);
    if (d == Directive::Import) {
      if (prev == kNone) {
        mod_->symbols.set(name, ctx_.new_item(*mod_, ItemKind::Import, name, pos + 1));
      } else {
        Item& p = ctx_.item(prev);
        if (p.kind == ItemKind::Undeclared) {
          p.kind = ItemKind::Import;
          p.loc = pos + 1;
          ctx_.place_item(prev);
        } else if (p.kind == ItemKind::Export || p.kind == ItemKind::Forward) {
          mod_->symbols.set(name, ctx_.new_item(*mod_, ItemKind::Import, name, pos + 1));
        } else if (p.kind != ItemKind::Import) {
          std::string_view s = name_str(name);
          error_at(pos, "import of '%.*s', which this module defines", static_cast<int>(s.size()), s.data());
        }
      }
    } else {
      IdMap& seen = d == Directive::Export ? exported_ : forwarded_;
      if (seen.get(name) == IdMap::kMissing) {
        ItemId id = ctx_.new_item(*mod_, d == Directive::Export ? ItemKind::Export : ItemKind::Forward, name, pos + 1);
        seen.set(name, id);
        decls_.push_back(id);
        if (prev == kNone) mod_->symbols.set(name, id);
      }
    }
    if (tok_.kind != Tok::Comma) break;
    advance();
  }
  finish_statement();
}

// Header: result types, then `type:name` / `blkN:size(name)` arguments, then an optional `...`.
bool Parser::signature(const Signature** out, std::vector<Param>* params) {
  std::vector<Type> results;
  params->clear();
  bool vararg = false, ok = true;
  while (!at_end_of_statement()) {
    if (vararg) {
      error_at(tok_.pos, "'...' must be the last entry of a header");
      ok = false;
      break;
    }
    if (tok_.kind != Tok::Name) {
      ok = fail_token("a type or '...'");
      break;
    }
    if (name_str(tok_.name) == "...") {
      vararg = true;
      advance();
    } else {
      Type t;
      uint32_t tpos = tok_.pos;
      if (!type_from_name_id(tok_.name, &t)) {
        ok = fail_token("a type");
        break;
      }
      advance();
      if (tok_.kind != Tok::Colon) {
        if (!params->empty()) {
          error_at(tpos, "result types must come before the arguments (write type:name)");
          ok = false;
        } else if (is_blk_type(t)) {
          error_at(tpos, "a block type cannot be a result type");
          ok = false;
        } else {
          results.push_back(t);
        }
      } else {
        advance();
        Param p{t, 0, 0};
        if (is_blk_type(t)) {
          if (tok_.kind != Tok::Int) {
            ok = fail_token("the block size");
            break;
          }
          p.size = static_cast<uint32_t>(std::min<uint64_t>(tok_.ival, UINT32_MAX));
          if (tok_.negative || tok_.ival > UINT32_MAX) {
            error_at(tok_.pos, "invalid block size");
            ok = false;
          }
          advance();
          if (!expect(Tok::LParen, "'(' after the block size")) {
            ok = false;
            break;
          }
          if (tok_.kind != Tok::Name) {
            ok = fail_token("the block argument's name");
            break;
          }
          p.name = tok_.name;
          advance();
          if (!expect(Tok::RParen, "')'")) {
            ok = false;
            break;
          }
        } else {
          if (tok_.kind != Tok::Name) {
            ok = fail_token("the argument's name");
            break;
          }
          p.name = tok_.name;
          advance();
        }
        params->push_back(p);
      }
    }
    if (at_end_of_statement()) break;
    if (!expect(Tok::Comma, "',' or end of line")) {
      ok = false;
      break;
    }
  }
  if (!ok) recover();
  *out = ctx_.new_signature(results, *params, vararg);
  return ok;
}

void Parser::func_or_proto(bool is_func, uint32_t kw_pos) {
  NameId name = single_name(is_func ? "func" : "proto", true);
  std::vector<Param> params;
  const Signature* sig;
  signature(&sig, &params);
  ItemId id = define_item(is_func ? ItemKind::Func : ItemKind::Proto, name, kw_pos);
  if (!is_func) {
    ctx_.item(id).proto = sig;
    return;
  }
  func_ = ctx_.make_func(id, sig);
  func_has_errors_ = false;
  funcs_.push_back(func_);
  for (VarId v = 0; v < params.size(); v++) bind_var(params[v].name, v, kw_pos);
}

void Parser::bind_var(NameId name, VarId v, uint32_t pos) {
  grow(var_of_name_, name);
  std::string_view s = name_str(name);
  if (var_of_name_[name] != 0) return;  // the verifier reports the redefinition
  if (is_reserved_var_name(s)) error_at(pos, "'%.*s' is a reserved name", static_cast<int>(s.size()), s.data());
  var_of_name_[name] = v + 1;
}

void Parser::vars(bool global) {
  for (;;) {
    Type t;
    if (tok_.kind != Tok::Name || !type_from_name_id(tok_.name, &t)) {
      fail_token("type:name");
      recover();
      return;
    }
    uint32_t tpos = tok_.pos;
    advance();
    if (!expect(Tok::Colon, "':' after the type")) return recover();
    if (tok_.kind != Tok::Name) {
      fail_token("a variable name");
      return recover();
    }
    NameId name = tok_.name;
    uint32_t npos = tok_.pos;
    advance();
    NameId reg = 0;
    if (global) {
      if (!expect(Tok::Colon, "':' and a hard register name")) return recover();
      if (tok_.kind != Tok::Name) {
        fail_token("a hard register name");
        return recover();
      }
      reg = tok_.name;
      advance();
    } else if (tok_.kind == Tok::Colon) {
      error_at(tok_.pos, "only 'global' variables take a hard register");
      return recover();
    }
    if (t != Type::I64 && t != Type::F && t != Type::D && t != Type::LD) {
      error_at(tpos, "variables must have type i64, f, d or ld, not '%s'", type_name(t));
      t = Type::I64;
    }
    VarId v = global ? func_->new_global(name, t, reg, npos + 1) : func_->new_var(name, t, npos + 1);
    bind_var(name, v, npos);
    if (tok_.kind != Tok::Comma) break;
    advance();
  }
  finish_statement();
}

LabelId Parser::label_ref(NameId name, uint32_t pos) {
  grow(label_of_name_, name);
  if (label_of_name_[name]) return label_of_name_[name] - 1;
  LabelId l = func_->new_label(name, pos + 1);
  label_of_name_[name] = l + 1;
  return l;
}

void Parser::place_pending_labels() {
  for (const PendingLabel& pl : labels_) {
    LabelId l = label_ref(pl.name, pl.pos);
    if (func_->label(l).def != kNone) {
      std::string_view s = name_str(pl.name);
      error_at(pl.pos, "redefinition of label '%.*s'", static_cast<int>(s.size()), s.data());
      continue;
    }
    func_->append_label(l, pl.pos + 1);
  }
  labels_.clear();
}

bool Parser::var_name(VarId* out, const char* what) {
  if (tok_.kind != Tok::Name) return fail_token(what);
  NameId n = tok_.name;
  if (n >= var_of_name_.size() || var_of_name_[n] == 0) {
    std::string_view s = name_str(n);
    error_at(tok_.pos, "'%.*s' is not a variable (%s must be a variable)", static_cast<int>(s.size()), s.data(), what);
    return false;
  }
  *out = var_of_name_[n] - 1;
  advance();
  return true;
}

// After `type:`: disp | [disp] '(' [base] [',' [index] [',' scale]] ')', then aliases.
bool Parser::mem_operand(Type t, Operand* out) {
  int64_t disp = 0;
  VarId base = kNone, index = kNone;
  uint64_t scale = 1;
  bool have_disp = false;
  if (tok_.kind == Tok::Int) {
    disp = static_cast<int64_t>(tok_.ival);
    have_disp = true;
    advance();
  }
  if (tok_.kind == Tok::LParen) {
    advance();
    if (tok_.kind == Tok::Name && !var_name(&base, "a memory base")) return false;
    if (tok_.kind == Tok::Comma) {
      advance();
      if (tok_.kind == Tok::Name && !var_name(&index, "a memory index")) return false;
      if (tok_.kind == Tok::Comma) {
        advance();
        if (tok_.kind != Tok::Int) return fail_token("a scale (an integer from 1 to 255)");
        scale = tok_.ival;
        // MIR keeps the scale in a byte; c2m writes struct sizes (12, 24, 48...) as scales.
        if (tok_.negative || scale < 1 || scale > 255) {
          error_at(tok_.pos, "scale must be an integer from 1 to 255");
          return false;
        }
        advance();
      }
    }
    if (!expect(Tok::RParen, "')' closing the memory operand")) return false;
  } else if (!have_disp) {
    return fail_token("a displacement or '(' in the memory operand");
  }
  NameId alias = 0, nonalias = 0;
  if (tok_.kind == Tok::Colon) {
    advance();
    if (tok_.kind == Tok::Name) {
      alias = tok_.name;
      advance();
      if (tok_.kind == Tok::Colon) {
        advance();
        if (tok_.kind != Tok::Name) return fail_token("a nonalias name");
        nonalias = tok_.name;
        advance();
      }
    } else if (tok_.kind == Tok::Colon) {
      advance();
      if (tok_.kind != Tok::Name) return fail_token("a nonalias name");
      nonalias = tok_.name;
      advance();
    } else {
      return fail_token("an alias name");
    }
  }
  *out = func_->mem(t, disp, base, index, static_cast<uint8_t>(scale), alias, nonalias);
  return true;
}

bool Parser::declared_item(NameId n) const {
  ItemId id = mod_->find(n);
  return id != kNone && ctx_.item(id).kind != ItemKind::Undeclared;
}

bool Parser::nonfinite_name(NameId n, Token* t) const {
  std::string_view s = name_str(n);
  const char* err = nullptr;
  return scan_nonfinite(s, false, t, &err) == s.size() && !err;
}

Operand Parser::number_operand(const Token& t) {
  switch (t.kind) {
    case Tok::Float: return Operand::float32(t.fval);
    case Tok::Double: return Operand::float64(t.dval);
    case Tok::LDouble: return ctx_.ldouble_operand(t.ldval);
    default: kite_unreachable("number_operand of a non-floating token");
  }
}

bool Parser::operand(bool label_position, Operand* out) {
  switch (tok_.kind) {
    case Tok::Name: {
      NameId n = tok_.name;
      uint32_t pos = tok_.pos;
      if (lex_.next_is_colon()) {
        Type t;
        if (!type_from_name_id(n, &t)) {
          std::string_view s = name_str(n);
          error_at(pos, "unknown type '%.*s' in memory operand", static_cast<int>(s.size()), s.data());
          return false;
        }
        advance();
        advance();  // ':'
        return mem_operand(t, out);
      }
      advance();
      if (label_position) {
        *out = Operand::label(label_ref(n, pos));
      } else if (n < var_of_name_.size() && var_of_name_[n]) {
        *out = Operand::var(var_of_name_[n] - 1);
      } else if (Token num; !declared_item(n) && nonfinite_name(n, &num)) {
        // MIR's printer writes `inf`, `nanf`, `infL`...: numbers unless a variable or an
        // item already declared has that name (docs/ir.md, "Infinities and NaNs").
        *out = number_operand(num);
      } else {
        *out = Operand::item(item_ref(n, pos));
      }
      return true;
    }
    case Tok::Int:
      *out = Operand::int64(static_cast<int64_t>(tok_.ival));
      advance();
      return true;
    case Tok::Float:
    case Tok::Double:
    case Tok::LDouble:
      *out = number_operand(tok_);
      advance();
      return true;
    case Tok::String:
      *out = Operand::str(ctx_.add_string(lex_.string_value()));
      advance();
      return true;
    default: return fail_token("an operand");
  }
}

void Parser::instruction(Op op, uint32_t kw_pos) {
  if (!func_) {
    error_at(kw_pos, "instruction '%s' outside a function", op_name(op));
    labels_.clear();
    recover();
    return;
  }
  place_pending_labels();
  const OpInfo& info = op_info(op);
  ops_.clear();
  while (!at_end_of_statement()) {
    size_t i = ops_.size();
    bool label_position = (i < info.nfixed && info.roles[i] == OperandRole::Label) || (op == Op::Switch && i > 0);
    Operand o;
    if (!operand(label_position, &o)) return recover();
    ops_.push_back(o);
    if (at_end_of_statement()) break;
    if (!expect(Tok::Comma, "',' between operands")) return recover();
  }
  if (ops_.size() > UINT16_MAX) {
    error_at(kw_pos, "too many operands");
    return;
  }
  func_->append(op, ops_, kw_pos + 1);
}

void Parser::end_func(uint32_t pos) {
  (void)pos;
  // Labels used but never placed are the verifier's to report.
  for (LabelId l = 0; l < func_->num_labels(); l++) label_of_name_[func_->label(l).name] = 0;
  for (VarId v = 0; v < func_->num_vars(); v++) {
    NameId n = func_->var(v).name;
    if (n < var_of_name_.size()) var_of_name_[n] = 0;
  }
  func_->shrink_to_fit();
  func_ = nullptr;
}

void Parser::end_module(uint32_t pos) {
  (void)pos;
  for (ItemId id : decls_) {
    Item& it = ctx_.item(id);
    ItemId def = mod_->find(it.name);
    ItemKind k = def == kNone ? ItemKind::Undeclared : ctx_.item(def).kind;
    if (k != ItemKind::Undeclared && k != ItemKind::Export && k != ItemKind::Forward) {
      it.resolved = def;
      continue;
    }
    std::string_view s = name_str(it.name);
    if (it.kind == ItemKind::Undeclared)
      error_at(it.loc - 1, "undeclared name '%.*s'", static_cast<int>(s.size()), s.data());
    // Exports and forwards of missing items are reported by the verifier, which also sees
    // API-built modules.
  }
  // lref labels are named at module level; in Kite labels belong to one function, so the
  // name must be defined by exactly one function of the module.
  // lref labels are named at module level; in Kite labels belong to one function, so a name
  // resolves when exactly one function of the module places it (the verifier reports the rest).
  for (ItemId id : lrefs_) {
    LrefPayload& lr = ctx_.item(id).lref;
    Func* owner = nullptr;
    int matches = 0;
    for (Func* f : funcs_)
      for (LabelId l = 0; l < f->num_labels(); l++)
        if (f->label(l).name == lr.label_name && f->label(l).def != kNone) {
          matches++;
          owner = f;
          lr.label = l;
        }
    if (matches != 1) continue;
    lr.func = owner->item();
    if (lr.label2_name == 0) continue;
    for (LabelId l = 0; l < owner->num_labels(); l++)
      if (owner->label(l).name == lr.label2_name && owner->label(l).def != kNone) lr.label2 = l;
  }
  // `weak NAME` marks the module's import or export of NAME, wherever either is declared.
  for (const WeakName& w : weak_) {
    ItemId id = exported_.get(w.name);
    if (id == IdMap::kMissing) {
      ItemId sym = mod_->find(w.name);
      id = sym != kNone && ctx_.item(sym).kind == ItemKind::Import ? sym : IdMap::kMissing;
    }
    if (id == IdMap::kMissing) {
      std::string_view s = name_str(w.name);
      error_at(w.pos, "weak '%.*s' is neither imported nor exported by this module", static_cast<int>(s.size()),
               s.data());
      continue;
    }
    ctx_.item(id).weak = true;
  }
  weak_.clear();
  lrefs_.clear();
  decls_.clear();
  funcs_.clear();
  exported_.clear();
  forwarded_.clear();
  mod_ = nullptr;
}

// --- data-like items

void Parser::data_item(Type t, uint32_t kw_pos) {
  if (func_) {
    error_at(kw_pos, "data item '%s' inside a function (missing endfunc?)", type_name(t));
    return recover();
  }
  if (!mod_) {
    error_at(kw_pos, "data outside a module");
    return recover();
  }
  if (is_blk_type(t)) {
    error_at(kw_pos, "'%s' is not a data type", type_name(t));
    return recover();
  }
  NameId name = single_name("data", false);
  std::vector<uint8_t> bytes;
  uint32_t size = type_size(t);
  uint32_t count = 0;
  bool ok = true;
  for (;;) {
    uint8_t buf[16] = {0};
    bool kind_ok = false;
    if (Token num; tok_.kind == Tok::Name && nonfinite_name(tok_.name, &num)) {
      num.pos = tok_.pos;  // `inf`, `nanf`... as MIR's printer writes them; a value here
      num.len = tok_.len;
      tok_ = num;
    }
    if (is_int_type(t) && tok_.kind == Tok::Int) {
      memcpy(buf, &tok_.ival, size);  // little-endian truncation to the element width
      kind_ok = true;
    } else if (t == Type::F && tok_.kind == Tok::Float) {
      memcpy(buf, &tok_.fval, 4);
      kind_ok = true;
    } else if (t == Type::D && tok_.kind == Tok::Double) {
      memcpy(buf, &tok_.dval, 8);
      kind_ok = true;
    } else if (t == Type::LD && tok_.kind == Tok::LDouble) {
      memcpy(buf, &tok_.ldval, 10);  // the x87 80-bit image; the rest is padding
      kind_ok = true;
    }
    if (!kind_ok) {
      if (tok_.kind == Tok::Int || tok_.kind == Tok::Float || tok_.kind == Tok::Double || tok_.kind == Tok::LDouble) {
        error_at(tok_.pos, "%s is not a value of data type '%s'",
                 tok_.kind == Tok::Int      ? "an integer"
                 : tok_.kind == Tok::Float  ? "a float literal"
                 : tok_.kind == Tok::Double ? "a double literal"
                                            : "a long double literal",
                 type_name(t));
      } else {
        fail_token("a data value");
      }
      ok = false;
      break;
    }
    bytes.insert(bytes.end(), buf, buf + size);
    count++;
    advance();
    if (tok_.kind != Tok::Comma) break;
    advance();
  }
  if (!ok) recover();
  ItemId id = define_item(ItemKind::Data, name, kw_pos);
  uint8_t* mem = ctx_.arena().make_array<uint8_t>(bytes.size());
  if (!bytes.empty()) memcpy(mem, bytes.data(), bytes.size());
  ctx_.item(id).data = DataPayload{t, false, count, mem};
  if (ok) finish_statement();
}

void Parser::string_item(uint32_t kw_pos) {
  NameId name = single_name("string", false);
  if (tok_.kind != Tok::String) {
    fail_token("a string literal");
    return recover();
  }
  const std::string& s = lex_.string_value();
  ItemId id = define_item(ItemKind::Data, name, kw_pos);
  uint8_t* mem = ctx_.arena().make_array<uint8_t>(s.size());
  if (!s.empty()) memcpy(mem, s.data(), s.size());
  ctx_.item(id).data = DataPayload{Type::U8, true, static_cast<uint32_t>(s.size()), mem};
  advance();
  finish_statement();
}

void Parser::bss_item(uint32_t kw_pos) {
  NameId name = single_name("bss", false);
  if (tok_.kind != Tok::Int || tok_.negative) {
    fail_token("a non-negative size");
    return recover();
  }
  ItemId id = define_item(ItemKind::Bss, name, kw_pos);
  ctx_.item(id).bss_size = tok_.ival;
  advance();
  finish_statement();
}

void Parser::ref_item(uint32_t kw_pos) {
  NameId name = single_name("ref", false);
  if (tok_.kind != Tok::Name) {
    fail_token("an item name");
    return recover();
  }
  ItemId target = item_ref(tok_.name, tok_.pos);
  advance();
  if (!expect(Tok::Comma, "',' and a displacement")) return recover();
  if (tok_.kind != Tok::Int) {
    fail_token("a displacement");
    return recover();
  }
  int64_t disp = static_cast<int64_t>(tok_.ival);
  advance();
  ItemId id = define_item(ItemKind::Ref, name, kw_pos);
  ctx_.item(id).ref = RefPayload{target, disp};
  finish_statement();
}

void Parser::lref_item(uint32_t kw_pos) {
  NameId name = single_name("lref", false);
  if (tok_.kind != Tok::Name) {
    fail_token("a label name");
    return recover();
  }
  LrefPayload lr{tok_.name, 0, 0, kNone, kNone, kNone};
  advance();
  if (tok_.kind == Tok::Comma) {
    advance();
    if (tok_.kind == Tok::Name) {
      lr.label2_name = tok_.name;
      advance();
      if (tok_.kind == Tok::Comma) {
        advance();
        if (tok_.kind != Tok::Int) {
          fail_token("a displacement");
          return recover();
        }
        lr.disp = static_cast<int64_t>(tok_.ival);
        advance();
      }
    } else if (tok_.kind == Tok::Int) {
      lr.disp = static_cast<int64_t>(tok_.ival);
      advance();
    } else {
      fail_token("a label or a displacement");
      return recover();
    }
  }
  ItemId id = define_item(ItemKind::Lref, name, kw_pos);
  ctx_.item(id).lref = lr;
  lrefs_.push_back(id);
  finish_statement();
}

void Parser::expr_item(uint32_t kw_pos) {
  NameId name = single_name("expr", false);
  if (tok_.kind != Tok::Name) {
    fail_token("a function name");
    return recover();
  }
  ItemId fn = item_ref(tok_.name, tok_.pos);
  advance();
  ItemId id = define_item(ItemKind::Expr, name, kw_pos);
  ctx_.item(id).expr_func = fn;
  finish_statement();
}

// Kite: `name: alias target`, another name for a definition of this module.
void Parser::alias_item(uint32_t kw_pos) {
  NameId name = single_name("alias", true);
  if (tok_.kind != Tok::Name) {
    fail_token("an item name");
    return recover();
  }
  ItemId target = item_ref(tok_.name, tok_.pos);
  advance();
  if (!name) return finish_statement();
  ItemId id = define_item(ItemKind::Alias, name, kw_pos);
  ctx_.item(id).alias_target = target;
  finish_statement();
}

// Kite: `init f [, priority]` / `fini f [, priority]`, functions run before the entry and at exit.
void Parser::startup_func(Directive d, uint32_t kw_pos) {
  if (tok_.kind != Tok::Name) {
    fail_token("a function name");
    return recover();
  }
  StartupFunc sf{item_ref(tok_.name, tok_.pos), kDefaultStartupPriority, kw_pos + 1};
  advance();
  if (tok_.kind == Tok::Comma) {
    advance();
    if (tok_.kind != Tok::Int || tok_.negative || tok_.ival > kDefaultStartupPriority) {
      fail_token("a priority (an integer from 0 to 65535)");
      return recover();
    }
    sf.priority = static_cast<uint32_t>(tok_.ival);
    advance();
  }
  (d == Directive::Init ? mod_->inits : mod_->finis).push_back(sf);
  finish_statement();
}

// Kite: `weak a, b`: the imports or exports of these names are weak (resolved at endmodule).
void Parser::weak_names() {
  for (;;) {
    if (tok_.kind != Tok::Name) {
      fail_token("a name");
      return recover();
    }
    weak_.push_back({tok_.name, tok_.pos});
    advance();
    if (tok_.kind != Tok::Comma) break;
    advance();
  }
  finish_statement();
}

}  // namespace

bool parse_text(Context& ctx, std::string_view text, std::string_view file_name, Diagnostics& diags,
                std::vector<Module*>* modules) {
  size_t errors_before = diags.error_count();
  if (text.size() >= UINT32_MAX) {
    diags.error(file_name, 0, 0, "file too large");
    return false;
  }
  SourceFile* src = ctx.new_source(file_name);
  Parser p(ctx, text, src, diags);
  p.run(modules);
  return diags.error_count() == errors_before;
}

}  // namespace kite

namespace kite {

bool check_text(Context& ctx, std::string_view text, std::string_view file_name, Diagnostics& diags,
                std::vector<Module*>* modules, const VerifyOptions& opts) {
  std::vector<Module*> local;
  std::vector<Module*>* mods = modules ? modules : &local;
  size_t first = mods->size();
  bool ok = parse_text(ctx, text, file_name, diags, mods);
  for (size_t i = first; i < mods->size(); i++) ok &= verify_module(ctx, *(*mods)[i], diags, opts);
  return ok;
}

}  // namespace kite

// GNU attributes that change what a declaration means (gcc's semantics): cleanup(fn) on a
// local runs fn(&var) when the variable's scope ends (irgen_vla.cpp runs it on every way out);
// constructor and destructor (with an optional priority) make a function run before main or
// at exit (the IR's `init` / `fini`); alias("target") makes a name another name of a function
// or object defined in the same translation unit (the IR's `alias` item); an `__asm__("name")`
// label gives a declaration another name for the linker. skip_gnu_attributes (parse_decl.cpp)
// finds the attributes; this file reads their arguments and applies them to symbols.
#include "parser.h"

namespace kite::c {

// At an attribute's name: its arguments are the tokens after it, which skip_gnu_attributes
// then skips (this only peeks).
void Parser::record_gnu_attribute(std::string_view n, SourceLoc loc) {
  if (!attr_sink_) {
    warning(loc, "'%.*s' attribute ignored", static_cast<int>(n.size()), n.data());
    return;
  }
  GnuAttrs& a = *attr_sink_;
  if (n == "weak") {
    a.weak = true;
    a.weak_loc = loc;
  } else if (n == "gnu_inline") {
    a.gnu_inline = true;
  } else if (n == "cleanup") {
    if (!peek().is(Punct::LParen) || peek(1).kind != TokKind::Identifier || !peek(2).is(Punct::RParen)) {
      error(loc, "cleanup argument not an identifier");
      return;
    }
    a.cleanup = peek(1).spelling;
    a.cleanup_loc = loc;
  } else if (n == "alias") {
    std::string_view target = peek(1).kind == TokKind::String ? names_.str(peek(1).spelling) : std::string_view();
    if (!peek().is(Punct::LParen) || target.size() < 2 || target[0] != '"' || !peek(2).is(Punct::RParen)) {
      error(loc, "alias argument not a string");
      return;
    }
    a.alias = target.substr(1, target.size() - 2);
    a.alias_loc = loc;
  } else {  // constructor, destructor: an optional priority from 0 to 65535 (gcc reserves 0-100)
    uint16_t priority = 65535;
    if (peek().is(Punct::LParen)) {
      int64_t v = -1;
      if (peek(1).kind == TokKind::Number && peek(2).is(Punct::RParen)) {
        Expr* e = parse_number(peek(1));
        if (e->kind == ExprKind::IntLit) v = e->ival;
      }
      if (v < 0 || v > 65535) {
        error(peek(1).loc, "%.*s priorities must be integers from 0 to 65535 inclusive", static_cast<int>(n.size()),
              n.data());
        return;
      }
      priority = static_cast<uint16_t>(v);
    }
    if (n == "constructor") a.constructor = true, a.constructor_priority = priority, a.constructor_loc = loc;
    else a.destructor = true, a.destructor_priority = priority, a.destructor_loc = loc;
  }
}

void Parser::apply_gnu_attrs(const GnuAttrs& spec_attrs, const GnuAttrs& decl_attrs, Symbol* s, bool file_scope) {
  auto pick = [&](auto member) -> const GnuAttrs& {
    return (decl_attrs.*member) ? decl_attrs : spec_attrs;
  };
  const GnuAttrs& ca = pick(&GnuAttrs::cleanup);
  if (ca.cleanup) {
    bool local = s->kind == Symbol::Var && !s->global && !file_scope && s->storage != StorageClass::Extern;
    Symbol* fn = lookup(ca.cleanup);
    if (!local) {
      warning(ca.cleanup_loc, "'cleanup' attribute ignored");
    } else if (!fn || fn->kind != Symbol::Func) {
      error(ca.cleanup_loc, "cleanup argument not a function");
    } else {
      // fn(&var), checked as a call: one parameter that a pointer to the variable converts to
      // (gcc warns when it points to another type).
      const CType* ft = fn->type;
      if (!ft->unprototyped && ft->nparams == 1 && is_ptr(ft->params[0]) && !is_void(ft->params[0]->base->unqual) &&
          ft->params[0]->base->unqual != s->type->unqual) {
        std::string_view fname = names_.str(fn->name);
        warning(ca.cleanup_loc, "passing argument 1 of '%.*s' from incompatible pointer type",
                static_cast<int>(fname.size()), fname.data());
      }
      Expr* callee = new_expr(ExprKind::FuncRef, fn->type, ca.cleanup_loc);
      callee->sym = fn;
      fn->used = true;
      Expr* var = new_expr(ExprKind::VarRef, s->type, ca.cleanup_loc);
      var->sym = s;
      var->lvalue = true;
      std::vector<Expr*> args{addr_of(var, ca.cleanup_loc)};
      Expr* c = call(callee, args, ca.cleanup_loc);
      if (c->kind == ExprKind::Call) s->cleanup = c;
    }
  }
  bool ctor = decl_attrs.constructor || spec_attrs.constructor;
  bool dtor = decl_attrs.destructor || spec_attrs.destructor;
  if (ctor || dtor) {
    if (s->kind != Symbol::Func) {
      const GnuAttrs& a = pick(ctor ? &GnuAttrs::constructor : &GnuAttrs::destructor);
      warning(ctor ? a.constructor_loc : a.destructor_loc, "'%s' attribute ignored", ctor ? "constructor" : "destructor");
    } else {
      if (ctor) s->constructor = true, s->constructor_priority = pick(&GnuAttrs::constructor).constructor_priority;
      if (dtor) s->destructor = true, s->destructor_priority = pick(&GnuAttrs::destructor).destructor_priority;
    }
  }
  if (decl_attrs.weak || spec_attrs.weak) {
    SourceLoc wl = pick(&GnuAttrs::weak).weak_loc;
    bool local_object = s->kind == Symbol::Var && !file_scope && s->storage != StorageClass::Extern;
    if (s->kind != Symbol::Func && s->kind != Symbol::Var)
      warning(wl, "'weak' attribute ignored");
    else if (s->storage == StorageClass::Static || local_object)
      error(wl, "weak declaration of '%s' must be public", std::string(names_.str(s->name)).c_str());
    else
      s->weak = true;
  }
  const GnuAttrs& aa = decl_attrs.alias.empty() ? spec_attrs : decl_attrs;
  if (!aa.alias.empty()) {
    if (!s->global || (s->kind != Symbol::Func && s->kind != Symbol::Var)) {
      warning(aa.alias_loc, "'alias' attribute ignored");
    } else if (s->kind == Symbol::Var && s->storage != StorageClass::Extern && !file_scope) {
      warning(aa.alias_loc, "'alias' attribute ignored");
    } else {
      // Resolved at the end of the unit (the target may be defined later); the alias itself
      // is no definition of data.
      aliases_.push_back({s, names_.intern(aa.alias), aa.alias_loc});
      if (s->kind == Symbol::Var) s->defined = false;
    }
  }
}

void Parser::resolve_aliases() {
  for (const PendingAlias& a : aliases_) {
    Symbol* target = nullptr;
    for (Symbol* g : globals_)
      if (g->ir_name == a.target && g != a.sym && g->defined && g->kind == a.sym->kind) target = g;
    std::string_view t = names_.str(a.target), n = names_.str(a.sym->name);
    if (!target) {
      error(a.loc, "'%.*s' aliased to undefined symbol '%.*s'", static_cast<int>(n.size()), n.data(),
            static_cast<int>(t.size()), t.data());
      continue;
    }
    a.sym->alias_of = target;
    target->used = true;  // emitted even if nothing else refers to it
  }
}

void Parser::settle_inline_definitions() {
  size_t kept = 0;
  for (const FuncDef& f : funcs_) {
    Symbol* s = f.sym;
    if (s->storage != StorageClass::Static)
      s->inline_only = s->gnu_inline_def ? s->extern_inline_def && !s->decl_not_extern : !s->decl_not_inline_or_extern;
    bool static_inline = s->storage == StorageClass::Static && !s->decl_not_inline_or_extern;
    if ((s->inline_only || static_inline) && !s->used && !s->constructor && !s->destructor) continue;
    funcs_[kept++] = f;
  }
  funcs_.resize(kept);
}

}  // namespace kite::c

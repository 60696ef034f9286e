// Declarations (C11 6.7, 6.9): declaration specifiers, declarators of every form (pointers,
// arrays, functions, parenthesised), struct/union/enum bodies, typedefs, storage classes,
// initializers (braced, nested, brace elision, designators), and function definitions.
#include "parser.h"

namespace kite::c {

bool Parser::starts_type_name(const Token& t) {
  if (t.kind != TokKind::Identifier) return false;
  switch (kw(t)) {
    case Kw::Void:
    case Kw::Char:
    case Kw::Short:
    case Kw::Int:
    case Kw::Long:
    case Kw::Float:
    case Kw::Double:
    case Kw::Signed:
    case Kw::GnuSigned:
    case Kw::Unsigned:
    case Kw::Bool:
    case Kw::Struct:
    case Kw::Union:
    case Kw::Enum:
    case Kw::Const:
    case Kw::GnuConst:
    case Kw::Volatile:
    case Kw::GnuVolatile:
    case Kw::Restrict:
    case Kw::GnuRestrict:
    case Kw::GnuRestrict2:
    case Kw::Attribute:
    case Kw::Attribute2:
    case Kw::Extension:
    case Kw::Typeof:
    case Kw::GnuTypeof:
    case Kw::GnuTypeof2: return true;
    case Kw::None: {
      Symbol* s = lookup(t.spelling);
      return s && s->kind == Symbol::Typedef;
    }
    default: return false;
  }
}

unsigned Parser::skip_gnu_attributes() {
  unsigned mode = 0;
  for (;;) {
    Kw k = kw(peek());
    bool attribute = k == Kw::Attribute || k == Kw::Attribute2;
    if (!attribute && k != Kw::Asm && k != Kw::Asm2) return mode;
    SourceLoc loc = advance().loc;
    if (!expect(Punct::LParen, "'('")) return mode;
    // Skip to the matching ')', looking at the attribute names at the top level of ((...)).
    int depth = 1;
    while (depth > 0 && peek().kind != TokKind::Eof) {
      Token t = advance();
      if (t.is(Punct::LParen)) depth++;
      else if (t.is(Punct::RParen)) depth--;
      else if (attribute && depth == 2 && t.kind == TokKind::Identifier) {
        std::string_view n = names_.str(t.spelling);
        if (n.size() > 4 && n.starts_with("__") && n.ends_with("__")) n = n.substr(2, n.size() - 4);
        if (n == "mode" && peek().is(Punct::LParen) && peek(1).kind == TokKind::Identifier && peek(2).is(Punct::RParen)) {
          std::string_view m = names_.str(peek(1).spelling);
          if (m.size() > 4 && m.starts_with("__") && m.ends_with("__")) m = m.substr(2, m.size() - 4);
          mode = m == "QI" ? 1 : m == "HI" ? 2 : m == "SI" ? 4 : (m == "DI" || m == "word" || m == "pointer") ? 8 : 0;
          if (!mode) error(peek(1).loc, "mode '%.*s' is not supported", static_cast<int>(m.size()), m.data());
        } else if (n == "packed" || n == "aligned" || n == "weak" || n == "alias" || n == "constructor" ||
                   n == "destructor" || n == "section" || n == "vector_size" || n == "mode" || n == "cleanup") {
          error(t.loc, "attribute '%.*s' is not supported yet", static_cast<int>(n.size()), n.data());
        }
      }
    }
    (void)loc;
  }
}

bool Parser::parse_decl_spec(DeclSpec* spec, bool allow_storage) {
  spec->loc = peek().loc;
  int n_void = 0, n_char = 0, n_short = 0, n_int = 0, n_long = 0, n_float = 0, n_double = 0, n_bool = 0;
  int n_signed = 0, n_unsigned = 0;
  uint8_t quals = 0;
  const CType* named = nullptr;
  bool any = false;
  for (;;) {
    const Token& t = peek();
    if (t.kind != TokKind::Identifier) break;
    Kw k = kw(t);
    SourceLoc loc = t.loc;
    auto storage = [&](StorageClass sc) {
      if (!allow_storage) error(loc, "storage class not allowed here");
      else if (spec->storage != StorageClass::None) error(loc, "more than one storage class");
      spec->storage = sc;
    };
    switch (k) {
      case Kw::Attribute:
      case Kw::Attribute2:
      case Kw::Asm:
      case Kw::Asm2:
        skip_gnu_attributes();
        continue;
      case Kw::Extension: break;
      case Kw::Typedef: storage(StorageClass::Typedef); break;
      case Kw::Extern: storage(StorageClass::Extern); break;
      case Kw::Static: storage(StorageClass::Static); break;
      case Kw::Auto: storage(StorageClass::Auto); break;
      case Kw::Register: storage(StorageClass::Register); break;
      case Kw::Inline:
      case Kw::GnuInline:
      case Kw::GnuInline2:
      case Kw::Noreturn: spec->is_inline = true; break;
      case Kw::Const:
      case Kw::GnuConst: quals |= kConst; break;
      case Kw::Volatile:
      case Kw::GnuVolatile: quals |= kVolatile; break;
      case Kw::Restrict:
      case Kw::GnuRestrict:
      case Kw::GnuRestrict2: quals |= kRestrict; break;
      case Kw::Void: n_void++; break;
      case Kw::Char: n_char++; break;
      case Kw::Short: n_short++; break;
      case Kw::Int: n_int++; break;
      case Kw::Long: n_long++; break;
      case Kw::Float: n_float++; break;
      case Kw::Double: n_double++; break;
      case Kw::Bool: n_bool++; break;
      case Kw::Signed:
      case Kw::GnuSigned: n_signed++; break;
      case Kw::Unsigned: n_unsigned++; break;
      case Kw::Struct:
      case Kw::Union:
      case Kw::Enum: {
        if (named) error(loc, "two or more data types in declaration specifiers");
        advance();
        named = k == Kw::Enum ? parse_enum(loc) : parse_record(k == Kw::Struct ? TypeKind::Struct : TypeKind::Union, loc);
        any = true;
        continue;
      }
      case Kw::Typeof:
      case Kw::GnuTypeof:
      case Kw::GnuTypeof2:
        if (named) error(loc, "two or more data types in declaration specifiers");
        named = parse_typeof();
        any = true;
        continue;
      case Kw::None: {
        int basics = n_void + n_char + n_short + n_int + n_long + n_float + n_double + n_bool + n_signed + n_unsigned;
        Symbol* s = lookup(t.spelling);
        if (named || basics || !s || s->kind != Symbol::Typedef) goto done;
        named = s->type;
        break;
      }
      default: goto done;
    }
    advance();
    any = true;
  }
done:
  if (!any) return false;
  int basics = n_void + n_char + n_short + n_int + n_long + n_float + n_double + n_bool;
  const CType* t = named;
  if (named && (basics || n_signed || n_unsigned)) {
    error(spec->loc, "two or more data types in declaration specifiers");
  } else if (!named) {
    TypeKind k = TypeKind::Int;
    bool bad = n_signed && n_unsigned;
    if (n_void) k = TypeKind::Void, bad |= basics > 1 || n_signed || n_unsigned;
    else if (n_bool) k = TypeKind::Bool, bad |= basics > 1 || n_signed || n_unsigned;
    else if (n_float) k = TypeKind::Float, bad |= basics > 1 || n_signed || n_unsigned;
    else if (n_double) k = n_long == 1 ? TypeKind::LDouble : TypeKind::Double, bad |= basics > 1 + n_long || n_long > 1 || n_signed || n_unsigned;
    else if (n_char) k = n_unsigned ? TypeKind::UChar : n_signed ? TypeKind::SChar : TypeKind::Char, bad |= basics > 1;
    else if (n_short) k = n_unsigned ? TypeKind::UShort : TypeKind::Short, bad |= n_long || n_short > 1 || n_int > 1;
    else if (n_long == 1) k = n_unsigned ? TypeKind::ULong : TypeKind::Long, bad |= n_int > 1;
    else if (n_long == 2) k = n_unsigned ? TypeKind::ULLong : TypeKind::LLong, bad |= n_int > 1;
    else if (n_long > 2) bad = true;
    else if (n_unsigned) k = TypeKind::UInt;
    else if (n_int == 0 && n_signed == 0) {
      error(spec->loc, "type specifier missing (implicit int is not supported)");
    }
    if (bad) error(spec->loc, "invalid combination of type specifiers");
    t = types_.basic(k);
  }
  spec->type = types_.qualified(t, quals);
  return true;
}

const CType* Parser::parse_record(TypeKind kind, SourceLoc loc) {
  skip_gnu_attributes();
  NameId tag = 0;
  if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None) tag = advance().spelling;
  bool body = peek().is(Punct::LBrace);
  CType* t = nullptr;
  if (tag) {
    Symbol* s = lookup_tag(tag, body || peek().is(Punct::Semi));
    if (s) {
      t = const_cast<CType*>(s->type);
      if (t->kind != kind) {
        error(loc, "use of '%s' with a tag of a different kind", std::string(names_.str(tag)).c_str());
        t = nullptr;
      } else if (body && t->complete) {
        error(loc, "redefinition of '%s'", type_str(t).c_str());
        t = nullptr;
      }
    }
    if (!t && !s) {
      // A reference to an unseen tag declares it in the current scope (6.7.2.3p8).
      t = types_.new_record(kind, tag);
      Symbol* ts = arena_.make<Symbol>();
      ts->kind = Symbol::Typedef;
      ts->type = t;
      ts->name = tag;
      bind_tag(tag, ts);
    } else if (!t) {
      t = types_.new_record(kind, tag);
    }
  } else {
    t = types_.new_record(kind, names_.intern("<anonymous>"));
  }
  if (!body) return t;
  advance();
  std::vector<Member> members;
  while (!peek().is(Punct::RBrace) && peek().kind != TokKind::Eof) {
    if (kw(peek()) == Kw::StaticAssert) {
      parse_static_assert();
      continue;
    }
    DeclSpec spec;
    if (!parse_decl_spec(&spec, false)) {
      error(peek().loc, "expected a member declaration");
      skip_to_sync();
      accept(Punct::Semi);
      continue;
    }
    if (peek().is(Punct::Semi)) {
      if (is_record(spec.type) && spec.type->unqual->tag == names_.intern("<anonymous>")) {
        for (const Member& m : members)
          if (m.name && find_member(spec.type, m.name))
            error(peek().loc, "duplicate member '%s'", std::string(names_.str(m.name)).c_str());
        members.push_back({0, spec.type, 0, 0, 0, false});
      } else {
        error(spec.loc, "declaration does not declare anything");
      }
    } else {
      for (;;) {
        Declarator d;
        d.loc = peek().loc;
        const CType* mt = parse_declarator(spec.type, &d);
        bool bitfield = false;
        int64_t width = 0;
        if (peek().is(Punct::Colon)) {
          advance();
          SourceLoc wl = peek().loc;
          width = parse_const_int("a bit-field width");
          bitfield = true;
          if (!is_integer(mt)) {
            error(d.loc, "bit-field has non-integer type '%s'", type_str(mt).c_str());
            bitfield = false;
          } else if (width < 0 || width > static_cast<int64_t>(mt->size * 8) || (width == 0 && d.name)) {
            error(wl, "invalid bit-field width");
            width = 1;
          }
        } else if (!d.name) {
          error(d.loc, "expected a member name");
        }
        bool flexible = is_array(mt) && mt->length < 0 && kind == TypeKind::Struct && peek().is(Punct::Semi) &&
                        peek(1).is(Punct::RBrace);
        if (!mt->complete && !flexible) error(d.loc, "member has incomplete type '%s'", type_str(mt).c_str());
        else if (is_func(mt)) error(d.loc, "member declared as a function");
        for (const Member& m : members)
          if (d.name && m.name == d.name) error(d.loc, "duplicate member '%s'", std::string(names_.str(d.name)).c_str());
        members.push_back({d.name, mt, 0, 0, static_cast<uint8_t>(width), bitfield});
        if (!accept(Punct::Comma)) break;
      }
    }
    expect(Punct::Semi, "';'");
  }
  expect(Punct::RBrace, "'}'");
  types_.complete_record(t, members);
  return t;
}

const CType* Parser::parse_enum(SourceLoc loc) {
  NameId tag = 0;
  if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None) tag = advance().spelling;
  if (!peek().is(Punct::LBrace)) {
    Symbol* s = tag ? lookup_tag(tag, false) : nullptr;
    if (s && s->type->kind == TypeKind::Enum) return s->type;
    if (!s) error(loc, "enums must be defined before use ('enum %s')", std::string(names_.str(tag)).c_str());
    return types_.int_t();
  }
  advance();
  CType* t = types_.new_enum(tag);
  if (tag) {
    Symbol* ts = arena_.make<Symbol>();
    ts->kind = Symbol::Typedef;
    ts->type = t;
    ts->name = tag;
    bind_tag(tag, ts);
  }
  int64_t next = 0;
  while (peek().kind == TokKind::Identifier) {
    Token name = advance();
    if (accept(Punct::Assign)) next = parse_const_int("an enumerator value");
    Symbol* s = arena_.make<Symbol>();
    s->kind = Symbol::EnumConst;
    s->name = name.spelling;
    s->type = types_.int_t();
    s->value = next++;
    s->loc = name.loc;
    if (in_current_scope(name.spelling)) error(name.loc, "redefinition of '%s'", std::string(spelling(name)).c_str());
    bind(name.spelling, s);
    if (!accept(Punct::Comma)) break;
  }
  expect(Punct::RBrace, "'}'");
  return t;
}

// Rebuilds `t` with the placeholder of a parenthesised declarator replaced by `real`.
static const CType* substitute(TypeTable& types, const CType* t, const CType* ph, const CType* real) {
  if (t == ph) return real;
  switch (t->kind) {
    case TypeKind::Pointer: return types.qualified(types.pointer_to(substitute(types, t->base, ph, real)), t->quals);
    case TypeKind::Array: return types.array_of(substitute(types, t->base, ph, real), t->length);
    case TypeKind::Func: {
      std::vector<const CType*> ps(t->params, t->params + t->nparams);
      return types.func(substitute(types, t->base, ph, real), ps, t->variadic, t->unprototyped);
    }
    default: return t;
  }
}

const CType* Parser::parse_declarator(const CType* base, Declarator* d) {
  if (!enter(peek().loc)) return base;
  skip_gnu_attributes();
  while (accept(Punct::Star)) {
    base = types_.pointer_to(base);
    uint8_t q = 0;
    for (;;) {
      skip_gnu_attributes();
      Kw k = kw(peek());
      if (k == Kw::Const || k == Kw::GnuConst) q |= kConst;
      else if (k == Kw::Volatile || k == Kw::GnuVolatile) q |= kVolatile;
      else if (k == Kw::Restrict || k == Kw::GnuRestrict || k == Kw::GnuRestrict2) q |= kRestrict;
      else break;
      advance();
    }
    base = types_.qualified(base, q);
  }
  const CType* result;
  if (peek().is(Punct::LParen) && !peek(1).is(Punct::RParen) && !starts_type_name(peek(1))) {
    advance();
    const CType* ph = types_.new_record(TypeKind::Struct, 0);
    const CType* inner = parse_declarator(ph, d);
    expect(Punct::RParen, "')'");
    const CType* outer = parse_declarator_suffix(base, d);
    result = substitute(types_, inner, ph, outer);
  } else {
    if (peek().kind == TokKind::Identifier && kw(peek()) == Kw::None) {
      Token n = advance();
      d->name = n.spelling;
      d->loc = n.loc;
    }
    result = parse_declarator_suffix(base, d);
  }
  if (unsigned mode = skip_gnu_attributes()) {
    if (!is_integer(result)) {
      error(d->loc, "mode attribute on a type that is not an integer");
    } else {  // the integer type of that size, with the declared signedness
      static constexpr TypeKind kSigned[9] = {TypeKind::Int, TypeKind::SChar, TypeKind::Short, TypeKind::Int, TypeKind::Int,
                                              TypeKind::Int, TypeKind::Int, TypeKind::Int, TypeKind::Long};
      static constexpr TypeKind kUnsigned[9] = {TypeKind::UInt, TypeKind::UChar, TypeKind::UShort, TypeKind::UInt,
                                                TypeKind::UInt, TypeKind::UInt, TypeKind::UInt, TypeKind::UInt,
                                                TypeKind::ULong};
      result = types_.basic(is_signed(result) ? kSigned[mode] : kUnsigned[mode]);
    }
  }
  leave();
  return result;
}

const CType* Parser::parse_declarator_suffix(const CType* base, Declarator* d) {
  if (accept(Punct::LBracket)) {
    // Qualifiers and `static` in a parameter's array declarator (6.7.6.3p7) qualify the
    // pointer it becomes; they are read and ignored.
    for (Kw k = kw(peek()); k == Kw::Static || k == Kw::Const || k == Kw::GnuConst || k == Kw::Restrict || k == Kw::GnuRestrict ||
                            k == Kw::GnuRestrict2 || k == Kw::Volatile || k == Kw::GnuVolatile;
         k = kw(peek()))
      advance();
    int64_t n = -1;
    SourceLoc loc = peek().loc;
    if (peek().is(Punct::Star) && peek(1).is(Punct::RBracket)) {
      advance();  // `[*]`: a variable length array of unspecified size (a prototype's parameter)
    } else if (!peek().is(Punct::RBracket)) {
      n = parse_const_int("an array size");
      if (n < 0) {
        error(loc, "array size is negative");
        n = 1;
      }
    }
    expect(Punct::RBracket, "']'");
    const CType* elem = parse_declarator_suffix(base, d);
    if (!elem->complete || is_func(elem)) error(loc, "array has incomplete element type '%s'", type_str(elem).c_str());
    return types_.array_of(elem, n);
  }
  if (accept(Punct::LParen)) return parse_params(base, d);
  return base;
}

const CType* Parser::parse_params(const CType* result, Declarator* d) {
  std::vector<const CType*> params;
  std::vector<Symbol*> syms;
  bool variadic = false, unprototyped = false;
  if (peek().is(Punct::RParen)) {
    unprototyped = true;
  } else if (kw(peek()) == Kw::Void && peek(1).is(Punct::RParen)) {
    advance();
  } else {
    for (;;) {
      if (accept(Punct::Ellipsis)) {
        variadic = true;
        break;
      }
      DeclSpec spec;
      if (!parse_decl_spec(&spec, true)) {
        error(peek().loc, "expected a parameter declaration");
        skip_to_sync();
        break;
      }
      Declarator pd;
      pd.loc = peek().loc;
      const CType* t = parse_declarator(spec.type, &pd);
      if (is_array(t)) t = types_.pointer_to(t->base);  // 6.7.6.3p7
      else if (is_func(t)) t = types_.pointer_to(t);
      if (is_void(t)) error(pd.loc, "a parameter may not have type 'void'");
      params.push_back(t->unqual);  // the function's type ignores the parameters' qualifiers (6.7.6.3p15)
      Symbol* s = arena_.make<Symbol>();
      s->kind = Symbol::Var;
      s->name = pd.name;
      s->ir_name = pd.name;
      s->type = t;
      s->loc = pd.loc;
      s->ir_id = kNone;
      syms.push_back(s);
      if (!accept(Punct::Comma)) break;
    }
  }
  expect(Punct::RParen, "')'");
  if (!d->has_params) {
    d->has_params = true;
    d->params = syms;
  }
  if (is_array(result) || is_func(result)) error(d->loc, "a function cannot return an array or a function");
  return types_.func(result, params, variadic, unprototyped);
}

const CType* Parser::parse_type_name() {
  DeclSpec spec;
  if (!parse_decl_spec(&spec, false)) {
    error(peek().loc, "expected a type name");
    return types_.int_t();
  }
  Declarator d;
  const CType* t = parse_declarator(spec.type, &d);
  if (d.name) error(d.loc, "unexpected name in a type name");
  return t;
}

Symbol* Parser::declare(const DeclSpec& spec, Declarator& d, bool file_scope) {
  std::string nm(names_.str(d.name));
  if (!d.name) {
    error(d.loc, "declaration does not declare anything");
    return nullptr;
  }
  const CType* t = d.type;
  Symbol* prev = lookup(d.name);
  bool same_scope = prev && in_current_scope(d.name);
  if (spec.storage == StorageClass::Typedef) {
    if (same_scope && !(prev->kind == Symbol::Typedef && prev->type == t))
      error(d.loc, "redefinition of '%s'", nm.c_str());
    Symbol* s = arena_.make<Symbol>();
    s->kind = Symbol::Typedef;
    s->name = d.name;
    s->type = t;
    s->loc = d.loc;
    bind(d.name, s);
    return s;
  }
  bool is_fn = is_func(t);
  bool linkage = file_scope || is_fn || spec.storage == StorageClass::Extern;
  if (linkage) {
    // Declarations with linkage refer to one object: reuse the earlier symbol.
    Symbol* g = prev;
    if (g && !file_scope && !same_scope) g = nullptr;
    if (!g && !file_scope)
      for (Symbol* s : globals_)
        if (s->name == d.name) g = s;
    if (g && (g->kind == Symbol::Var || g->kind == Symbol::Func) && g->global) {
      if ((g->kind == Symbol::Func) != is_fn || (g->type != t && !(is_fn && (g->type->unprototyped || t->unprototyped)) &&
                                                 !(is_array(g->type) && is_array(t) && g->type->base == t->base))) {
        error(d.loc, "conflicting types for '%s'", nm.c_str());
      } else if (is_fn && g->type->unprototyped) {
        g->type = t;
      } else if (is_array(t) && t->complete) {
        g->type = t;
      }
      if (spec.storage == StorageClass::Static) g->storage = StorageClass::Static;
      if (!is_fn && file_scope && spec.storage != StorageClass::Extern) g->defined = true;
      if (!file_scope || !same_scope) bind(d.name, g);
      return g;
    }
    if (same_scope) error(d.loc, "redefinition of '%s'", nm.c_str());
    Symbol* s = arena_.make<Symbol>();
    s->kind = is_fn ? Symbol::Func : Symbol::Var;
    s->storage = spec.storage;
    s->global = true;
    s->name = d.name;
    s->ir_name = d.name;
    s->type = t;
    s->loc = d.loc;
    s->ir_id = kNone;
    s->defined = !is_fn && spec.storage != StorageClass::Extern;
    bind(d.name, s);
    globals_.push_back(s);
    return s;
  }
  if (same_scope) error(d.loc, "redefinition of '%s'", nm.c_str());
  Symbol* s = arena_.make<Symbol>();
  s->kind = Symbol::Var;
  s->storage = spec.storage;
  s->name = d.name;
  s->ir_name = d.name;
  s->type = t;
  s->loc = d.loc;
  s->ir_id = kNone;
  s->defined = true;
  if (spec.storage == StorageClass::Static) {
    s->global = true;
    char buf[32];
    snprintf(buf, sizeof buf, ".%u", ++static_counter_);
    s->ir_name = names_.intern(nm + buf);
    globals_.push_back(s);
  } else {
    cur_locals_.push_back(s);
  }
  bind(d.name, s);
  return s;
}

bool Parser::parse_string_init(const CType* t, uint64_t offset, std::vector<InitItem>* items, int64_t* len) {
  const CType* e = t->base->unqual;
  bool braced = peek().is(Punct::LBrace) && peek(1).kind == TokKind::String;
  if (!(e->kind == TypeKind::Char || e->kind == TypeKind::SChar || e->kind == TypeKind::UChar) ||
      !(peek().kind == TokKind::String || braced))
    return false;
  if (braced) advance();
  Expr* s = parse_string();
  if (braced) expect(Punct::RBrace, "'}'");
  int64_t n = s->type->length;
  if (t->length >= 0) {
    if (n - 1 > t->length) error(s->loc, "initializer string for an array is too long");
    if (n > t->length) n = t->length;
  }
  for (int64_t i = 0; i < n; i++)
    if (s->str[i]) items->push_back({offset + static_cast<uint64_t>(i), e, int_lit(static_cast<signed char>(s->str[i]), e, s->loc), 0, 0});
  *len = n;
  return true;
}

void Parser::parse_init_elem(const CType* t, uint64_t offset, std::vector<InitItem>* items) {
  if (!enter(peek().loc)) return;
  int64_t len;
  if (is_array(t) && parse_string_init(t, offset, items, &len)) {
  } else if (is_aggregate(t)) {
    if (accept(Punct::LBrace)) {
      parse_init_aggregate(t, offset, items, true);
      expect(Punct::RBrace, "'}'");
    } else if (is_record(t)) {
      // A struct member may be initialized from a struct expression, or by brace elision.
      Expr* e = parse_assign();
      if (e->type->unqual == t->unqual) items->push_back({offset, t->unqual, e, 0, 0});
      else if (t->unqual->nmembers) {
        const Member& m = t->unqual->members[0];
        if (is_scalar(m.type)) items->push_back({offset + m.offset, m.type, assign_convert(e, m.type, e->loc, "initialization"), m.bit_pos,
                                            static_cast<uint8_t>(m.is_bitfield ? m.bit_width : 0)});
        else error(e->loc, "incompatible types in initialization");
      }
    } else {
      parse_init_aggregate(t, offset, items, false);
    }
  } else if (accept(Punct::LBrace)) {
    Expr* e = parse_assign();
    accept(Punct::Comma);
    expect(Punct::RBrace, "'}'");
    items->push_back({offset, t->unqual, assign_convert(e, t, e->loc, "initialization"), 0, 0});
  } else {
    Expr* e = parse_assign();
    items->push_back({offset, t->unqual, assign_convert(e, t, e->loc, "initialization"), 0, 0});
  }
  leave();
}

int64_t Parser::parse_init_aggregate(const CType* t, uint64_t offset, std::vector<InitItem>* items, bool braced) {
  t = t->unqual;
  int64_t idx = 0, max = 0;
  uint32_t count = is_array(t) ? 0 : t->kind == TypeKind::Union ? 1 : t->nmembers;
  for (;;) {
    if (peek().is(Punct::RBrace) || peek().kind == TokKind::Eof) break;
    if (!braced && (peek().is(Punct::LBracket) || peek().is(Punct::Dot)) && idx > 0) break;
    if (is_array(t)) {
      if (braced && accept(Punct::LBracket)) {
        idx = parse_const_int("an array designator");
        expect(Punct::RBracket, "']'");
        expect(Punct::Assign, "'='");
      }
      if (t->length >= 0 && idx >= t->length) {
        if (!braced) break;
        error(peek().loc, "excess elements in array initializer");
        skip_to_sync();
        break;
      }
      parse_init_elem(t->base, offset + static_cast<uint64_t>(idx) * t->base->size, items);
    } else {
      if (braced && peek().is(Punct::Dot) && peek(1).kind == TokKind::Identifier) {
        advance();
        Token n = advance();
        expect(Punct::Assign, "'='");
        idx = -1;
        for (uint32_t i = 0; i < t->nmembers; i++)
          if (t->members[i].name == n.spelling) idx = i;
        if (idx < 0) {
          // A member of an anonymous struct/union member: initialize it where it lies.
          const Member* m = find_member(t, n.spelling);
          if (m) {
            parse_init_elem(m->type, offset + m->offset, items);
            for (uint32_t i = 0; i < t->nmembers; i++)
              if (t->members[i].offset <= m->offset) idx = i;
            idx++;
            if (idx > max) max = idx;
            if (!accept(Punct::Comma)) break;
            continue;
          }
          error(n.loc, "no member named '%s' in '%s'", std::string(spelling(n)).c_str(), type_str(t).c_str());
          skip_to_sync();
          break;
        }
      }
      while (idx < count && t->members[idx].is_bitfield && !t->members[idx].name) idx++;  // unnamed: no value
      if (idx >= count) {
        if (!braced) break;
        error(peek().loc, "excess elements in %s initializer", t->kind == TypeKind::Union ? "union" : "struct");
        skip_to_sync();
        break;
      }
      const Member& m = t->members[idx];
      size_t before = items->size();
      parse_init_elem(m.type, offset + m.offset, items);
      if (m.is_bitfield && items->size() > before) {
        items->back().bit_pos = m.bit_pos;
        items->back().bit_width = m.bit_width;
      }
    }
    idx++;
    if (idx > max) max = idx;
    if (!peek().is(Punct::Comma)) break;
    if (!braced && (peek(1).is(Punct::RBrace) || (is_array(t) && t->length >= 0 && idx >= t->length) ||
                    (!is_array(t) && idx >= count)))
      break;
    advance();
  }
  return max;
}

void Parser::parse_initializer(Symbol* sym) {
  std::vector<InitItem> items;
  const CType* t = sym->type;
  SourceLoc loc = peek().loc;
  if (is_func(t)) {
    error(loc, "function '%s' is initialized like a variable", std::string(names_.str(sym->name)).c_str());
    parse_assign();
    return;
  }
  int64_t len = 0;
  if (is_array(t) && parse_string_init(t, 0, &items, &len)) {
  } else if (is_aggregate(t) && accept(Punct::LBrace)) {
    len = parse_init_aggregate(t, 0, &items, true);
    expect(Punct::RBrace, "'}'");
  } else {
    if (is_array(t)) error(loc, "array initializer must be an initializer list or a string literal");
    parse_init_elem(t, 0, &items);
  }
  if (is_array(t) && t->length < 0) sym->type = types_.array_of(t->base, len);
  sym->init = to_arena(items, &sym->ninit);
  sym->has_init = true;
}

void Parser::parse_function_body(Symbol* sym, Declarator& d) {
  if (sym->defined) error(d.loc, "redefinition of '%s'", std::string(names_.str(sym->name)).c_str());
  sym->defined = true;
  cur_func_ = sym;
  cur_locals_.clear();
  push_scope();
  for (Symbol* p : d.params) {
    if (!p->name) {
      error(p->loc, "parameter name omitted");
      continue;
    }
    if (!p->type->complete) error(p->loc, "parameter has incomplete type '%s'", type_str(p->type).c_str());
    if (in_current_scope(p->name)) error(p->loc, "redefinition of parameter '%s'", std::string(names_.str(p->name)).c_str());
    bind(p->name, p);
  }
  FuncDef f;
  f.sym = sym;
  f.params = to_arena(d.params, &f.nparams);
  f.loc = d.loc;
  f.body = parse_block();
  pop_scope();
  funcs_.push_back(f);
  cur_func_ = nullptr;
}

void Parser::parse_external_declaration() {
  DeclSpec spec;
  if (accept(Punct::Semi)) return;
  if (kw(peek()) == Kw::StaticAssert) return parse_static_assert();
  if (!parse_decl_spec(&spec, true)) {
    const Token& t = peek();
    if (t.kind == TokKind::Identifier && kw(t) == Kw::None)
      error(t.loc, "unknown type name '%s'", std::string(spelling(t)).c_str());
    else
      error(t.loc, "expected a declaration");
    skip_to_sync();
    accept(Punct::Semi);
    accept(Punct::RBrace);
    return;
  }
  if (accept(Punct::Semi)) return;
  bool first = true;
  for (;;) {
    Declarator d;
    d.loc = peek().loc;
    d.type = parse_declarator(spec.type, &d);
    if (first && is_func(d.type) && peek().is(Punct::LBrace)) {
      Symbol* s = declare(spec, d, true);
      if (s && s->kind == Symbol::Func) parse_function_body(s, d);
      else parse_block();
      return;
    }
    first = false;
    Symbol* s = declare(spec, d, true);
    if (accept(Punct::Assign)) {
      if (s && s->kind == Symbol::Var) {
        if (s->has_init) error(d.loc, "redefinition of '%s'", std::string(names_.str(s->name)).c_str());
        s->defined = true;
        parse_initializer(s);
      } else {
        parse_assign();
      }
    }
    if (s && s->kind == Symbol::Var && !s->type->complete && s->storage != StorageClass::Extern && !is_array(s->type))
      error(d.loc, "variable has incomplete type '%s'", type_str(s->type).c_str());
    if (!accept(Punct::Comma)) break;
  }
  if (!expect(Punct::Semi, "';' after a declaration")) skip_to_sync(), accept(Punct::Semi);
}

void Parser::parse_local_declaration(std::vector<Stmt*>* out) {
  DeclSpec spec;
  parse_decl_spec(&spec, true);
  if (accept(Punct::Semi)) return;
  for (;;) {
    Declarator d;
    d.loc = peek().loc;
    d.type = parse_declarator(spec.type, &d);
    if (is_func(d.type) && peek().is(Punct::LBrace)) {  // GNU nested functions
      declare(spec, d, false);  // as a declaration, so that its uses do not add errors
      error(peek().loc, "nested function definitions are not supported");
      for (int depth = 0; peek().kind != TokKind::Eof;) {  // skip the body unparsed
        Token b = advance();
        if (b.is(Punct::LBrace)) depth++;
        else if (b.is(Punct::RBrace) && --depth == 0) break;
      }
      return;
    }
    Symbol* s = declare(spec, d, false);
    if (s && accept(Punct::Assign)) {
      if (s->kind != Symbol::Var || (s->global && !s->defined) || spec.storage == StorageClass::Extern) {
        error(d.loc, "'%s' cannot be initialized here", std::string(names_.str(d.name)).c_str());
        parse_assign();
      } else {
        parse_initializer(s);
      }
    }
    if (s && s->kind == Symbol::Var && !s->type->complete && spec.storage != StorageClass::Extern)
      error(d.loc, "variable has incomplete type '%s'", type_str(s->type).c_str());
    if (s && s->kind == Symbol::Var && !s->global) {
      Stmt* st = new_stmt(StmtKind::Decl, d.loc);
      st->sym = s;
      out->push_back(st);
    }
    if (!accept(Punct::Comma)) break;
  }
  if (!expect(Punct::Semi, "';' after a declaration")) skip_to_sync(), accept(Punct::Semi);
}

}  // namespace kite::c

// Macros: #define into token arrays, and expansion by Prosser's algorithm. Every token carries
// a hide set (the macros whose expansion produced it); a name in its own hide set is never
// expanded again, which stops recursion exactly where C11 6.10.3.4 says. Expansions are pushed
// back onto the pending stack and rescanned from there, so nesting costs no native recursion
// except for macro arguments, which are expanded in isolation (bounded by a depth limit).
#include <algorithm>

#include "pp_impl.h"

namespace kite::c {

namespace {

// Stands for an empty argument next to ## (C11 6.10.3.3p2) until the pasting is done.
bool is_placemarker(const Token& t) { return t.kind == TokKind::Other && t.spelling == 0; }

Token placemarker() {
  Token t;
  t.kind = TokKind::Other;
  t.spelling = 0;
  return t;
}

bool is_ident_like(const Token& t) { return t.kind == TokKind::Identifier; }

}  // namespace

// ---- hide sets ----

bool Preprocessor::Impl::hide_contains(uint32_t hs, NameId n) const {
  if (hs == 0) return false;
  const HideSet& h = hide_sets[hs];
  const NameId* b = hide_pool.data() + h.begin;
  return std::binary_search(b, b + h.size, n);
}

uint32_t Preprocessor::Impl::hide_make(const NameId* p, uint32_t n) {
  if (n == 0) return 0;
  uint32_t begin = static_cast<uint32_t>(hide_pool.size());
  hide_pool.insert(hide_pool.end(), p, p + n);
  hide_sets.push_back(HideSet{begin, n});
  return static_cast<uint32_t>(hide_sets.size() - 1);
}

uint32_t Preprocessor::Impl::hide_add(uint32_t hs, NameId n) {
  uint64_t key = (uint64_t(hs) << 32) | n;
  auto it = hide_add_memo.find(key);
  if (it != hide_add_memo.end()) return it->second;
  const HideSet h = hide_sets[hs];
  std::vector<NameId> v(hide_pool.begin() + h.begin, hide_pool.begin() + h.begin + h.size);
  auto pos = std::lower_bound(v.begin(), v.end(), n);
  uint32_t r = hs;
  if (pos == v.end() || *pos != n) {
    v.insert(pos, n);
    r = hide_make(v.data(), static_cast<uint32_t>(v.size()));
  }
  hide_add_memo.emplace(key, r);
  return r;
}

uint32_t Preprocessor::Impl::hide_union_slow(uint32_t a, uint32_t b) {
  uint64_t key = (uint64_t(a) << 32) | b;
  auto it = hide_union_memo.find(key);
  if (it != hide_union_memo.end()) return it->second;
  const HideSet ha = hide_sets[a], hb = hide_sets[b];
  std::vector<NameId> v;
  std::set_union(hide_pool.begin() + ha.begin, hide_pool.begin() + ha.begin + ha.size, hide_pool.begin() + hb.begin,
                 hide_pool.begin() + hb.begin + hb.size, std::back_inserter(v));
  uint32_t r = hide_make(v.data(), static_cast<uint32_t>(v.size()));
  hide_union_memo.emplace(key, r);
  return r;
}

uint32_t Preprocessor::Impl::hide_intersect(uint32_t a, uint32_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == b) return a;
  uint64_t key = (uint64_t(a) << 32) | b;
  auto it = hide_meet_memo.find(key);
  if (it != hide_meet_memo.end()) return it->second;
  const HideSet ha = hide_sets[a], hb = hide_sets[b];
  std::vector<NameId> v;
  std::set_intersection(hide_pool.begin() + ha.begin, hide_pool.begin() + ha.begin + ha.size,
                        hide_pool.begin() + hb.begin, hide_pool.begin() + hb.begin + hb.size, std::back_inserter(v));
  uint32_t r = hide_make(v.data(), static_cast<uint32_t>(v.size()));
  hide_meet_memo.emplace(key, r);
  return r;
}

// ---- #define ----

void Preprocessor::Impl::do_define(const Token& at) {
  Token name;
  bool on_line = line_token(&name);
  if (!on_line || name.kind != TokKind::Identifier) {
    error(at, "macro names must be identifiers");
    if (on_line) skip_rest_of_line();
    return;
  }
  if (name.spelling == ids.defined) {
    error(name, "\"defined\" cannot be used as a macro name");
    return skip_rest_of_line();
  }
  line_buf.clear();
  read_line(&line_buf);
  Macro m;
  m.name = name.spelling;
  m.defined = true;
  m.loc = name.loc;
  size_t i = 0;
  // A '(' right after the name, with no space, makes it function-like.
  if (!line_buf.empty() && line_buf[0].is(Punct::LParen) && !(line_buf[0].flags & kLeadingSpace)) {
    m.function_like = true;
    i = 1;
    bool ok = false;
    if (i < line_buf.size() && line_buf[i].is(Punct::RParen)) {
      ok = true;
      i++;
    } else {
      for (; i < line_buf.size(); i++) {
        const Token& p = line_buf[i];
        if (p.is(Punct::Ellipsis)) {
          m.variadic = true;
          m.params.push_back(ids.va_args);
          i++;
          ok = i < line_buf.size() && line_buf[i].is(Punct::RParen);
          i++;
          break;
        }
        if (p.kind != TokKind::Identifier) break;
        if (std::find(m.params.begin(), m.params.end(), p.spelling) != m.params.end()) {
          error(p, "duplicate macro parameter \"%s\"", std::string(names.str(p.spelling)).c_str());
          break;
        }
        m.params.push_back(p.spelling);
        i++;
        if (i < line_buf.size() && line_buf[i].is(Punct::Ellipsis)) {  // GNU named variadic: args...
          m.variadic = true;
          i++;
        }
        if (i < line_buf.size() && line_buf[i].is(Punct::RParen)) {
          ok = true;
          i++;
          break;
        }
        if (m.variadic || i >= line_buf.size() || !line_buf[i].is(Punct::Comma)) break;
      }
    }
    if (!ok) {
      error(name, "invalid macro parameter list");
      return;
    }
    if (m.params.size() > 255) {
      error(name, "too many macro parameters");
      return;
    }
    m.num_params = static_cast<uint32_t>(m.params.size());
  }
  for (; i < line_buf.size(); i++) {
    Token t = line_buf[i];
    t.reserved = 0;
    t.hide = 0;
    if (m.function_like && t.kind == TokKind::Identifier) {
      for (uint32_t k = 0; k < m.num_params; k++)
        if (m.params[k] == t.spelling) t.reserved = static_cast<uint8_t>(k + 1);
    }
    if (m.body.empty()) t.flags &= static_cast<uint8_t>(~kLeadingSpace);
    m.body.push_back(t);
  }
  if (!m.body.empty() && (m.body[0].is(Punct::HashHash) || m.body.back().is(Punct::HashHash))) {
    error(m.body[0].is(Punct::HashHash) ? m.body[0] : m.body.back(),
          "'##' cannot appear at either end of a macro expansion");
    return;
  }
  if (m.function_like) {
    for (size_t k = 0; k < m.body.size(); k++)
      if (m.body[k].is(Punct::Hash) && (k + 1 >= m.body.size() || m.body[k + 1].reserved == 0)) {
        error(m.body[k], "'#' is not followed by a macro parameter");
        return;
      }
  }
  for (const Token& t : m.body) m.has_paste |= t.is(Punct::HashHash);
  Macro& slot = macro_slot(m.name);
  if (slot.builtin != Builtin::None) warning(name, "redefining builtin macro \"%s\"", std::string(names.str(m.name)).c_str());
  slot = std::move(m);
}

void Preprocessor::Impl::define_text(std::string_view text, const char* file_name) {
  uint32_t id = sources.add_file(file_name, std::string(text), SourceLoc{kNoFile, 0}, true);
  size_t base = files.size();
  push_file(id, file_name, UINT32_MAX);
  while (files.size() > base) {
    Token t = lex();
    if (t.kind == TokKind::Eof) break;
  }
}

// ---- expansion ----

Token Preprocessor::Impl::expand_next() {
  for (;;) {
    Token t = lex();
    if (t.kind != TokKind::Identifier || (t.flags & kNoExpand)) return t;
    Macro* m = find_macro(t.spelling);
    if (!m) return t;
    if (m->builtin != Builtin::None) {
      if (builtin(t, *m)) continue;
      return t;
    }
    if (hide_contains(t.hide, t.spelling)) {
      t.flags |= kNoExpand;  // painted blue: never expanded again (C11 6.10.3.4p2)
      return t;
    }
    if (!expand(t, *m)) return t;
  }
}

void Preprocessor::Impl::expand_list(const Token* in, size_t n, std::vector<Token>* out) {
  if (depth + 1 >= kMaxArgExpansionDepth) {
    if (n) error(in[0], "macro arguments nested too deeply (limit %u)", kMaxArgExpansionDepth);
    out->insert(out->end(), in, in + n);
    return;
  }
  Token sentinel;
  sentinel.kind = TokKind::Eof;
  pending.push_back(sentinel);
  for (size_t i = n; i-- > 0;) pending.push_back(in[i]);
  depth++;
  for (;;) {
    Token t = expand_next();
    if (t.kind == TokKind::Eof) break;
    out->push_back(t);
  }
  depth--;
}

bool Preprocessor::Impl::collect_args(const Token& name, Macro& m, Frame& f, Token* rparen) {
  f.args.clear();
  f.arg_bounds.clear();
  f.arg_bounds.push_back(0);
  uint32_t level = 0;
  for (;;) {
    Token t = lex();
    if (t.kind == TokKind::Eof) {
      pending.push_back(t);
      error(name, "unterminated argument list invoking macro \"%s\"", std::string(names.str(m.name)).c_str());
      return false;
    }
    if (level == 0 && t.is(Punct::RParen)) {
      *rparen = t;
      break;
    }
    if (level == 0 && t.is(Punct::Comma) && !(m.variadic && f.arg_bounds.size() == m.num_params)) {
      f.arg_bounds.push_back(static_cast<uint32_t>(f.args.size()));
      continue;
    }
    if (t.is(Punct::LParen)) level++;
    if (t.is(Punct::RParen)) level--;
    if (t.flags & kAtLineStart) t.flags = static_cast<uint8_t>((t.flags & ~kAtLineStart) | kLeadingSpace);
    f.args.push_back(t);
  }
  f.arg_bounds.push_back(static_cast<uint32_t>(f.args.size()));
  uint32_t given = static_cast<uint32_t>(f.arg_bounds.size() - 1);
  if (m.num_params == 0 && given == 1 && f.args.empty()) return true;
  if (given < m.num_params && m.variadic && given == m.num_params - 1) {
    f.arg_bounds.push_back(static_cast<uint32_t>(f.args.size()));  // an empty variable argument
    return true;
  }
  if (given < m.num_params) {
    error(name, "macro \"%s\" requires %u arguments, but only %u given", std::string(names.str(m.name)).c_str(), m.num_params,
          given);
    return false;
  }
  if (given > m.num_params) {
    error(name, "macro \"%s\" passed %u arguments, but takes just %u", std::string(names.str(m.name)).c_str(), given,
          m.num_params);
    return false;
  }
  return true;
}

bool Preprocessor::Impl::expand(const Token& name, Macro& m) {
  if (expansion_overflow) return false;
  while (frames.size() <= depth) frames.push_back(std::make_unique<Frame>());
  Frame& f = *frames[depth];
  uint32_t hs;
  if (m.function_like) {
    Token next = lex();
    if (!next.is(Punct::LParen)) {
      pending.push_back(next);
      return false;
    }
    Token rparen;
    if (!collect_args(name, m, f, &rparen)) {
      // Reported; like gcc, the name stays (never expanded) and the arguments go.
      Token n = name;
      n.flags |= kNoExpand;
      pending.push_back(n);
      return true;
    }
    hs = hide_add(hide_intersect(name.hide, rparen.hide), m.name);
  } else {
    hs = hide_add(name.hide, m.name);
  }
  uint32_t exp = sources.add_expansion(
      SourceManager::Expansion{m.name, name.loc, m.loc, name.expansion, names.str(m.name)});
  substitute(m, f, name, hs, exp);
  expansion_tokens += f.out.size() + 1;
  if (expansion_tokens > kMaxExpansionTokens) {
    error(name, "macro expansion too large (more than %llu tokens)",
          static_cast<unsigned long long>(kMaxExpansionTokens));
    expansion_overflow = true;
    // Drop what is pending from this expansion (down to an argument's end, if any).
    while (!pending.empty() && pending.back().kind != TokKind::Eof) pending.pop_back();
    return true;
  }
  pending.insert(pending.end(), f.out.rbegin(), f.out.rend());
  return true;
}

void Preprocessor::Impl::substitute(Macro& m, Frame& f, const Token& use, uint32_t hs, uint32_t exp) {
  std::vector<Token>& out = f.out;
  out.clear();
  if (!m.function_like) {
    // Object-like: the body as it is, with the use's location and hide set (the common case,
    // so it skips the operator handling below). Bodies have empty hide sets of their own.
    out.resize(m.body.size());
    for (size_t k = 0; k < m.body.size(); k++) {
      Token o = m.body[k];
      o.hide = hs;
      o.loc = use.loc;
      o.expansion = exp;
      o.flags = static_cast<uint8_t>((o.flags & ~kAtLineStart) | kFromMacro);
      out[k] = o;
    }
    if (!out.empty() && !m.body[0].is(Punct::HashHash))
      out[0].flags = static_cast<uint8_t>((out[0].flags & ~kLeadingSpace) | (use.flags & (kLeadingSpace | kAtLineStart)));
    if (!m.has_paste) return;
    out.clear();
  }
  const uint32_t np = m.num_params;
  if (np) {
    f.exp_done.assign(np, 0);
    f.exp_bounds.assign(2 * np, 0);
    f.expanded.clear();
  }
  auto raw_b = [&](uint32_t p) { return f.args.data() + f.arg_bounds[p]; };
  auto raw_e = [&](uint32_t p) { return f.args.data() + f.arg_bounds[p + 1]; };
  const std::vector<Token>& body = m.body;
  for (size_t i = 0; i < body.size(); i++) {
    const Token& t = body[i];
    bool before_paste = i + 1 < body.size() && body[i + 1].is(Punct::HashHash);
    if (m.function_like && t.is(Punct::Hash) && i + 1 < body.size() && body[i + 1].reserved) {
      uint32_t p = body[i + 1].reserved - 1u;
      Token s = stringize(raw_b(p), raw_e(p), t);
      s.flags = t.flags;
      out.push_back(s);
      i++;
      continue;
    }
    if (t.is(Punct::HashHash) && i + 1 < body.size()) {
      const Token& r = body[i + 1];
      i++;
      Token single;
      const Token* rb = &single;
      const Token* re = rb + 1;
      if (r.reserved) {
        rb = raw_b(r.reserved - 1u);
        re = raw_e(r.reserved - 1u);
        // GNU: `, ## __VA_ARGS__` drops the comma when there are no variable arguments.
        if (m.variadic && r.reserved == np && !out.empty() && out.back().is(Punct::Comma)) {
          if (rb == re) out.pop_back();
          else out.insert(out.end(), rb, re);
          continue;
        }
      } else if (m.function_like && r.is(Punct::Hash) && i + 1 < body.size() && body[i + 1].reserved) {
        single = stringize(raw_b(body[i + 1].reserved - 1u), raw_e(body[i + 1].reserved - 1u), r);
        i++;
      } else {
        single = r;
      }
      if (rb == re) continue;  // a placemarker on the right: the left stays as it is
      if (out.empty() || is_placemarker(out.back())) {
        if (!out.empty()) out.pop_back();
        out.insert(out.end(), rb, re);
        continue;
      }
      Token joined;
      if (paste(out.back(), *rb, &joined)) {
        out.back() = joined;
      } else {
        error(use, "pasting \"%.*s\" and \"%.*s\" does not give a valid preprocessing token",
              static_cast<int>(spelling(out.back()).size()), spelling(out.back()).data(),
              static_cast<int>(spelling(*rb).size()), spelling(*rb).data());
        out.push_back(*rb);
      }
      out.insert(out.end(), rb + 1, re);
      continue;
    }
    if (t.reserved) {
      uint32_t p = t.reserved - 1u;
      size_t first = out.size();
      if (before_paste) {
        if (raw_b(p) == raw_e(p)) out.push_back(placemarker());
        else out.insert(out.end(), raw_b(p), raw_e(p));
      } else {
        if (!f.exp_done[p]) {
          f.exp_bounds[2 * p] = static_cast<uint32_t>(f.expanded.size());
          expand_list(raw_b(p), static_cast<size_t>(raw_e(p) - raw_b(p)), &f.expanded);
          f.exp_bounds[2 * p + 1] = static_cast<uint32_t>(f.expanded.size());
          f.exp_done[p] = 1;
        }
        out.insert(out.end(), f.expanded.begin() + f.exp_bounds[2 * p], f.expanded.begin() + f.exp_bounds[2 * p + 1]);
      }
      if (out.size() > first)
        out[first].flags = static_cast<uint8_t>((out[first].flags & ~kLeadingSpace) | (t.flags & kLeadingSpace));
      continue;
    }
    out.push_back(t);
  }
  size_t w = 0;
  for (size_t k = 0; k < out.size(); k++) {
    Token o = out[k];
    if (is_placemarker(o)) continue;
    o.hide = hide_union(o.hide, hs);
    o.loc = use.loc;
    o.expansion = exp;
    o.reserved = 0;
    o.flags = static_cast<uint8_t>((o.flags & ~kAtLineStart) | kFromMacro);
    if (w == 0)
      o.flags = static_cast<uint8_t>((o.flags & ~kLeadingSpace) | (use.flags & (kLeadingSpace | kAtLineStart)));
    out[w++] = o;
  }
  out.resize(w);
}

Token Preprocessor::Impl::stringize(const Token* b, const Token* e, const Token& at) {
  scratch.assign(1, '"');
  for (const Token* t = b; t != e; t++) {
    if (t != b && (t->flags & (kLeadingSpace | kAtLineStart))) scratch.push_back(' ');
    std::string_view s = spelling(*t);
    if (t->kind == TokKind::String || t->kind == TokKind::Char) {
      for (char c : s) {
        if (c == '"' || c == '\\') scratch.push_back('\\');
        scratch.push_back(c);
      }
    } else {
      scratch.append(s);
    }
  }
  scratch.push_back('"');
  Token r;
  r.kind = TokKind::String;
  r.spelling = names.intern(scratch);
  r.loc = at.loc;
  r.flags = at.flags;
  return r;
}

bool Preprocessor::Impl::paste(const Token& l, const Token& r, Token* out) {
  *out = l;
  out->hide = hide_intersect(l.hide, r.hide);
  out->reserved = 0;
  // Identifier with identifier or number: always one identifier, no lexing needed.
  if (is_ident_like(l) && (is_ident_like(r) || r.kind == TokKind::Number)) {
    scratch.assign(names.str(l.spelling));
    scratch.append(names.str(r.spelling));
    out->spelling = names.intern(scratch);
    out->flags &= static_cast<uint8_t>(~kNoExpand);
    return true;
  }
  scratch.assign(spelling(l));
  scratch.append(spelling(r));
  // Re-lex only the joined spelling: it must be exactly one token.
  SourceManager sm;
  uint32_t id = sm.add_file("<paste>", scratch, SourceLoc{kNoFile, 0}, true);
  Diagnostics quiet;
  Lexer lx(sm, id, names, quiet);
  Token a = lx.next();
  Token b = lx.next();
  if (b.kind != TokKind::Eof || quiet.has_errors() || a.kind == TokKind::Eof) return false;
  out->kind = a.kind;
  out->punct = a.punct;
  out->spelling = a.spelling;
  out->flags &= static_cast<uint8_t>(~kNoExpand);
  return true;
}

}  // namespace kite::c

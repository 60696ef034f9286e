// #if and #elif: the line is read (with __has_include's header names taken whole), macro
// expanded with `defined` and the __has_* operators working, and evaluated in intmax_t /
// uintmax_t (C11 6.10.1). Binary operators go by precedence climbing, so only parentheses
// and unary operators nest natively, and those are bounded by kMaxIfExprDepth.
#include <cstring>

#include "pp_impl.h"

namespace kite::c {

namespace {

struct Value {
  uint64_t v = 0;
  bool is_unsigned = false;
};

int binary_prec(const Token& t) {
  if (t.kind != TokKind::Punct) return 0;
  switch (t.punct) {
    case Punct::Star:
    case Punct::Slash:
    case Punct::Percent: return 10;
    case Punct::Plus:
    case Punct::Minus: return 9;
    case Punct::Shl:
    case Punct::Shr: return 8;
    case Punct::Lt:
    case Punct::Gt:
    case Punct::Le:
    case Punct::Ge: return 7;
    case Punct::EqEq:
    case Punct::Ne: return 6;
    case Punct::Amp: return 5;
    case Punct::Caret: return 4;
    case Punct::Pipe: return 3;
    case Punct::AmpAmp: return 2;
    case Punct::PipePipe: return 1;
    default: return 0;
  }
}

// A template on the preprocessor so that it may name the (private) Impl type through eval_if.
template <class Pp>
struct ExprParser {
  Pp& pp;
  const std::vector<Token>& toks;
  const Token& at;
  size_t i = 0;
  uint32_t depth = 0;
  bool failed = false;

  const Token* peek() const { return i < toks.size() ? &toks[i] : nullptr; }
  bool at_punct(Punct p) const { return i < toks.size() && toks[i].is(p); }

  void fail(const Token& t, const char* msg) {
    if (!failed) pp.error(t, "%s", msg);
    failed = true;
  }
  const Token& here() const { return i < toks.size() ? toks[i] : (toks.empty() ? at : toks.back()); }

  Value comma(bool ev) {
    Value v = cond(ev);
    while (!failed && at_punct(Punct::Comma)) {
      i++;
      v = cond(ev);
    }
    return v;
  }

  Value cond(bool ev) {
    Value c = binary(1, ev);
    if (failed || !at_punct(Punct::Question)) return c;
    i++;
    bool t = c.v != 0;
    Value a = comma(ev && t);
    if (!at_punct(Punct::Colon)) {
      fail(here(), "expected ':' in preprocessor expression");
      return a;
    }
    i++;
    Value b = cond(ev && !t);
    Value r = t ? a : b;
    r.is_unsigned = a.is_unsigned || b.is_unsigned;
    return r;
  }

  Value binary(int min_prec, bool ev) {
    Value l = unary(ev);
    for (;;) {
      if (failed) return l;
      const Token* op = peek();
      int prec = op ? binary_prec(*op) : 0;
      if (prec == 0 || prec < min_prec) return l;
      Punct p = op->punct;
      const Token& opt = *op;
      i++;
      if (p == Punct::AmpAmp || p == Punct::PipePipe) {
        bool lv = l.v != 0;
        bool rhs_ev = ev && (p == Punct::AmpAmp ? lv : !lv);
        Value r = binary(prec + 1, rhs_ev);
        l.v = p == Punct::AmpAmp ? (lv && r.v != 0) : (lv || r.v != 0);
        l.is_unsigned = false;
        continue;
      }
      Value r = binary(prec + 1, ev);
      l = apply(p, l, r, ev, opt);
    }
  }

  Value apply(Punct p, Value l, Value r, bool ev, const Token& opt) {
    bool u = l.is_unsigned || r.is_unsigned;
    int64_t sl = static_cast<int64_t>(l.v), sr = static_cast<int64_t>(r.v);
    Value out;
    out.is_unsigned = u;
    switch (p) {
      case Punct::Star: out.v = l.v * r.v; break;
      case Punct::Plus: out.v = l.v + r.v; break;
      case Punct::Minus: out.v = l.v - r.v; break;
      case Punct::Slash:
      case Punct::Percent:
        if (r.v == 0) {
          if (ev) fail(opt, "division by zero in #if");
          out.v = 0;
          break;
        }
        if (u) out.v = p == Punct::Slash ? l.v / r.v : l.v % r.v;
        else if (sl == INT64_MIN && sr == -1) out.v = p == Punct::Slash ? l.v : 0;
        else out.v = static_cast<uint64_t>(p == Punct::Slash ? sl / sr : sl % sr);
        break;
      case Punct::Shl:
      case Punct::Shr: {
        out.is_unsigned = l.is_unsigned;
        bool left = p == Punct::Shl;
        uint64_t n = r.v;
        if (!r.is_unsigned && sr < 0) {
          left = !left;
          n = static_cast<uint64_t>(-sr);
        }
        if (left) out.v = n >= 64 ? 0 : l.v << n;
        else if (l.is_unsigned) out.v = n >= 64 ? 0 : l.v >> n;
        else out.v = static_cast<uint64_t>(n >= 64 ? (sl < 0 ? -1 : 0) : sl >> n);
        break;
      }
      case Punct::Lt: out = {u ? l.v < r.v : sl < sr, false}; break;
      case Punct::Gt: out = {u ? l.v > r.v : sl > sr, false}; break;
      case Punct::Le: out = {u ? l.v <= r.v : sl <= sr, false}; break;
      case Punct::Ge: out = {u ? l.v >= r.v : sl >= sr, false}; break;
      case Punct::EqEq: out = {l.v == r.v, false}; break;
      case Punct::Ne: out = {l.v != r.v, false}; break;
      case Punct::Amp: out.v = l.v & r.v; break;
      case Punct::Caret: out.v = l.v ^ r.v; break;
      case Punct::Pipe: out.v = l.v | r.v; break;
      default: break;
    }
    return out;
  }

  Value unary(bool ev) {
    if (++depth > kMaxIfExprDepth) {
      fail(here(), "#if expression nested too deeply");
      return {};
    }
    Value v = unary_body(ev);
    depth--;
    return v;
  }

  Value unary_body(bool ev) {
    const Token* t = peek();
    if (!t) {
      fail(here(), "#if expression ends too early");
      return {};
    }
    if (t->kind == TokKind::Punct) {
      switch (t->punct) {
        case Punct::Plus: i++; return unary(ev);
        case Punct::Minus: {
          i++;
          Value v = unary(ev);
          v.v = 0 - v.v;
          return v;
        }
        case Punct::Tilde: {
          i++;
          Value v = unary(ev);
          v.v = ~v.v;
          return v;
        }
        case Punct::Bang: {
          i++;
          Value v = unary(ev);
          return {v.v == 0, false};
        }
        case Punct::LParen: {
          i++;
          Value v = comma(ev);
          if (failed) return v;
          if (!at_punct(Punct::RParen)) {
            fail(here(), "missing ')' in expression");
            return v;
          }
          i++;
          return v;
        }
        default: break;
      }
    }
    i++;
    if (t->kind == TokKind::Number) return number(*t);
    if (t->kind == TokKind::Char) return character(*t);
    if (t->kind == TokKind::Identifier) return {};  // names left after expansion are 0
    char msg[128];
    std::string_view s = pp.spelling(*t);
    snprintf(msg, sizeof msg, "token \"%.*s\" is not valid in preprocessor expressions", static_cast<int>(s.size()),
             s.data());
    fail(*t, msg);
    return {};
  }

  Value number(const Token& t) {
    std::string_view s = pp.names.str(t.spelling);
    size_t k = 0;
    unsigned base = 10;
    if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
      base = 16;
      k = 2;
    } else if (s.size() > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
      base = 2;
      k = 2;
    } else if (s[0] == '0') {
      base = 8;
    }
    uint64_t v = 0;
    bool overflow = false;
    for (; k < s.size(); k++) {
      char c = s[k];
      unsigned d;
      if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
      else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
      else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
      else break;
      if (d >= base) break;
      if (v > (UINT64_MAX - d) / base) overflow = true;
      v = v * base + d;
    }
    std::string_view suffix = s.substr(k);
    bool is_float = suffix.find_first_of(".") != std::string_view::npos ||
                    (base != 16 && !suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E')) ||
                    (base == 16 && suffix.find_first_of("pP") != std::string_view::npos);
    if (is_float) {
      fail(t, "floating constant in preprocessor expression");
      return {};
    }
    bool u = false;
    unsigned longs = 0;
    for (char c : suffix) {
      if ((c == 'u' || c == 'U') && !u) u = true;
      else if (c == 'l' || c == 'L') longs++;
      else longs = 99;
    }
    if (longs > 2) {
      char msg[128];
      snprintf(msg, sizeof msg, "invalid suffix \"%.*s\" on integer constant", static_cast<int>(suffix.size()),
               suffix.data());
      fail(t, msg);
      return {};
    }
    if (overflow) {
      fail(t, "integer constant is too large for its type");
      return {};
    }
    if (v > static_cast<uint64_t>(INT64_MAX)) u = true;  // too large for intmax_t: uintmax_t
    return {v, u};
  }

  Value character(const Token& t) {
    std::string_view s = pp.names.str(t.spelling);
    size_t k = 0;
    int kind = 0;  // 0 plain, 1 L, 2 u, 3 U, 4 u8
    if (s.substr(0, 2) == "u8") {
      kind = 4;
      k = 2;
    } else if (s[0] == 'L') {
      kind = 1;
      k = 1;
    } else if (s[0] == 'u') {
      kind = 2;
      k = 1;
    } else if (s[0] == 'U') {
      kind = 3;
      k = 1;
    }
    k++;  // the opening quote
    uint64_t v = 0;
    uint32_t count = 0;
    uint32_t last = 0;
    while (k < s.size() && s[k] != '\'') {
      uint32_t c = static_cast<unsigned char>(s[k++]);
      if (c == '\\' && k < s.size()) {
        char e = s[k++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          case 'a': c = 7; break;
          case 'b': c = 8; break;
          case 'f': c = 12; break;
          case 'v': c = 11; break;
          case 'e': c = 27; break;
          case 'x':
            c = 0;
            while (k < s.size() && isxdigit(static_cast<unsigned char>(s[k]))) {
              char h = s[k++];
              c = c * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
            }
            break;
          default:
            if (e >= '0' && e <= '7') {
              c = static_cast<uint32_t>(e - '0');
              for (int n = 0; n < 2 && k < s.size() && s[k] >= '0' && s[k] <= '7'; n++)
                c = c * 8 + static_cast<uint32_t>(s[k++] - '0');
            } else {
              c = static_cast<unsigned char>(e);
            }
        }
      }
      last = c;
      v = (v << 8) | (c & 0xff);
      count++;
    }
    if (kind == 0) {
      if (count == 1) return {static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(last))), false};
      return {static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v))), false};
    }
    if (kind == 1) return {static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(last))), false};
    if (kind == 2) return {last & 0xffffu, false};
    return {last, false};
  }
};

}  // namespace

bool Preprocessor::Impl::eval_if(const Token& at) {
  // Read the line; __has_include's <...> operand is taken as a header name, not as tokens.
  line_buf.clear();
  for (Token t; line_token(&t);) {
    line_buf.push_back(t);
    if (t.kind == TokKind::Identifier && (t.spelling == ids.has_include || t.spelling == ids.has_include_next)) {
      Token p;
      if (!line_token(&p)) break;
      line_buf.push_back(p);
      std::string name;
      if (p.is(Punct::LParen) && files.back().lexer->header_name(&name)) {
        Token h;
        h.kind = TokKind::String;
        h.loc = p.loc;
        scratch = "<" + name + ">";
        h.spelling = names.intern(scratch);
        line_buf.push_back(h);
      }
    }
  }
  if (line_buf.empty()) {
    error(at, "#%s with no expression", std::string(names.str(at.spelling)).c_str());
    return false;
  }
  if_buf.clear();
  in_if = true;
  expand_list(line_buf.data(), line_buf.size(), &if_buf);
  in_if = false;
  ExprParser<Impl> p{*this, if_buf, at};
  Value v = p.comma(true);
  if (!p.failed && p.i < if_buf.size()) {
    std::string_view s = spelling(if_buf[p.i]);
    error(if_buf[p.i], "missing binary operator before token \"%.*s\"", static_cast<int>(s.size()), s.data());
    return false;
  }
  return !p.failed && v.v != 0;
}

}  // namespace kite::c

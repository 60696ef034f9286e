// One golden filetest: read the header, run what it names, compare with the expectations
// written in the file, and produce the blessed text (the file with fresh expectations).
#include "filetest.h"

#include <cstring>
#include <sstream>

#include <cmath>

#include "opt/pass.h"
#include "kite/runtime.h"
#include "kite/text.h"
#include "kite/verify.h"
#include "target/x86_64/registers.h"
#include "text/lexer.h"

namespace kite::filetest {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The `# error: TEXT` notes of one line, and the line without them.
std::vector<std::string> error_notes(const std::string& line, std::string* rest) {
  std::vector<std::string> notes;
  size_t at = line.find("# error:");
  if (rest) *rest = at == std::string::npos ? line : line.substr(0, at);
  while (at != std::string::npos) {
    size_t next = line.find("# error:", at + 8);
    notes.push_back(trim(line.substr(at + 8, next == std::string::npos ? std::string::npos : next - at - 8)));
    at = next;
  }
  if (rest) {
    while (!rest->empty() && (rest->back() == ' ' || rest->back() == '\t')) rest->pop_back();
  }
  return notes;
}

struct Check {
  enum Kind { Plain, Next, Not } kind;
  std::string text;
  size_t line;
};

std::vector<Check> parse_checks(const std::vector<std::string>& lines) {
  std::vector<Check> checks;
  for (size_t i = 0; i < lines.size(); i++) {
    std::string t = trim(lines[i]);
    if (t.rfind("# check:", 0) == 0) checks.push_back({Check::Plain, trim(t.substr(8)), i + 1});
    if (t.rfind("# next:", 0) == 0) checks.push_back({Check::Next, trim(t.substr(7)), i + 1});
    if (t.rfind("# not:", 0) == 0) checks.push_back({Check::Not, trim(t.substr(6)), i + 1});
  }
  return checks;
}

// FileCheck-like matching: `check` finds TEXT on a later line, `next` on the very next line,
// `not` forbids TEXT between the previous match and the next one.
bool run_checks(const std::vector<Check>& checks, const std::string& output, std::string* report) {
  std::vector<std::string> out = split_lines(output);
  size_t pos = 0;  // first line not yet consumed
  bool have_match = false;
  std::vector<const Check*> pending_not;
  for (const Check& c : checks) {
    if (c.kind == Check::Not) {
      pending_not.push_back(&c);
      continue;
    }
    size_t found = out.size();
    if (c.kind == Check::Next) {
      if (!have_match || pos >= out.size() || out[pos].find(c.text) == std::string::npos) {
        *report += "  line " + std::to_string(c.line) + ": next: '" + c.text +
                   "' is not on the line after the previous match\n";
        return false;
      }
      found = pos;
    } else {
      for (size_t i = pos; i < out.size(); i++)
        if (out[i].find(c.text) != std::string::npos) {
          found = i;
          break;
        }
      if (found == out.size()) {
        *report += "  line " + std::to_string(c.line) + ": check: '" + c.text + "' not found\n";
        return false;
      }
    }
    for (const Check* n : pending_not)
      for (size_t i = pos; i < found; i++)
        if (out[i].find(n->text) != std::string::npos) {
          *report += "  line " + std::to_string(n->line) + ": not: '" + n->text + "' found: " + out[i] + "\n";
          return false;
        }
    pending_not.clear();
    pos = found + 1;
    have_match = true;
  }
  for (const Check* n : pending_not)
    for (size_t i = pos; i < out.size(); i++)
      if (out[i].find(n->text) != std::string::npos) {
        *report += "  line " + std::to_string(n->line) + ": not: '" + n->text + "' found: " + out[i] + "\n";
        return false;
      }
  return true;
}

struct Loaded {
  bool parsed = false;
  bool verified = false;
  std::string printed;
};

// Reads and verifies text; with passes, runs them (by name, in order) over every function,
// verifying after each, before printing.
Loaded load(const std::string& path, const std::string& text, Diagnostics& diags,
            const std::vector<std::string>& passes = {}) {
  Loaded r;
  Context ctx;
  std::vector<Module*> mods;
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  r.verified = r.parsed = check_text(ctx, text, path, diags, &mods, opts);
  if (r.verified && !passes.empty()) {
    PassOptions popts;
    PassContext pctx{&popts, &diags, nullptr, nullptr};
    for (Module* m : mods)
      for (ItemId id : m->items) {
        if (ctx.item(id).kind != ItemKind::Func) continue;
        Func& f = *ctx.item(id).func;
        for (const std::string& name : passes) {
          const PassInfo* p = nullptr;
          for (const PassInfo& x : pipeline())
            if (name == x.name) p = &x;
          if (!p) {
            diags.error(path, 0, 0, "unknown pass '%s'", name.c_str());
            r.verified = false;
            continue;
          }
          p->fn(f, pctx);
          r.verified &= verify_func(ctx, f, diags, opts);
        }
      }
  }
  if (r.verified)
    for (Module* m : mods) print_module(ctx, *m, r.printed);
  return r;
}

std::string diag_text(const Diagnostics& diags) {
  std::string s;
  for (const Diagnostic& d : diags.list()) s += Diagnostics::format(d) + "\n";
  return s;
}

Result run_print(const std::string& path, const std::string& text, const std::vector<std::string>& lines,
                 const std::vector<std::string>& passes = {}) {
  Result r;
  Diagnostics diags;
  Loaded l = load(path, text, diags, passes);
  if (!l.parsed || !l.verified) {
    r.report = "  unexpected diagnostics:\n" + diag_text(diags);
    return r;
  }
  // Expected output: the trailing `#> ` block.
  std::string expected;
  size_t block_start = lines.size();
  for (size_t i = 0; i < lines.size(); i++)
    if (lines[i].rfind("#>", 0) == 0) {
      if (block_start == lines.size()) block_start = i;
      expected += lines[i].size() > 3 ? lines[i].substr(3) : std::string();
      expected += '\n';
    }
  std::string blessed;
  for (size_t i = 0; i < block_start; i++) blessed += lines[i] + "\n";
  for (const std::string& o : split_lines(l.printed)) blessed += (o.empty() ? "#>" : "#> " + o) + "\n";
  r.blessed = blessed;
  bool ok = true;
  if (expected != l.printed) {
    r.report += "  printed text differs from the #> block; got:\n" + l.printed;
    ok = false;
  }
  // The printed text must read back to itself.
  Diagnostics again;
  Loaded l2 = load(path + " (reprinted)", l.printed, again);
  if (!passes.empty()) l2.printed = l.printed;  // (the passes' output need not be a fixpoint)
  if (!l2.parsed || !l2.verified) {
    r.report += "  printed text does not read back:\n" + diag_text(again);
    ok = false;
  } else if (l2.printed != l.printed) {
    r.report += "  printed text is not a fixpoint; second print:\n" + l2.printed;
    ok = false;
  }
  ok &= run_checks(parse_checks(lines), l.printed, &r.report);
  r.ok = ok;
  return r;
}

Result run_verify(const std::string& path, const std::string& text, const std::vector<std::string>& lines) {
  Result r;
  Diagnostics diags;
  load(path, text, diags);
  size_t nlines = lines.size();
  std::vector<std::vector<std::string>> got(nlines + 1);
  bool ok = true;
  for (const Diagnostic& d : diags.list()) {
    if (d.severity != Severity::Error) continue;
    if (d.line == 0) {
      r.report += "  diagnostic without a line: " + Diagnostics::format(d) + "\n";
      ok = false;
      continue;
    }
    uint32_t line = std::min<uint32_t>(d.line, static_cast<uint32_t>(nlines));
    got[line].push_back(d.message);
  }
  std::string blessed;
  size_t total_notes = 0;
  for (size_t i = 1; i <= nlines; i++) {
    std::string rest;
    std::vector<std::string> notes = error_notes(lines[i - 1], &rest);
    total_notes += notes.size();
    std::vector<bool> used(got[i].size(), false);
    for (const std::string& n : notes) {
      bool matched = false;
      for (size_t k = 0; k < got[i].size(); k++)
        if (!used[k] && got[i][k].find(n) != std::string::npos) {
          used[k] = matched = true;
          break;
        }
      if (!matched) {
        r.report += "  line " + std::to_string(i) + ": expected error '" + n + "' was not reported\n";
        ok = false;
      }
    }
    for (size_t k = 0; k < got[i].size(); k++)
      if (!used[k]) {
        r.report += "  line " + std::to_string(i) + ": unexpected error '" + got[i][k] + "'\n";
        ok = false;
      }
    blessed += rest;
    for (const std::string& m : got[i]) blessed += "  # error: " + m;
    blessed += "\n";
  }
  if (total_notes == 0 && diags.list().empty()) {
    // A verify test with no expected errors must still check something.
    std::vector<Check> checks = parse_checks(lines);
    if (checks.empty()) {
      r.report += "  a verify test needs '# error:' notes or checks\n";
      ok = false;
    }
  }
  ok &= run_checks(parse_checks(lines), diag_text(diags), &r.report);
  r.blessed = blessed;
  r.ok = ok;
  return r;
}


// Reads and verifies the file for execution; on errors fills r's report.
bool check_or_report(Context& ctx, const std::string& path, const std::string& text, Diagnostics& diags,
                     std::vector<Module*>* mods, Result* r) {
  VerifyOptions opts;
  opts.hard_reg_fits = x86_64::hard_reg_fits;
  if (check_text(ctx, text, path, diags, mods, opts)) return true;
  r->report = "  unexpected diagnostics:\n" + diag_text(diags);
  return false;
}

// --- test run: `# run: f(ARGS) == RESULTS` lines, executed through a runtime.

struct Literal {
  text::Tok kind = text::Tok::Error;
  uint64_t ival = 0;
  float f = 0;
  double d = 0;
  long double ld = 0;
  bool is_nan = false, is_inf = false, negative = false;
};

// Lexes a comma-separated list of literals; `nan`, `inf`, `-inf` (any floating type) are allowed.
bool parse_literals(std::string_view s, std::vector<Literal>* out) {
  Interner names;
  text::Lexer lx(s, names);
  for (;;) {
    text::Token t = lx.next();
    if (t.kind == text::Tok::Eof) return true;
    Literal lit;
    if (t.kind == text::Tok::Name) {
      std::string_view n = names.str(t.name);
      if (n == "nan") lit.is_nan = true;
      else if (n == "inf") lit.is_inf = true;
      else return false;
      lit.kind = text::Tok::Name;
    } else if ((t.kind == text::Tok::Double && !std::isfinite(t.dval)) ||
               (t.kind == text::Tok::Float && !std::isfinite(t.fval)) ||
               (t.kind == text::Tok::LDouble && !std::isfinite(t.ldval))) {
      // `-inf`, `+nanf`...: like the bare names, a value of whatever floating type is wanted.
      lit.is_nan = t.kind == text::Tok::Double ? std::isnan(t.dval)
                   : t.kind == text::Tok::Float ? std::isnan(t.fval)
                                                : std::isnan(t.ldval);
      lit.is_inf = !lit.is_nan;
      lit.negative = t.negative;
      lit.kind = text::Tok::Name;
    } else if (t.kind == text::Tok::Int || t.kind == text::Tok::Float || t.kind == text::Tok::Double ||
               t.kind == text::Tok::LDouble) {
      lit.kind = t.kind;
      lit.ival = t.ival;
      lit.f = t.fval;
      lit.d = t.dval;
      lit.ld = t.ldval;
    } else {
      return false;
    }
    out->push_back(lit);
    t = lx.next();
    if (t.kind == text::Tok::Eof) return true;
    if (t.kind != text::Tok::Comma) return false;
  }
}

bool to_value(const Literal& l, Type t, Value* v) {
  memset(v, 0, sizeof *v);
  if (l.kind == text::Tok::Name) {  // nan / inf
    double x = l.is_nan ? NAN : (l.negative ? -INFINITY : INFINITY);
    if (t == Type::F) v->f = static_cast<float>(x);
    else if (t == Type::D) v->d = x;
    else if (t == Type::LD) v->ld = x;
    else return false;
    return true;
  }
  if (is_int_type(t) && l.kind == text::Tok::Int) v->u = l.ival;
  else if (t == Type::F && l.kind == text::Tok::Float) v->f = l.f;
  else if (t == Type::D && l.kind == text::Tok::Double) v->d = l.d;
  else if (t == Type::LD && l.kind == text::Tok::LDouble) v->ld = l.ld;
  else return false;
  return true;
}

// Canonical text of a result, for reports and --bless.
std::string value_text(const Value& v, Type t) {
  char buf[80];
  if (is_int_type(t)) {
    snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v.i));
  } else if (t == Type::F) {
    if (std::isnan(v.f)) return "nan";
    if (std::isinf(v.f)) return v.f < 0 ? "-inf" : "inf";
    snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v.f));
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s + "f";
  } else if (t == Type::D) {
    if (std::isnan(v.d)) return "nan";
    if (std::isinf(v.d)) return v.d < 0 ? "-inf" : "inf";
    snprintf(buf, sizeof buf, "%.17g", v.d);
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
  } else {
    if (std::isnan(v.ld)) return "nan";
    if (std::isinf(v.ld)) return v.ld < 0 ? "-inf" : "inf";
    snprintf(buf, sizeof buf, "%.21Lg", v.ld);
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s + "L";
  }
  return buf;
}

// Bit-exact comparison; a NaN matches any NaN.
bool same(const Value& got, const Value& want, Type t) {
  if (is_int_type(t)) return got.i == want.i;
  if (t == Type::F) return (std::isnan(got.f) && std::isnan(want.f)) || memcmp(&got.f, &want.f, 4) == 0;
  if (t == Type::D) return (std::isnan(got.d) && std::isnan(want.d)) || memcmp(&got.d, &want.d, 8) == 0;
  return (std::isnan(got.ld) && std::isnan(want.ld)) || memcmp(&got.ld, &want.ld, 10) == 0;
}

Result run_run(const std::string& path, const std::string& text, const std::vector<std::string>& lines) {
  Result r;
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  if (!check_or_report(ctx, path, text, diags, &mods, &r)) return r;
  // Every run line executes under the interpreter, and the eager and lazy JIT at each level.
  constexpr int kNumModes = 5;
  static const char* const kModes[kNumModes] = {"interp", "jit -O0", "jit -O1", "lazy -O0", "lazy -O1"};
  std::unique_ptr<Runtime> rts[kNumModes] = {
      make_interpreter_runtime(ctx), make_jit_runtime(ctx, jit_options(false, 0)),
      make_jit_runtime(ctx, jit_options(false, 1)), make_jit_runtime(ctx, jit_options(true, 0)),
      make_jit_runtime(ctx, jit_options(true, 1))};
  for (auto& rt : rts) {
    for (Module* m : mods) rt->load(*m, diags);
    if (!diags.has_errors()) rt->link(diags);
  }
  if (diags.has_errors()) {
    r.report = "  link errors:\n" + diag_text(diags);
    return r;
  }
  Runtime* rt = rts[0].get();
  bool ok = true;
  int runs = 0;
  std::string blessed;
  for (size_t i = 0; i < lines.size(); i++) {
    const std::string& line = lines[i];
    std::string t = trim(line);
    if (t.rfind("# run:", 0) != 0) {
      blessed += line + "\n";
      continue;
    }
    std::string where = "  line " + std::to_string(i + 1) + ": ";
    std::string call = trim(t.substr(6));
    size_t eq = call.find("==");
    size_t lp = call.find('('), rp = call.rfind(')', eq);
    if (eq == std::string::npos || lp == std::string::npos || rp == std::string::npos || rp < lp) {
      r.report += where + "malformed run line (write '# run: f(1, 2) == 3')\n";
      ok = false;
      blessed += line + "\n";
      continue;
    }
    std::string fname = trim(call.substr(0, lp));
    std::vector<Literal> args, want;
    if (!parse_literals(call.substr(lp + 1, rp - lp - 1), &args) || !parse_literals(call.substr(eq + 2), &want)) {
      r.report += where + "cannot read the literals\n";
      ok = false;
      blessed += line + "\n";
      continue;
    }
    ItemId fn = rt->find_function(fname);
    if (fn == kNone) {
      r.report += where + "no function '" + fname + "'\n";
      ok = false;
      blessed += line + "\n";
      continue;
    }
    const Signature& sig = ctx.item(fn).func->sig();
    std::vector<Value> av(args.size());
    bool args_ok = args.size() == sig.nparams || (sig.vararg && args.size() >= sig.nparams);
    for (size_t k = 0; args_ok && k < args.size(); k++) {
      Type pt = k < sig.nparams ? sig.params[k].type : (args[k].kind == text::Tok::Double ? Type::D : Type::I64);
      args_ok = to_value(args[k], pt, &av[k]);
    }
    if (!args_ok) {
      r.report += where + "arguments do not match the parameters of '" + fname + "'\n";
      ok = false;
      blessed += line + "\n";
      continue;
    }
    std::string got_text;
    for (int mode = 0; mode < kNumModes; mode++) {
      Value res[8];
      memset(res, 0, sizeof res);
      rts[mode]->call(rts[mode]->find_function(fname), av, res);
      runs++;
      std::string text_now;
      bool match = want.size() == sig.nresults;
      for (uint32_t k = 0; k < sig.nresults; k++) {
        text_now += (k ? ", " : "") + value_text(res[k], sig.results[k]);
        Value w;
        if (k < want.size() && (!to_value(want[k], sig.results[k], &w) || !same(res[k], w, sig.results[k])))
          match = false;
      }
      if (mode == 0) got_text = text_now;
      if (!match) {
        r.report += where + "[" + kModes[mode] + "] " + fname + "(" + call.substr(lp + 1, rp - lp - 1) + ") gave " +
                    text_now + ", expected" + call.substr(eq + 2) + "\n";
        ok = false;
      }
    }
    blessed += line.substr(0, line.find("# run:")) + "# run: " + trim(call.substr(0, eq)) + " == " + got_text + "\n";
  }
  for (int mode = 1; mode < kNumModes; mode++)
    for (const std::string& f : rts[mode]->fallbacks()) {
      r.report += std::string("  [") + kModes[mode] + "] not compiled: " + f + "\n";
      ok = false;
    }
  if (runs == 0 && ok) {
    r.report += "  a run test needs '# run:' lines\n";
    ok = false;
  }
  r.blessed = blessed;
  r.ok = ok;
  return r;
}

// --- test compile x86_64 [-O0|-O1]: every function compiled eagerly and listed by Kite's
// assembly printer; the text is matched by the file's check lines (addresses vary, so there
// is no golden block).
Result run_compile(const std::string& path, const std::string& text, const std::vector<std::string>& lines,
                   const std::string& args) {
  Result r;
  int level = args.find("-O0") != std::string::npos ? 0 : 1;
  Context ctx;
  Diagnostics diags;
  std::vector<Module*> mods;
  if (!check_or_report(ctx, path, text, diags, &mods, &r)) return r;
  JitOptions jopts = jit_options(false, level);
  jopts.keep_listing = true;
  auto rt = make_jit_runtime(ctx, jopts);
  for (Module* m : mods) rt->load(*m, diags);
  if (!diags.has_errors()) rt->link(diags);
  if (diags.has_errors()) {
    r.report = "  link errors:\n" + diag_text(diags);
    return r;
  }
  std::string out;
  for (Module* m : mods)
    for (ItemId id : m->items) {
      if (ctx.item(id).kind != ItemKind::Func) continue;
      out += std::string(ctx.name(ctx.item(id).name)) + ":\n";
      std::string text = rt->listing(id);
      out += text.empty() ? "  (interpreted)\n" : text;
    }
  std::vector<Check> checks = parse_checks(lines);
  if (checks.empty()) {
    r.report = "  a compile test needs check lines";
    return r;
  }
  r.ok = run_checks(checks, out, &r.report);
  if (!r.ok) r.report += "  generated code:\n" + out;
  return r;
}

}  // namespace

Result run_filetest(const std::string& path, const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  std::string kind;
  for (const std::string& l : lines) {
    std::string t = trim(l);
    if (t.empty()) continue;
    if (t.rfind("# test ", 0) == 0) kind = trim(t.substr(7));
    break;
  }
  if (kind == "print") return run_print(path, text, lines);
  if (kind == "verify") return run_verify(path, text, lines);
  if (kind == "run") return run_run(path, text, lines);
  if (kind.rfind("opt ", 0) == 0) {
    std::vector<std::string> passes;
    std::string rest = kind.substr(4);
    for (size_t p = 0; p < rest.size();) {
      size_t q = rest.find(' ', p);
      if (q == std::string::npos) q = rest.size();
      if (q > p) passes.push_back(rest.substr(p, q - p));
      p = q + 1;
    }
    return run_print(path, text, lines, passes);
  }
  if (kind.rfind("compile x86_64", 0) == 0) return run_compile(path, text, lines, kind.substr(14));
  Result r;
  r.report = kind.empty() ? "  the first line must be a '# test KIND' header" : "  unknown test kind '" + kind + "'";
  return r;
}

}  // namespace kite::filetest

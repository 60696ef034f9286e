// The writer of canonical text IR. Shapes follow MIR's printer (tab-separated, one item or
// insn per line, labels on their own line) but names are kept as written, numbers use the
// shortest text that reads back to the same bits, and every item kind prints so that it
// reads back: print(parse(print(m))) == print(m).
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kite/text.h"
#include "lexer.h"

namespace kite {
namespace {

void append_name(const Context& ctx, NameId n, std::string& out) { out += ctx.name(n); }

// An infinity or NaN: always signed, so it never reads as a name (docs/ir.md). `fraction`
// holds the bits below the exponent; the top one of them (bit quiet_bit) is the quiet bit.
void append_nonfinite(uint64_t negative, uint64_t fraction, unsigned quiet_bit, const char* suffix, std::string& out) {
  out += negative ? '-' : '+';
  uint64_t quiet = uint64_t(1) << quiet_bit;
  uint64_t payload = fraction & (quiet - 1);
  if (fraction == 0) {
    out += "inf";
  } else {
    out += fraction & quiet ? "nan" : "snan";
    if (payload) {
      char buf[32];
      snprintf(buf, sizeof buf, "(0x%" PRIx64 ")", payload);
      out += buf;
    }
  }
  out += suffix;
}

// Shortest %g text of v that strtod reads back exactly, containing '.' or 'e' so that the
// reader sees a floating literal.
void append_double(double v, std::string& out) {
  char buf[64];
  uint64_t bits;
  memcpy(&bits, &v, 8);
  if ((bits >> 52 & 0x7FF) == 0x7FF) {
    append_nonfinite(bits >> 63, bits & ((uint64_t(1) << 52) - 1), 51, "", out);
    return;
  }
  if (v == std::trunc(v) && std::fabs(v) < 1e16) {
    snprintf(buf, sizeof buf, "%.1f", v);  // integral values read best as "1000.0"
  } else {
    for (int prec = 1; prec <= 17; prec++) {
      snprintf(buf, sizeof buf, "%.*g", prec, v);
      if (strtod(buf, nullptr) == v) break;
    }
  }
  out += buf;
  if (!strpbrk(buf, ".e")) out += ".0";
}

void append_float(float v, std::string& out) {
  char buf[64];
  uint32_t bits;
  memcpy(&bits, &v, 4);
  if ((bits >> 23 & 0xFF) == 0xFF) {
    append_nonfinite(bits >> 31, bits & ((1u << 23) - 1), 22, "f", out);
    return;
  }
  if (v == std::trunc(v) && std::fabs(v) < 1e9f) {
    snprintf(buf, sizeof buf, "%.1f", static_cast<double>(v));
  } else {
    for (int prec = 1; prec <= 9; prec++) {
      snprintf(buf, sizeof buf, "%.*g", prec, static_cast<double>(v));
      if (strtof(buf, nullptr) == v) break;
    }
  }
  out += buf;
  if (!strpbrk(buf, ".e")) out += ".0";
  out += 'f';
}

void append_ldouble(long double v, std::string& out) {
  char buf[80];
  uint8_t bytes[sizeof(long double)];
  memcpy(bytes, &v, sizeof bytes);
  uint64_t significand;
  uint16_t sign_exp;
  memcpy(&significand, bytes, 8);
  memcpy(&sign_exp, bytes + 8, 2);
  if ((sign_exp & 0x7FFF) == 0x7FFF) {
    // The explicit integer bit (63) is set in every infinity and NaN the x87 produces; the
    // fraction below it is read like the other types' (docs/ir.md).
    append_nonfinite(sign_exp >> 15, significand & ~(uint64_t(1) << 63), 62, "L", out);
    return;
  }
  if (v == truncl(v) && fabsl(v) < 1e18L) {
    snprintf(buf, sizeof buf, "%.1Lf", v);
  } else {
    for (int prec = 1; prec <= 21; prec++) {
      snprintf(buf, sizeof buf, "%.*Lg", prec, v);
      if (strtold(buf, nullptr) == v) break;
    }
  }
  out += buf;
  if (!strpbrk(buf, ".e")) out += ".0";
  out += 'L';
}

void append_int(int64_t v, bool is_unsigned, std::string& out) {
  char buf[32];
  if (is_unsigned)
    snprintf(buf, sizeof buf, "%" PRIu64, static_cast<uint64_t>(v));
  else
    snprintf(buf, sizeof buf, "%" PRId64, v);
  out += buf;
}

void append_uint(uint64_t v, std::string& out) {
  char buf[32];
  snprintf(buf, sizeof buf, "%" PRIu64, v);
  out += buf;
}

void append_string(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 32 || c >= 127) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\%03o", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void append_var(const Func& f, VarId v, std::string& out) {
  if (v >= f.num_vars()) {
    out += "%bad_var";
    return;
  }
  NameId n = f.var(v).name;
  if (n == 0) {
    out += "%v";
    append_uint(v, out);
  } else {
    append_name(f.context(), n, out);
  }
}

void append_label(const Func& f, LabelId l, std::string& out) {
  if (l >= f.num_labels()) {
    out += "%bad_label";
    return;
  }
  NameId n = f.label(l).name;
  if (n == 0) {
    out += "%L";
    append_uint(l, out);
  } else {
    append_name(f.context(), n, out);
  }
}

void append_operand(const Func& f, const Operand& o, std::string& out) {
  const Context& ctx = f.context();
  switch (o.kind) {
    case OperandKind::None: out += "%none"; break;
    case OperandKind::Var: append_var(f, o.a, out); break;
    case OperandKind::Int: append_int(o.int_value(), o.flags & Operand::kUnsignedFlag, out); break;
    case OperandKind::Float: append_float(o.float_value(), out); break;
    case OperandKind::Double: append_double(o.double_value(), out); break;
    case OperandKind::LDouble: append_ldouble(ctx.ldouble(o.a), out); break;
    case OperandKind::Str: append_string(ctx.string_literal(o.a), out); break;
    case OperandKind::Item:
      if (o.a < ctx.num_items())
        append_name(ctx, ctx.item(o.a).name, out);
      else
        out += "%bad_item";
      break;
    case OperandKind::Label: append_label(f, o.a, out); break;
    case OperandKind::Mem: {
      if (o.a >= f.num_mems()) {
        out += "%bad_mem";
        break;
      }
      const MemRef& m = f.mem_ref(o);
      out += type_name(o.type);
      out += ':';
      bool has_regs = m.base != kNone || m.index != kNone;
      if (m.disp != 0 || !has_regs) append_int(m.disp, false, out);
      if (has_regs) {
        out += '(';
        if (m.base != kNone) append_var(f, m.base, out);
        if (m.index != kNone) {
          out += ", ";
          append_var(f, m.index, out);
          if (o.scale != 1) {
            out += ", ";
            append_uint(o.scale, out);
          }
        }
        out += ')';
      }
      if (m.alias || m.nonalias) {
        out += ':';
        if (m.alias) append_name(ctx, m.alias, out);
        if (m.nonalias) {
          out += ':';
          append_name(ctx, m.nonalias, out);
        }
      }
      break;
    }
  }
}

void append_header(const Context& ctx, const Signature& sig, std::string& out) {
  const char* sep = "\t";
  for (Type t : sig.result_types()) {
    out += sep;
    out += type_name(t);
    sep = ", ";
  }
  for (const Param& p : sig.param_list()) {
    out += sep;
    out += type_name(p.type);
    out += ':';
    if (is_blk_type(p.type)) {
      append_uint(p.size, out);
      out += '(';
      append_name(ctx, p.name, out);
      out += ')';
    } else {
      append_name(ctx, p.name, out);
    }
    sep = ", ";
  }
  if (sig.vararg) {
    out += sep;
    out += "...";
  }
}

void append_item_label(const Context& ctx, const Item& it, std::string& out) {
  if (it.name) {
    append_name(ctx, it.name, out);
    out += ':';
  }
  out += '\t';
}

// Prints `local`/`global` lines (eight names a line) for the variables in vars.
void print_var_lines(const Func& f, const std::vector<VarId>& vars, std::string& out) {
  const Context& ctx = f.context();
  for (int globals = 0; globals < 2; globals++) {
    int on_line = 0;
    for (VarId v : vars) {
      const Var& var = f.var(v);
      if (var.is_global != globals) continue;
      if (on_line == 8) {
        out += '\n';
        on_line = 0;
      }
      out += on_line == 0 ? (globals ? "\tglobal\t" : "\tlocal\t") : ", ";
      out += type_name(var.type);
      out += ':';
      append_var(f, v, out);
      if (globals) {
        out += ':';
        append_name(ctx, var.hard_reg, out);
      }
      on_line++;
    }
    if (on_line) out += '\n';
  }
}

void print_function(const Func& f, std::string& out) {
  const Context& ctx = f.context();
  append_item_label(ctx, ctx.item(f.item()), out);
  out += "func";
  append_header(ctx, f.sig(), out);
  out += '\n';
  // Variables are declared where they were declared: a name used as an item before a
  // variable of that name exists must keep meaning the item when read back.
  std::vector<VarId> top;
  std::vector<std::pair<InsnId, VarId>> later;
  for (VarId v = f.sig().nparams; v < f.num_vars(); v++) {
    if (f.var(v).decl_after == kNone)
      top.push_back(v);
    else
      later.emplace_back(f.var(v).decl_after, v);
  }
  if (!later.empty()) {
    std::vector<InsnId> live;
    for (InsnId id = f.first(); id != kNone; id = f.insn(id).next) live.push_back(id);
    std::sort(live.begin(), live.end());
    std::vector<std::pair<InsnId, VarId>> kept;
    for (auto& p : later) {
      if (std::binary_search(live.begin(), live.end(), p.first))
        kept.push_back(p);
      else
        top.push_back(p.second);  // its instruction was removed: declare it up front
    }
    later.swap(kept);
    std::stable_sort(later.begin(), later.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::sort(top.begin(), top.end());
  }
  print_var_lines(f, top, out);
  std::vector<VarId> here;
  std::string labels;  // a run of labels not yet printed
  for (InsnId id = f.first(); id != kNone; id = f.insn(id).next) {
    const Insn& in = f.insn(id);
    here.clear();
    if (!later.empty()) {
      auto it = std::lower_bound(later.begin(), later.end(), std::make_pair(id, VarId(0)),
                                 [](const auto& a, const auto& b) { return a.first < b.first; });
      for (; it != later.end() && it->first == id; ++it) here.push_back(it->second);
    }
    if (in.op == Op::Label) {
      // A label names the next instruction and `local` is not one: variables declared after
      // a run of labels are declared before the run (labels read no names, so the meaning
      // is the same).
      print_var_lines(f, here, out);
      append_label(f, in.ops()[0].a, labels);
      labels += ":\n";
    } else {
      out += labels;
      labels.clear();
      out += '\t';
      print_insn(f, id, out);
      out += '\n';
      print_var_lines(f, here, out);
    }
  }
  out += labels;
  out += "\tendfunc\n";
}

void print_data(const Context& ctx, const Item& it, std::string& out) {
  const DataPayload& d = it.data;
  append_item_label(ctx, it, out);
  std::string_view bytes(reinterpret_cast<const char*>(d.bytes), d.count * type_size(d.type));
  if (d.from_string && (bytes.empty() || bytes.back() == '\0')) {
    out += "string\t";
    append_string(bytes, out);
    out += '\n';
    return;
  }
  out += type_name(d.type);
  uint32_t size = type_size(d.type);
  for (uint32_t i = 0; i < d.count; i++) {
    out += i == 0 ? "\t" : ", ";
    const uint8_t* p = d.bytes + i * size;
    switch (d.type) {
      case Type::I8: append_int(static_cast<int8_t>(*p), false, out); break;
      case Type::U8: append_uint(*p, out); break;
      case Type::I16: {
        int16_t v;
        memcpy(&v, p, 2);
        append_int(v, false, out);
        break;
      }
      case Type::U16: {
        uint16_t v;
        memcpy(&v, p, 2);
        append_uint(v, out);
        break;
      }
      case Type::I32: {
        int32_t v;
        memcpy(&v, p, 4);
        append_int(v, false, out);
        break;
      }
      case Type::U32: {
        uint32_t v;
        memcpy(&v, p, 4);
        append_uint(v, out);
        break;
      }
      case Type::I64: {
        int64_t v;
        memcpy(&v, p, 8);
        append_int(v, false, out);
        break;
      }
      case Type::U64:
      case Type::P: {
        uint64_t v;
        memcpy(&v, p, 8);
        append_uint(v, out);
        break;
      }
      case Type::F: {
        float v;
        memcpy(&v, p, 4);
        append_float(v, out);
        break;
      }
      case Type::D: {
        double v;
        memcpy(&v, p, 8);
        append_double(v, out);
        break;
      }
      case Type::LD: {
        long double v = 0;
        memcpy(&v, p, 10);
        append_ldouble(v, out);
        break;
      }
      case Type::Blk0:
      case Type::Blk1:
      case Type::Blk2:
      case Type::Blk3:
      case Type::Blk4:
      case Type::RBlk:
      case Type::Undef: out += "%bad"; break;
    }
  }
  out += '\n';
}

}  // namespace

void print_func(const Func& f, std::string& out) { kite::print_function(f, out); }

void print_insn(const Func& f, InsnId id, std::string& out) {
  const Insn& in = f.insn(id);
  out += op_name(in.op);
  for (uint32_t i = 0; i < in.nops; i++) {
    out += i == 0 ? "\t" : ", ";
    append_operand(f, in.ops()[i], out);
  }
}

namespace {

// One item in its text form.
void print_item(const Context& ctx, ItemId id, std::string& out) {
    const Item& it = ctx.item(id);
  switch (it.kind) {
    case ItemKind::Func: print_function(*it.func, out); break;
    case ItemKind::Proto:
      append_item_label(ctx, it, out);
      out += "proto";
      append_header(ctx, *it.proto, out);
      out += '\n';
      break;
    case ItemKind::Import:
    case ItemKind::Export:
    case ItemKind::Forward:
      out += '\t';
      out += item_kind_name(it.kind);
      out += '\t';
      append_name(ctx, it.name, out);
      out += '\n';
      break;
    case ItemKind::Data: print_data(ctx, it, out); break;
    case ItemKind::Bss:
      append_item_label(ctx, it, out);
      out += "bss\t";
      append_uint(it.bss_size, out);
      out += '\n';
      break;
    case ItemKind::Ref:
      append_item_label(ctx, it, out);
      out += "ref\t";
      append_name(ctx, ctx.item(it.ref.target).name, out);
      out += ", ";
      append_int(it.ref.disp, false, out);
      out += '\n';
      break;
    case ItemKind::Lref:
      append_item_label(ctx, it, out);
      out += "lref\t";
      append_name(ctx, it.lref.label_name, out);
      if (it.lref.label2_name) {
        out += ", ";
        append_name(ctx, it.lref.label2_name, out);
      }
      if (it.lref.disp) {
        out += ", ";
        append_int(it.lref.disp, false, out);
      }
      out += '\n';
      break;
    case ItemKind::Expr:
      append_item_label(ctx, it, out);
      out += "expr\t";
      append_name(ctx, ctx.item(it.expr_func).name, out);
      out += '\n';
      break;
    case ItemKind::Undeclared: break;  // placeholders are never shown
    case ItemKind::Alias:
      append_item_label(ctx, it, out);
      out += "alias\t";
      append_name(ctx, ctx.item(it.alias_target).name, out);
      out += '\n';
      break;
  }
}

// An item named like an unsigned infinity or NaN (`inf`, `nanf`: C allows such names) reads
// back as that name only where it is declared before its uses; the others keep their order.
bool named_like_nonfinite(const Context& ctx, const Item& it) {
  if (!it.name || it.kind == ItemKind::Undeclared) return false;
  std::string_view s = ctx.name(it.name);
  text::Token t;
  const char* err = nullptr;
  return text::scan_nonfinite(s, false, &t, &err) == s.size() && !err;
}

}  // namespace

void print_module(const Context& ctx, const Module& m, std::string& out) {
  append_name(ctx, m.name, out);
  out += ":\tmodule\n";
  for (ItemId id : m.items)
    if (named_like_nonfinite(ctx, ctx.item(id))) print_item(ctx, id, out);
  for (ItemId id : m.items)
    if (!named_like_nonfinite(ctx, ctx.item(id))) print_item(ctx, id, out);
  for (ItemId id : m.items) {
    const Item& it = ctx.item(id);
    if (!it.weak || (it.kind != ItemKind::Import && it.kind != ItemKind::Export)) continue;
    out += "\tweak\t";
    append_name(ctx, it.name, out);
    out += '\n';
  }
  for (const std::vector<StartupFunc>* list : {&m.inits, &m.finis})
    for (const StartupFunc& sf : *list) {
      out += list == &m.inits ? "\tinit\t" : "\tfini\t";
      append_name(ctx, ctx.item(sf.func).name, out);
      if (sf.priority != kDefaultStartupPriority) {
        out += ", ";
        append_uint(sf.priority, out);
      }
      out += '\n';
    }
  out += "\tendmodule\n";
}

std::string print_module(const Context& ctx, const Module& m) {
  std::string out;
  print_module(ctx, m, out);
  return out;
}

}  // namespace kite

// IR generation for items, functions and statements (see irgen.h).
#include "irgen.h"
#include "preprocess.h"

#include <algorithm>
#include <cstdarg>
#include <cstring>

namespace kite::c {

// A volatile object lives in memory too, so every access is a load or a store (and it keeps its
// value across longjmp).
// Atomic objects live in memory too: their accesses are runtime calls on their address.
static bool in_memory(const Symbol* s) {
  return s->addr_taken || is_aggregate(s->type) || (s->type->quals & (kVolatile | kAtomic));
}

IrGen::IrGen(Context& ctx, Module& m, const SourceManager& sources, Diagnostics& diags, TypeTable& types)
    : ctx_(ctx), m_(m), sources_(sources), diags_(diags), types_(types) {}

// With "in file included from" notes when the error is inside a header.
void IrGen::error(SourceLoc loc, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(sources_, diags_, Severity::Error, loc, 0, fmt, ap);
  va_end(ap);
}

static void leaf_classes(const CType* t, uint64_t off, bool* is_int, bool* bad) {
  t = t->unqual;
  if (is_record(t)) {
    for (uint32_t i = 0; i < t->nmembers; i++) leaf_classes(t->members[i].type, off + t->members[i].offset, is_int, bad);
  } else if (is_array(t)) {
    for (int64_t i = 0; i < t->length; i++) leaf_classes(t->base, off + static_cast<uint64_t>(i) * t->base->size, is_int, bad);
  } else if (t->kind == TypeKind::LDouble || off % t->align) {
    *bad = true;
  } else if (!is_floating(t)) {
    is_int[off / 8] = true;
  }
}

IrGen::AbiClass IrGen::classify(const CType* t) {
  AbiClass c;
  uint64_t size = t->size;
  bool is_int[2] = {false, false}, bad = false;
  if (size == 0 || size > 16) bad = true;
  else leaf_classes(t, 0, is_int, &bad);
  if (bad) {
    c.memory = true;
    return c;
  }
  c.nparts = static_cast<uint32_t>((size + 7) / 8);
  for (uint32_t i = 0; i < c.nparts; i++) {
    uint64_t rem = size - 8 * i;
    if (is_int[i]) {
      c.part_result[i] = Type::I64;
      c.part_mem[i] = rem > 4 ? Type::I64 : rem > 2 ? Type::U32 : rem > 1 ? Type::U16 : Type::U8;
    } else {
      c.part_result[i] = c.part_mem[i] = rem > 4 ? Type::D : Type::F;
    }
  }
  if (c.nparts == 1) c.blk = is_int[0] ? Type::Blk1 : Type::Blk2;
  else c.blk = is_int[0] && is_int[1] ? Type::Blk1 : !is_int[0] && !is_int[1] ? Type::Blk2 : is_int[0] ? Type::Blk3 : Type::Blk4;
  return c;
}

int64_t IrGen::frame_slot(const CType* t) {
  uint64_t a = t->align ? t->align : 1;
  frame_size_ = (frame_size_ + a - 1) / a * a;
  int64_t off = static_cast<int64_t>(frame_size_);
  frame_size_ += t->size ? t->size : 1;
  return off;
}

// Structs: arguments as blkN:size blocks, results in up to two eightbytes or, when the struct
// is in memory by the ABI, through a leading rblk parameter (as c2m and gcc do).
const Signature* IrGen::signature_of(const CType* ft, const std::vector<NameId>* names) {
  std::vector<Type> results;
  std::vector<Param> params;
  const CType* rt = ft->base->unqual;
  if (is_record(rt)) {
    AbiClass c = classify(rt);
    if (c.memory) params.push_back({Type::RBlk, ctx_.intern("Ret_Addr"), static_cast<uint32_t>(rt->size)});
    else results.assign(c.part_result, c.part_result + c.nparts);
  } else if (!is_void(rt)) {
    results.push_back(mem_type(rt));
  }
  for (uint32_t i = 0; i < ft->nparams; i++) {
    NameId n = names ? (*names)[i] : ctx_.intern("p" + std::to_string(i));
    const CType* pt = ft->params[i]->unqual;
    if (is_record(pt)) {
      AbiClass c = classify(pt);
      params.push_back({c.memory ? Type::Blk0 : c.blk, n, static_cast<uint32_t>(pt->size)});
    } else {
      params.push_back({mem_type(pt), n, 0});
    }
  }
  return ctx_.new_signature(results, params, ft->variadic);
}

// A prototype per function type; calls of unprototyped functions get one from their arguments.
ItemId IrGen::proto_for(const CType* ft, const Expr* call) {
  if (ft->unprototyped) {
    std::vector<const CType*> ps;
    for (uint32_t i = 0; i < call->nargs; i++) ps.push_back(call->args[i]->type);
    ft = types_.func(ft->base, ps, false, false);
  }
  for (auto& [t, id] : protos_)
    if (t == ft) return id;
  std::string name = "proto." + std::to_string(proto_count_++);
  ItemId id = ctx_.new_item(m_, ItemKind::Proto, ctx_.intern(name), 0);
  m_.symbols.set(ctx_.intern(name), id);
  ctx_.item(id).proto = signature_of(ft, nullptr);
  protos_.push_back({ft, id});
  return id;
}

ItemId IrGen::import_named(const char* name) {
  NameId n = ctx_.intern(name);
  ItemId id = m_.find(n);
  if (id != kNone) return id;
  return ctx_.new_import(m_, name);
}

ItemId IrGen::item_of(Symbol* s) {
  if (s->ir_id != kNone) return s->ir_id;
  if (s->alias_of) return s->ir_id = item_of(s->alias_of);  // uses in this unit name the target
  NameId n = s->ir_name;
  if (s->defined) {
    // Defined later in the file: a placeholder that emit_global turns into the definition.
    s->ir_id = ctx_.new_item(m_, ItemKind::Undeclared, n, 0, /*hidden=*/true);
    m_.symbols.set(n, s->ir_id);
  } else {
    ItemId prev = m_.find(n);
    s->ir_id = prev != kNone ? prev : ctx_.new_import(m_, ctx_.name(n));
    if (prev == kNone) ctx_.item(s->ir_id).weak = s->weak;
  }
  return s->ir_id;
}

void IrGen::export_symbol(const Symbol* s) {
  ItemId id = ctx_.new_export(m_, ctx_.name(s->ir_name));
  ctx_.item(id).weak = s->weak;
  ctx_.item(id).loc = ir_loc(s->loc);  // link errors point at the C declaration
}

ItemId IrGen::string_item(const char* bytes, size_t n) {
  std::string name = "str." + std::to_string(string_count_++);
  NameId id_name = ctx_.intern(name);
  ItemId id = ctx_.new_item(m_, ItemKind::Data, id_name, 0);
  m_.symbols.set(id_name, id);
  Item& it = ctx_.item(id);
  it.data.type = Type::U8;
  it.data.from_string = false;
  it.data.count = static_cast<uint32_t>(n);
  uint8_t* b = static_cast<uint8_t*>(ctx_.arena().allocate(n ? n : 1, 1));
  memcpy(b, bytes, n);
  it.data.bytes = b;
  return id;
}

// A global object: its bytes as u8 data, cut where an address goes (a `ref` item); the named
// first piece and the anonymous rest form one contiguous section. No initializer: bss.
void IrGen::emit_global(Symbol* s) {
  uint64_t size = std::max<uint64_t>(s->type->size ? s->type->size : 1, s->init_bytes);
  // Data items count their bytes in 32 bits. Without an initializer the object is bss and needs
  // no image here: a hostile `int a[1LL << 40];` must not allocate one.
  if (s->ninit && size > UINT32_MAX) {
    error(s->loc, "an initialized object of %llu bytes is too large (at most 4 GiB)",
          static_cast<unsigned long long>(size));
    return;
  }
  std::vector<uint8_t> bytes(s->ninit ? size : 0, 0);
  struct Reloc {
    uint64_t offset;
    ItemId item;
    int64_t disp;
    LabelId label;  // an lref: a label of function label_func (labels as values)
    ItemId label_func;
    LabelId label2;  // minus this label's address
  };
  std::vector<Reloc> relocs;
  bool nonzero = false;
  for (uint32_t i = 0; i < s->ninit; i++) {
    const InitItem& it = s->init[i];
    ConstVal v;
    if (!const_value(it.value, &v)) {
      error(it.value->loc, "initializer element is not a compile-time constant");
      continue;
    }
    if (v.is_addr) {
      if (v.label2 != kNone && it.type->size != 8) {
        error(it.value->loc, "a label difference in a static initializer needs an 8-byte type, not '%s'",
              types_.describe(it.type, ctx_.names()).c_str());
        continue;
      }
      relocs.push_back({it.offset, v.item, v.i, v.label, v.label_func, v.label2});
      continue;
    }
    uint8_t* p = bytes.data() + it.offset;
    if (it.type->kind == TypeKind::Float) {
      float f = static_cast<float>(v.is_float ? v.f : static_cast<long double>(v.i));
      memcpy(p, &f, 4);
    } else if (it.type->kind == TypeKind::Double) {
      double d = static_cast<double>(v.is_float ? v.f : static_cast<long double>(v.i));
      memcpy(p, &d, 8);
    } else if (it.type->kind == TypeKind::LDouble) {
      long double d = v.is_float ? v.f : static_cast<long double>(v.i);
      memcpy(p, &d, 10);
    } else if (it.bit_width) {
      // Only the bytes the field covers: a packed field may end past its type's size from
      // `offset` (up to 9 bytes) or the record before it.
      uint64_t x = static_cast<uint64_t>(v.is_float ? static_cast<int64_t>(v.f) : v.i);
      uint64_t ones = it.bit_width == 64 ? ~uint64_t(0) : (uint64_t(1) << it.bit_width) - 1;
      size_t n = (it.bit_pos + it.bit_width + 7) / 8;
      unsigned __int128 unit = 0, mask = static_cast<unsigned __int128>(ones) << it.bit_pos;
      memcpy(&unit, p, n);
      unit = (unit & ~mask) | (static_cast<unsigned __int128>(x & ones) << it.bit_pos);
      memcpy(p, &unit, n);
    } else {
      int64_t x = v.is_float ? static_cast<int64_t>(v.f) : v.i;
      memcpy(p, &x, std::min<uint64_t>(it.type->size, 8));
    }
    nonzero = true;
  }
  std::sort(relocs.begin(), relocs.end(), [](const Reloc& a, const Reloc& b) { return a.offset < b.offset; });
  NameId name = s->ir_name;
  ItemId placeholder = s->ir_id;
  bool first = true;
  // The first piece takes the symbol's name (and its placeholder item, if used earlier).
  auto new_piece = [&](ItemKind kind) {
    ItemId id;
    if (first && placeholder != kNone) {
      id = placeholder;
      ctx_.item(id).kind = kind;
      ctx_.place_item(id);
    } else if (first) {
      id = ctx_.new_item(m_, kind, name, 0);
      m_.symbols.set(name, id);
    } else {
      id = ctx_.new_item(m_, kind, 0, 0);
    }
    if (first) s->ir_id = id;
    first = false;
    return id;
  };
  auto data_piece = [&](uint64_t from, uint64_t to) {
    if (from >= to) return;
    ItemId id = new_piece(ItemKind::Data);
    Item& it = ctx_.item(id);
    it.data.type = Type::U8;
    it.data.from_string = false;
    it.data.count = static_cast<uint32_t>(to - from);
    uint8_t* b = static_cast<uint8_t*>(ctx_.arena().allocate(to - from, 1));
    memcpy(b, bytes.data() + from, to - from);
    it.data.bytes = b;
  };
  if (!nonzero && relocs.empty()) {
    ItemId id = new_piece(ItemKind::Bss);
    ctx_.item(id).bss_size = size;
  } else {
    uint64_t pos = 0;
    for (const Reloc& r : relocs) {
      data_piece(pos, r.offset);
      if (r.label != kNone) {
        ItemId id = new_piece(ItemKind::Lref);
        Func* f = ctx_.item(r.label_func).func;
        NameId name2 = r.label2 == kNone ? 0 : f->label(r.label2).name;
        ctx_.item(id).lref = LrefPayload{f->label(r.label).name, name2, r.disp, r.label_func, r.label, r.label2};
        pos = r.offset + 8;
        continue;
      }
      ItemId id = new_piece(ItemKind::Ref);
      ctx_.item(id).ref = RefPayload{r.item, r.disp};
      pos = r.offset + 8;
    }
    data_piece(pos, size);
  }
  if (s->storage != StorageClass::Static) export_symbol(s);
}

void IrGen::run(const TranslationUnit& tu) {
  // Functions first, so that calls to functions defined later find their items.
  std::vector<const FuncDef*> defs;
  for (uint32_t i = 0; i < tu.nfuncs; i++) {
    const FuncDef& fd = tu.funcs[i];
    std::vector<NameId> names;
    for (uint32_t p = 0; p < fd.nparams; p++) names.push_back(fd.params[p]->name);
    const Signature* sig = signature_of(fd.sym->type, &names);
    Func* f = ctx_.new_func(m_, fd.sym->ir_name, sig, ir_loc(fd.loc));
    fd.sym->ir_id = f->item();
    if (fd.sym->storage != StorageClass::Static && !fd.sym->inline_only) export_symbol(fd.sym);
  }
  for (uint32_t i = 0; i < tu.nglobals; i++) {
    Symbol* s = tu.globals[i];
    if (s->kind == Symbol::Var && s->defined) emit_global(s);  // also `extern int x; int x;`
  }
  for (uint32_t i = 0; i < tu.nglobals; i++) {
    Symbol* s = tu.globals[i];
    if (!s->alias_of || s->ir_name == s->alias_of->ir_name) continue;
    // Another name of the target for other modules: an alias item, exported unless static.
    ItemId target = item_of(s->alias_of);
    ItemId a = ctx_.new_item(m_, ItemKind::Alias, s->ir_name, ir_loc(s->loc));
    m_.symbols.set(s->ir_name, a);
    ctx_.item(a).alias_target = target;
    if (s->storage != StorageClass::Static) export_symbol(s);
  }
  for (uint32_t i = 0; i < tu.nfuncs; i++) {  // C's constructors and destructors, in definition order
    Symbol* s = tu.funcs[i].sym;
    if (s->constructor) m_.inits.push_back({s->ir_id, s->constructor_priority, ir_loc(s->loc)});
    if (s->destructor) m_.finis.push_back({s->ir_id, s->destructor_priority, ir_loc(s->loc)});
  }
  for (uint32_t i = 0; i < tu.nfuncs; i++) gen_func(tu.funcs[i]);
}

VarId IrGen::temp(Type t) {
  std::string n = ".t" + std::to_string(++temp_count_);
  return f_->new_var(ctx_.intern(n), t, loc_);
}

NameId IrGen::unique_var_name(NameId name) {
  std::string_view s = ctx_.name(name);
  bool reserved = s.size() > 2 && s[0] == 'h' && s[1] == 'r' && s.find_first_not_of("0123456789", 2) == std::string_view::npos;
  NameId n = name;
  for (uint32_t k = 1; reserved || name_used(n); k++) {
    n = ctx_.intern(std::string(s) + "." + std::to_string(k));
    reserved = false;
  }
  mark_name_used(n);
  return n;
}

LabelId IrGen::new_label() { return f_->new_label(ctx_.intern(".L" + std::to_string(f_->num_labels())), loc_); }

LabelId IrGen::user_label(NameId name, SourceLoc loc) {
  for (const UserLabel& u : labels_)
    if (u.name == name) return u.label;
  set_loc(loc);
  LabelId l = f_->new_label(name, loc_);
  labels_.push_back({name, l, loc});
  return l;
}

// A loop's body, with break and continue going to `brk` and `cont`.
void IrGen::gen_loop_body(const Stmt* body, LabelId brk, LabelId cont) {
  break_.push_back(brk);
  continue_.push_back(cont);
  break_vla_depth_.push_back(vla_cur_);
  continue_vla_depth_.push_back(vla_cur_);
  gen_stmt(body);
  break_.pop_back();
  continue_.pop_back();
  break_vla_depth_.pop_back();
  continue_vla_depth_.pop_back();
}

void IrGen::collect_locals(const Stmt* s) {
  if (!s) return;
  switch (s->kind) {
    case StmtKind::Decl:
      if (s->sym->kind == Symbol::Var) locals_.push_back(s->sym);  // not a block-scope VLA typedef
      if (is_vla_object_decl(s) || has_cleanup(s)) has_vla_objects_ = true;
      break;
    case StmtKind::Block:
      for (uint32_t i = 0; i < s->n; i++) collect_locals(s->list[i]);
      break;
    case StmtKind::If:
      collect_locals(s->body);
      collect_locals(s->els);
      break;
    case StmtKind::For: collect_locals(s->init); [[fallthrough]];
    case StmtKind::While:
    case StmtKind::DoWhile:
    case StmtKind::Switch:
    case StmtKind::Case:
    case StmtKind::Default:
    case StmtKind::Label: collect_locals(s->body); break;
    default: break;
  }
}

void IrGen::place_local(Symbol* s) {
  if (is_array(s->type) && s->type->vm) {  // a VLA: its variable holds the alloca's address
    s->by_ref = true;
    s->ir_id = f_->new_var(unique_var_name(s->name), Type::I64, ir_loc(s->loc));
  } else if (in_memory(s)) {
    uint64_t a = s->type->align ? s->type->align : 1;
    frame_size_ = (frame_size_ + a - 1) / a * a;
    s->value = static_cast<int64_t>(frame_size_);
    frame_size_ += s->type->size ? s->type->size : 1;
  } else {
    s->ir_id = f_->new_var(unique_var_name(s->name), var_type(s->type), ir_loc(s->loc));
  }
}

void IrGen::gen_func(const FuncDef& fd) {
  f_ = ctx_.item(fd.sym->ir_id).func;
  fd_ = &fd;
  set_loc(fd.loc);
  temp_count_ = 0;
  frame_ = kNone;
  frame_size_ = 0;
  locals_.clear();
  name_serial_++;
  labels_.clear();
  for (const StaticLabel& l : static_labels_)
    if (l.func == fd.sym->ir_id) labels_.push_back({l.name, l.label, l.first_use});
  vla_size_var_.assign(types_.num_vlas(), kNone);
  has_vla_objects_ = false;
  vla_scopes_.assign(1, VlaScope{kNone, 0, 0, nullptr});
  vla_cur_ = 0;
  for (uint32_t i = 0; i < fd.nparams; i++) mark_name_used(fd.params[i]->name);
  collect_locals(fd.body);
  if (has_vla_objects_) scan_vla_scopes(fd.body);
  std::vector<Symbol*> mem_params;
  const CType* rt = fd.sym->type->base->unqual;
  bool rblk = is_record(rt) && classify(rt).memory;
  ret_addr_ = rblk ? 0 : kNone;
  for (uint32_t i = 0; i < fd.nparams; i++) {
    Symbol* p = fd.params[i];
    p->ir_id = i + (rblk ? 1 : 0);
    p->by_ref = is_record(p->type);
    if (!p->by_ref && in_memory(p)) {
      place_local(p);
      mem_params.push_back(p);
    }
  }
  for (Symbol* s : locals_) place_local(s);
  // The frame is sized at the end: struct-valued calls add slots while the body is generated.
  frame_ = f_->new_var(unique_var_name(ctx_.intern("fp")), Type::I64, loc_);
  frame_insn_ = f_->append(Op::Alloca, {Operand::var(frame_), Operand::int64(0)});
  for (Symbol* p : mem_params) {
    LVal l;
    l.base = frame_;
    l.disp = p->value;
    l.type = p->type;
    store(l, Operand::var(p->ir_id));
  }
  gen_stmt(fd.body);
  for (const UserLabel& u : labels_)
    if (f_->label(u.label).def == kNone) {
      std::string_view s = ctx_.name(u.name);
      s = s.substr(0, s.find('.'));  // a local label (`__label__ x;`) is x.N
      error(u.first_use, "use of undeclared label '%.*s'", static_cast<int>(s.size()), s.data());
      place(u.label);
    }
  // Falling off the end: main returns 0 (5.1.2.2.3); elsewhere the value is unspecified.
  if (is_record(rt)) {
    AbiClass c = classify(rt);
    std::vector<Operand> zeros;
    for (uint32_t k = 0; !c.memory && k < c.nparts; k++)
      zeros.push_back(c.part_result[k] == Type::I64 ? Operand::int64(0) : c.part_result[k] == Type::D ? Operand::float64(0) : Operand::float32(0));
    emit(Op::Ret, zeros);
  } else if (is_void(rt)) emit(Op::Ret, {});
  else if (rt->kind == TypeKind::Float) emit(Op::Ret, {Operand::float32(0)});
  else if (rt->kind == TypeKind::Double) emit(Op::Ret, {Operand::float64(0)});
  else if (rt->kind == TypeKind::LDouble) emit(Op::Ret, {ctx_.ldouble_operand(0)});
  else emit(Op::Ret, {Operand::int64(0)});
  if (frame_size_) f_->insn(frame_insn_).op_at(1) = Operand::int64(static_cast<int64_t>((frame_size_ + 15) / 16 * 16));
  else f_->remove(frame_insn_);
  f_->shrink_to_fit();
  f_ = nullptr;
}

void IrGen::gen_local_init(Symbol* s) {
  if (!s->has_init) return;
  if (!in_memory(s)) {
    LVal l;
    l.is_var = true;
    l.var = s->ir_id;
    l.type = s->type;
    if (s->ninit) store(l, rv(s->init[0].value));
    return;
  }
  bool whole = s->ninit == 1 && s->init[0].offset == 0 && s->init[0].type->size == s->type->size && !s->init[0].bit_width;
  if (!whole) zero_bytes(frame_, s->value, s->type->size);
  // A value shared by the elements of a GNU range is evaluated once.
  std::vector<std::pair<const Expr*, Operand>> shared;
  for (uint32_t i = 0; i < s->ninit; i++) {
    const InitItem& it = s->init[i];
    LVal l;
    l.base = frame_;
    l.disp = s->value + static_cast<int64_t>(it.offset);
    l.type = it.type;
    l.bit_pos = it.bit_pos;
    l.bit_width = it.bit_width;
    l.unit_bytes = it.unit_bytes;
    if (!it.shared || is_record(it.type)) {
      store(l, rv(it.value));
      continue;
    }
    Operand v;
    bool found = false;
    for (const auto& [e, o] : shared)
      if (e == it.value) v = o, found = true;
    if (!found) {
      v = Operand::var(to_var(rv(it.value)));
      shared.push_back({it.value, v});
    }
    store(l, v);
  }
}

void IrGen::gen_stmt(const Stmt* s) {
  if (!s) return;
  set_loc(s->loc);
  switch (s->kind) {
    case StmtKind::Null: return;
    case StmtKind::Expr: effect(s->e); return;
    case StmtKind::Decl:
      if (s->nvlas || is_vla_object_decl(s)) gen_vla_decl(s);
      if (s->sym->kind == Symbol::Var) gen_local_init(s->sym);
      if (has_cleanup(s) && !s->nvlas && !is_vla_object_decl(s)) gen_vla_decl(s);  // its scope starts once it is initialized
      return;
    case StmtKind::Block: {
      uint32_t vla_scope = vla_cur_;
      for (uint32_t i = 0; i < s->n; i++) gen_stmt(s->list[i]);
      release_vlas_to(vla_scope);  // the block's VLA objects end with it
      vla_cur_ = vla_scope;
      return;
    }
    case StmtKind::If: {
      LabelId els = new_label(), end = new_label();
      branch(s->e, false, els);
      gen_stmt(s->body);
      if (s->els) emit(Op::Jmp, {Operand::label(end)});
      place(els);
      if (s->els) {
        gen_stmt(s->els);
        place(end);
      }
      return;
    }
    case StmtKind::While: {
      LabelId top = new_label(), cont = new_label(), end = new_label();
      emit(Op::Jmp, {Operand::label(cont)});
      place(top);
      gen_loop_body(s->body, end, cont);
      place(cont);
      set_loc(s->loc);
      branch(s->e, true, top);
      place(end);
      return;
    }
    case StmtKind::DoWhile: {
      LabelId top = new_label(), cont = new_label(), end = new_label();
      place(top);
      gen_loop_body(s->body, end, cont);
      place(cont);
      branch(s->e, true, top);
      place(end);
      return;
    }
    case StmtKind::For: {
      LabelId top = new_label(), cont = new_label(), test = new_label(), end = new_label();
      uint32_t vla_scope = vla_cur_;
      if (s->init && s->init->kind == StmtKind::Block)  // declarations: in scope until the for ends
        for (uint32_t i = 0; i < s->init->n; i++) gen_stmt(s->init->list[i]);
      else
        gen_stmt(s->init);
      set_loc(s->loc);
      emit(Op::Jmp, {Operand::label(test)});
      place(top);
      gen_loop_body(s->body, end, cont);
      place(cont);
      set_loc(s->loc);
      if (s->step) effect(s->step);
      place(test);
      if (s->e) branch(s->e, true, top);
      else emit(Op::Jmp, {Operand::label(top)});
      place(end);
      release_vlas_to(vla_scope);  // a VLA declared in the for's first clause
      vla_cur_ = vla_scope;
      return;
    }
    case StmtKind::Switch: gen_switch(s); return;
    case StmtKind::Case:
    case StmtKind::Default:
      place(s->ir_label);
      gen_stmt(s->body);
      return;
    case StmtKind::Break:
      release_vlas_to(break_vla_depth_.back());
      emit(Op::Jmp, {Operand::label(break_.back())});
      return;
    case StmtKind::Continue:
      release_vlas_to(continue_vla_depth_.back());
      emit(Op::Jmp, {Operand::label(continue_.back())});
      return;
    case StmtKind::Goto:
      if (has_vla_objects_) goto_vla_scope(s->label, s->loc);
      emit(Op::Jmp, {Operand::label(user_label(s->label, s->loc))});
      return;
    case StmtKind::GotoIndirect: {
      VarId target = to_var(rv(s->e));
      set_loc(s->loc);
      emit(Op::JmpI, {Operand::var(target)});
      return;
    }
    case StmtKind::Label: {
      LabelId l = user_label(s->label, s->loc);
      if (f_->label(l).def != kNone) {
        std::string_view n = ctx_.name(s->label);
        n = n.substr(0, n.find('.'));  // a local label (`__label__ x;`) is x.N
        error(s->loc, "redefinition of label '%.*s'", static_cast<int>(n.size()), n.data());
      } else {
        place(l);
      }
      gen_stmt(s->body);
      return;
    }
    case StmtKind::Return: {
      // The value is computed before the cleanups of the scopes being left run (gcc).
      bool cleanups = false;
      for (uint32_t k = vla_cur_; k != 0; k = vla_scopes_[k].parent) cleanups |= vla_scopes_[k].cleanup != nullptr;
      if (!s->e) {
        if (cleanups) release_vlas_to(0, false);
        const CType* rt = fd_->sym->type->base;
        if (is_void(rt)) emit(Op::Ret, {});
        else emit(Op::Ret, {is_floating(rt) ? (rt->kind == TypeKind::Float ? Operand::float32(0) : rt->kind == TypeKind::Double ? Operand::float64(0) : ctx_.ldouble_operand(0)) : Operand::int64(0)});
        return;
      }
      Operand v = rv(s->e);
      set_loc(s->loc);
      const CType* rt = fd_->sym->type->base->unqual;
      if (is_record(rt)) {
        VarId src = to_var(v);
        AbiClass c = classify(rt);
        if (c.memory) {
          copy_bytes(ret_addr_, 0, src, 0, rt->size);
          if (cleanups) release_vlas_to(0, false);
          emit(Op::Ret, {});
          return;
        }
        std::vector<Operand> parts;
        for (uint32_t k = 0; k < c.nparts; k++) {
          VarId r = temp(c.part_result[k]);
          emit_mov(Operand::var(r), f_->mem(c.part_mem[k], 8 * k, src), c.part_result[k]);
          parts.push_back(Operand::var(r));
        }
        if (cleanups) release_vlas_to(0, false);
        emit(Op::Ret, parts);
        return;
      }
      if (cleanups && !is_void(rt)) {
        VarId r = temp(class_type(v));
        emit_mov(Operand::var(r), v, class_type(v));
        v = Operand::var(r);
      }
      if (cleanups) release_vlas_to(0, false);
      if (is_void(rt)) emit(Op::Ret, {});
      else emit(Op::Ret, {v});
      return;
    }
  }
}

// Dense case values use the IR `switch` (a jump table); sparse ones a chain of compares.
void IrGen::gen_switch(const Stmt* s) {
  Operand v = rv(s->e);
  VarId x = to_var(v);
  LabelId end = new_label();
  LabelId dflt = end;
  std::vector<const Stmt*> cases;
  for (uint32_t i = 0; i < s->n; i++) {
    Stmt* c = s->list[i];
    c->ir_label = new_label();
    if (c->kind == StmtKind::Default) dflt = c->ir_label;
    else cases.push_back(c);
  }
  // Ordered in the controlling type (unsigned 64-bit values of 2^63 and more last); keys and
  // their differences are computed as uint64_t, so a range over all 64-bit values cannot overflow.
  bool u = !is_signed(s->e->type);
  auto key = [u](int64_t v) { return case_order_key(v, u); };
  std::sort(cases.begin(), cases.end(), [&](const Stmt* a, const Stmt* b) { return key(a->value) < key(b->value); });
  auto diff = [](int64_t a, int64_t b) { return static_cast<uint64_t>(a) - static_cast<uint64_t>(b); };
  // GNU case ranges: `covered` counts the values all cases match (an empty range matches none).
  uint64_t covered = 0;
  int64_t hi = cases.empty() ? 0 : cases.front()->value;
  for (const Stmt* c : cases)
    if (key(c->value_last) >= key(c->value)) {
      uint64_t n = diff(c->value_last, c->value);
      covered += n >= (uint64_t(1) << 32) ? uint64_t(1) << 32 : n + 1;
      if (key(c->value_last) > key(hi)) hi = c->value_last;
    }
  set_loc(s->loc);
  constexpr uint64_t kMaxTable = 8192;  // jump-table entries (an insn holds at most 65535 operands)
  uint64_t span = cases.empty() ? 0 : diff(hi, cases.front()->value);
  if (covered >= 4 && span < covered * 3 + 8 && span < kMaxTable) {
    int64_t lo = cases.front()->value;
    uint64_t range = span + 1;
    VarId idx = temp(Type::I64);
    emit(Op::Sub, {Operand::var(idx), Operand::var(x), Operand::int64(lo)});
    emit(Op::UBgt, {Operand::label(dflt), Operand::var(idx), Operand::int64(static_cast<int64_t>(range - 1))});
    std::vector<Operand> ops{Operand::var(idx)};
    size_t k = 0;
    for (uint64_t i = 0; i < range; i++) {
      int64_t v = static_cast<int64_t>(static_cast<uint64_t>(lo) + i);
      while (k < cases.size() && key(cases[k]->value_last) < key(v)) k++;  // past this case (or an empty range)
      if (k < cases.size() && key(cases[k]->value) <= key(v)) ops.push_back(Operand::label(cases[k]->ir_label));
      else ops.push_back(Operand::label(dflt));
    }
    emit(Op::Switch, ops);
  } else {
    for (const Stmt* c : cases) {
      if (c->value == c->value_last) {
        emit(Op::Beq, {Operand::label(c->ir_label), Operand::var(x), Operand::int64(c->value)});
      } else if (key(c->value) < key(c->value_last)) {  // value <= x <= value_last as one unsigned compare
        VarId off = temp(Type::I64);
        emit(Op::Sub, {Operand::var(off), Operand::var(x), Operand::int64(c->value)});
        emit(Op::UBle, {Operand::label(c->ir_label), Operand::var(off),
                        Operand::int64(static_cast<int64_t>(diff(c->value_last, c->value)))});
      }
    }
    emit(Op::Jmp, {Operand::label(dflt)});
  }
  break_.push_back(end);
  break_vla_depth_.push_back(vla_cur_);
  gen_stmt(s->body);
  break_.pop_back();
  break_vla_depth_.pop_back();
  place(end);
}

}  // namespace kite::c

// The atomic builtins gcc provides (its "__atomic Builtins" and legacy "__sync Builtins"):
// checked and typed here, lowered by irgen_atomic.cpp. The `_n` forms and the read-modify-write
// operations take integers and pointers of 1, 2, 4 or 8 bytes; the generic forms (`__atomic_load`
// with a result pointer...) any object of those sizes. Memory orders are int operands passed on
// to the runtime; the `__sync` forms are the `__atomic` ones with gcc's fixed orders (seq_cst,
// acquire for lock_test_and_set, release for lock_release). The lock-free queries are constants.
#include <cstring>

#include "parser.h"

namespace kite::c {

namespace {

enum class AForm : uint8_t {
  LoadN,
  StoreN,
  ExchangeN,
  CmpxchgN,
  FetchOp,  // also __sync_fetch_and_OP and __sync_OP_and_fetch (order: seq_cst)
  Load,
  Store,
  Exchange,
  Cmpxchg,
  TestAndSet,
  Clear,
  Fence,  // thread and signal fences (a signal fence as a full fence: stronger, never wrong)
  LockFree,
  SyncFetchOp,
  SyncCas,  // bool or val
  SyncLockTestAndSet,
  SyncLockRelease,
  SyncSynchronize,
};

struct AtomicDef {
  const char* name;
  AForm form;
  Punct op;       // FetchOp: the operation; Tilde is nand
  bool old_value; // FetchOp: returns the old value; SyncCas: the val form
};

const AtomicDef kAtomics[] = {
    {"__atomic_load_n", AForm::LoadN, Punct::Comma, false},
    {"__atomic_store_n", AForm::StoreN, Punct::Comma, false},
    {"__atomic_exchange_n", AForm::ExchangeN, Punct::Comma, false},
    {"__atomic_compare_exchange_n", AForm::CmpxchgN, Punct::Comma, false},
    {"__atomic_load", AForm::Load, Punct::Comma, false},
    {"__atomic_store", AForm::Store, Punct::Comma, false},
    {"__atomic_exchange", AForm::Exchange, Punct::Comma, false},
    {"__atomic_compare_exchange", AForm::Cmpxchg, Punct::Comma, false},
    {"__atomic_fetch_add", AForm::FetchOp, Punct::Plus, true},
    {"__atomic_fetch_sub", AForm::FetchOp, Punct::Minus, true},
    {"__atomic_fetch_and", AForm::FetchOp, Punct::Amp, true},
    {"__atomic_fetch_or", AForm::FetchOp, Punct::Pipe, true},
    {"__atomic_fetch_xor", AForm::FetchOp, Punct::Caret, true},
    {"__atomic_fetch_nand", AForm::FetchOp, Punct::Tilde, true},
    {"__atomic_add_fetch", AForm::FetchOp, Punct::Plus, false},
    {"__atomic_sub_fetch", AForm::FetchOp, Punct::Minus, false},
    {"__atomic_and_fetch", AForm::FetchOp, Punct::Amp, false},
    {"__atomic_or_fetch", AForm::FetchOp, Punct::Pipe, false},
    {"__atomic_xor_fetch", AForm::FetchOp, Punct::Caret, false},
    {"__atomic_nand_fetch", AForm::FetchOp, Punct::Tilde, false},
    {"__atomic_test_and_set", AForm::TestAndSet, Punct::Comma, false},
    {"__atomic_clear", AForm::Clear, Punct::Comma, false},
    {"__atomic_thread_fence", AForm::Fence, Punct::Comma, false},
    {"__atomic_signal_fence", AForm::Fence, Punct::Comma, false},
    {"__atomic_always_lock_free", AForm::LockFree, Punct::Comma, false},
    {"__atomic_is_lock_free", AForm::LockFree, Punct::Comma, false},
    {"__sync_fetch_and_add", AForm::SyncFetchOp, Punct::Plus, true},
    {"__sync_fetch_and_sub", AForm::SyncFetchOp, Punct::Minus, true},
    {"__sync_fetch_and_and", AForm::SyncFetchOp, Punct::Amp, true},
    {"__sync_fetch_and_or", AForm::SyncFetchOp, Punct::Pipe, true},
    {"__sync_fetch_and_xor", AForm::SyncFetchOp, Punct::Caret, true},
    {"__sync_fetch_and_nand", AForm::SyncFetchOp, Punct::Tilde, true},
    {"__sync_add_and_fetch", AForm::SyncFetchOp, Punct::Plus, false},
    {"__sync_sub_and_fetch", AForm::SyncFetchOp, Punct::Minus, false},
    {"__sync_and_and_fetch", AForm::SyncFetchOp, Punct::Amp, false},
    {"__sync_or_and_fetch", AForm::SyncFetchOp, Punct::Pipe, false},
    {"__sync_xor_and_fetch", AForm::SyncFetchOp, Punct::Caret, false},
    {"__sync_nand_and_fetch", AForm::SyncFetchOp, Punct::Tilde, false},
    {"__sync_bool_compare_and_swap", AForm::SyncCas, Punct::Comma, false},
    {"__sync_val_compare_and_swap", AForm::SyncCas, Punct::Comma, true},
    {"__sync_lock_test_and_set", AForm::SyncLockTestAndSet, Punct::Comma, false},
    {"__sync_lock_release", AForm::SyncLockRelease, Punct::Comma, false},
    {"__sync_synchronize", AForm::SyncSynchronize, Punct::Comma, false},
};

// Operand counts, by form.
size_t arg_count(AForm f) {
  switch (f) {
    case AForm::LoadN: return 2;
    case AForm::StoreN: return 3;
    case AForm::ExchangeN: return 3;
    case AForm::CmpxchgN: return 6;
    case AForm::FetchOp: return 3;
    case AForm::Load: return 3;
    case AForm::Store: return 3;
    case AForm::Exchange: return 4;
    case AForm::Cmpxchg: return 6;
    case AForm::TestAndSet: return 2;
    case AForm::Clear: return 2;
    case AForm::Fence: return 1;
    case AForm::LockFree: return 2;
    case AForm::SyncFetchOp: return 2;
    case AForm::SyncCas: return 3;
    case AForm::SyncLockTestAndSet: return 2;
    case AForm::SyncLockRelease: return 1;
    case AForm::SyncSynchronize: return 0;
  }
  return 0;
}

bool lock_free_size(uint64_t n) { return n == 1 || n == 2 || n == 4 || n == 8; }

}  // namespace

// The object type T that argument `argno` (a pointer to T) designates, unqualified; null after
// an error. `any_type`: the generic forms, for any object of a lock-free size; otherwise a
// scalar, and `arith` (the read-modify-write operations) an integer other than _Bool or a pointer.
const CType* Parser::atomic_object_type(Expr* ptr, int argno, bool any_type, bool arith, const std::string& name) {
  const CType* pt = ptr->type->unqual;
  const CType* t = is_ptr(pt) ? pt->base->unqual : nullptr;
  bool ok = t && !is_void(t) && !is_func(t) && t->complete;
  // The `_n` forms take floating objects too (gcc's do not): <stdatomic.h>'s generic
  // functions are written over them.
  if (ok && !any_type) ok = arith ? (is_integer(t) || is_ptr(t)) && t->kind != TypeKind::Bool : is_scalar(t);
  if (!ok) {
    error(ptr->loc, "operand type '%s' is incompatible with argument %d of '%s'", type_str(pt).c_str(), argno,
          name.c_str());
    return nullptr;
  }
  if (!lock_free_size(t->size) || t->kind == TypeKind::LDouble || is_array(t) || t->vm) {
    error(ptr->loc, "'%s' on an object of type '%s' is not supported yet", name.c_str(), type_str(t).c_str());
    return nullptr;
  }
  if (pt->base->quals & kConst) {
    error(ptr->loc, "argument %d of '%s' must not be a pointer to a const type", argno, name.c_str());
    return nullptr;
  }
  return t;
}

Expr* Parser::parse_atomic_builtin(const Token& tok) {
  std::string name(spelling(tok));
  const AtomicDef* d = nullptr;
  for (const AtomicDef& a : kAtomics)
    if (name == a.name) d = &a;
  if (!d) return nullptr;
  SourceLoc loc = tok.loc;
  const CType* int_t = types_.int_t();
  const CType* bool_t = types_.basic(TypeKind::Bool);
  const CType* void_t = types_.void_t();
  Expr* zero = int_lit(0, int_t, loc);
  std::vector<Expr*> args;
  if (!builtin_args(&args, arg_count(d->form), name.c_str(), loc)) return zero;
  for (Expr*& a : args) a = decay(a);
  auto order = [&](size_t i) { args[i] = assign_convert(args[i], int_t, args[i]->loc, "argument passing"); };
  auto seq_cst = [&]() { args.push_back(int_lit(5, int_t, loc)); };
  auto node = [&](BuiltinOp op, const CType* type) { return builtin_node(op, type, args, loc); };
  // A read-modify-write operand: a T, or for a pointer T a byte count (gcc does not scale it).
  auto rmw_value = [&](const CType* t) {
    const CType* vt = is_ptr(t) ? types_.basic(TypeKind::Long) : t;
    if (is_ptr(t) && !is_integer(args[1]->type)) error(args[1]->loc, "the operand of '%s' on a pointer must be an integer", name.c_str());
    args[1] = assign_convert(args[1], vt, args[1]->loc, "argument passing");
  };
  auto fetch_op = [&](const CType* t) {
    rmw_value(t);
    Expr* e = node(BuiltinOp::AtomicFetchOp, t);
    e->op = d->op;
    e->postfix = d->old_value;
    return e;
  };
  switch (d->form) {
    case AForm::LoadN: {
      const CType* t = atomic_object_type(args[0], 1, false, false, name);
      if (!t) return zero;
      order(1);
      return node(BuiltinOp::AtomicLoad, t);
    }
    case AForm::StoreN:
    case AForm::ExchangeN: {
      const CType* t = atomic_object_type(args[0], 1, false, false, name);
      if (!t) return zero;
      args[1] = assign_convert(args[1], t, args[1]->loc, "argument passing");
      order(2);
      return d->form == AForm::StoreN ? node(BuiltinOp::AtomicStore, void_t) : node(BuiltinOp::AtomicExchange, t);
    }
    case AForm::CmpxchgN: {
      const CType* t = atomic_object_type(args[0], 1, false, false, name);
      if (!t) return zero;
      const CType* et = args[1]->type->unqual;
      if (!is_ptr(et) || et->base->unqual->size != t->size || !is_scalar(et->base)) {
        error(args[1]->loc, "argument 2 of '%s' must be a pointer to an object of the type of argument 1's", name.c_str());
        return zero;
      }
      args[2] = assign_convert(args[2], t, args[2]->loc, "argument passing");
      args[3] = assign_convert(args[3], bool_t, args[3]->loc, "argument passing");
      order(4);
      order(5);
      return node(BuiltinOp::AtomicCmpxchg, bool_t);
    }
    case AForm::FetchOp: {
      const CType* t = atomic_object_type(args[0], 1, false, true, name);
      if (!t) return zero;
      order(2);
      return fetch_op(t);
    }
    case AForm::Load:
    case AForm::Store:
    case AForm::Exchange:
    case AForm::Cmpxchg: {
      const CType* t = atomic_object_type(args[0], 1, true, false, name);
      if (!t) return zero;
      size_t nptr = d->form == AForm::Exchange || d->form == AForm::Cmpxchg ? 3 : 2;
      for (size_t i = 1; i < nptr; i++) {
        const CType* pt = args[i]->type->unqual;
        if (!is_ptr(pt) || pt->base->unqual->size != t->size || !pt->base->complete) {
          error(args[i]->loc, "size mismatch in argument %zu of '%s'", i + 1, name.c_str());
          return zero;
        }
      }
      if (d->form == AForm::Cmpxchg) {
        args[3] = assign_convert(args[3], bool_t, args[3]->loc, "argument passing");
        order(4);
        order(5);
        return node(BuiltinOp::AtomicCmpxchgPtr, bool_t);
      }
      order(nptr);
      BuiltinOp op = d->form == AForm::Load    ? BuiltinOp::AtomicLoadPtr
                     : d->form == AForm::Store ? BuiltinOp::AtomicStorePtr
                                               : BuiltinOp::AtomicExchangePtr;
      return node(op, void_t);
    }
    case AForm::TestAndSet:
    case AForm::Clear: {
      // gcc's flag is one byte, whatever the pointer's type: any object pointer will do.
      if (!is_ptr(args[0]->type) || is_func(args[0]->type->base)) {
        error(args[0]->loc, "argument 1 of '%s' must be a pointer", name.c_str());
        return zero;
      }
      order(1);
      return d->form == AForm::TestAndSet ? node(BuiltinOp::AtomicTestAndSet, bool_t) : node(BuiltinOp::AtomicClear, void_t);
    }
    case AForm::Fence:
      order(0);
      return node(BuiltinOp::AtomicFence, void_t);
    case AForm::LockFree: {
      // Objects of 1, 2, 4 and 8 bytes are lock-free on x86-64 (typically aligned: the pointer
      // argument is not looked at, as gcc does for a null one); larger ones are not.
      int64_t n = 0;
      if (!is_integer(args[0]->type) || !eval_int(args[0], &n)) {
        error(args[0]->loc, "a non-constant size in '%s' is not supported", name.c_str());
        return zero;
      }
      return int_lit(lock_free_size(static_cast<uint64_t>(n)), bool_t, loc);
    }
    case AForm::SyncFetchOp: {
      const CType* t = atomic_object_type(args[0], 1, false, true, name);
      if (!t) return zero;
      seq_cst();
      return fetch_op(t);
    }
    case AForm::SyncCas: {
      const CType* t = atomic_object_type(args[0], 1, false, false, name);
      if (!t) return zero;
      args[1] = assign_convert(args[1], t, args[1]->loc, "argument passing");
      args[2] = assign_convert(args[2], t, args[2]->loc, "argument passing");
      Expr* e = node(BuiltinOp::SyncCmpxchg, d->old_value ? t : bool_t);
      e->postfix = d->old_value;
      return e;
    }
    case AForm::SyncLockTestAndSet: {
      const CType* t = atomic_object_type(args[0], 1, false, false, name);
      if (!t) return zero;
      args[1] = assign_convert(args[1], t, args[1]->loc, "argument passing");
      args.push_back(int_lit(2, int_t, loc));  // acquire
      return node(BuiltinOp::AtomicExchange, t);
    }
    case AForm::SyncLockRelease: {
      const CType* t = atomic_object_type(args[0], 1, false, false, name);
      if (!t) return zero;
      args.push_back(convert(int_lit(0, int_t, loc), t));
      args.push_back(int_lit(3, int_t, loc));  // release
      return node(BuiltinOp::AtomicStore, void_t);
    }
    case AForm::SyncSynchronize:
      seq_cst();
      return node(BuiltinOp::AtomicFence, void_t);
  }
  return zero;
}

}  // namespace kite::c

// Building IR directly from C++ (no text): a thin layer over Func that names things by
// string and reads like the text form. See examples/plus10.cpp and examples/sieve.cpp.
#pragma once
#include <initializer_list>
#include <string_view>

#include "kite/ir.h"

namespace kite {

// Operand shorthands.
inline Operand var(VarId v) { return Operand::var(v); }
inline Operand imm(int64_t v) { return Operand::int64(v); }
inline Operand fimm(float v) { return Operand::float32(v); }
inline Operand dimm(double v) { return Operand::float64(v); }
inline Operand lab(LabelId l) { return Operand::label(l); }
inline Operand ref(ItemId i) { return Operand::item(i); }

class FuncBuilder {
 public:
  explicit FuncBuilder(Func& f) : f_(f) {}
  Func& func() { return f_; }

  VarId param(uint32_t i) const { return i; }  // parameters are the first variables
  VarId local(std::string_view name, Type t = Type::I64) { return f_.new_var(name, t); }
  LabelId label(std::string_view name) { return f_.new_label(name); }
  // Places a label before the next instruction.
  void place(LabelId l) { f_.append_label(l); }
  InsnId emit(Op op, std::initializer_list<Operand> ops) { return f_.append(op, ops); }
  // type:disp(base, index, scale)
  Operand mem(Type t, int64_t disp, VarId base, VarId index = kNone, uint8_t scale = 1) {
    return f_.mem(t, disp, base, index, scale);
  }
  // A block argument `blkN:size(addr)` for calls.
  Operand block(Type blk, uint32_t size, VarId addr) { return f_.mem(blk, size, addr); }

 private:
  Func& f_;
};

}  // namespace kite

// gnu89's inline rules (-fgnu89-inline, in `flags`, or the gnu_inline attribute): an `extern
// inline` definition is for inlining only; a plain `inline` one is the external definition.
extern inline int for_inlining(int x) { return x + 1; }  // main.c has the external one
inline int plain_inline(int x) { return x * 2; }
extern inline __attribute__((gnu_inline)) int attr_inlining(int x) { return x * 3; }
int use_defs(int x) { return for_inlining(x) + plain_inline(x) + attr_inlining(x); }

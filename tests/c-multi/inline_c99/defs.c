// C99 6.7.4p7: an inline definition whose every file-scope declaration is `inline` without
// `extern` is not external; `extern` on any declaration, or a declaration without `inline`,
// makes this file's definition the external one.
inline int only_inline(int x) { return x + 1; }  // main.c provides the external one
inline int made_extern(int x) { return x * 2; }
extern int made_extern(int x);
inline int made_extern2(int x) { return x * 3; }
int made_extern2(int x);
extern inline int extern_inline(int x) { return x - 1; }
static inline int private_helper(int x) { return x * 10; }
static inline int never_used(void) { return undefined_function(); }  // not emitted: no link error
inline int unused_inline_only(void) { return another_undefined_function(); }
int use_defs(int x) { return only_inline(x) + made_extern(x) + made_extern2(x) + extern_inline(x) + private_helper(x); }

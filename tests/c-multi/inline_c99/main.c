#include <stdio.h>
// The external definition of only_inline; weak references tell which names defs.c exports.
int only_inline(int x) { return x + 1; }
int use_defs(int x);
#define EXPORTED(f)                   \
  __attribute__((weak)) void f(void); \
  printf("%s %d\n", #f, f != 0);
int main(void) {
  printf("%d\n", use_defs(5));
  EXPORTED(made_extern)
  EXPORTED(made_extern2)
  EXPORTED(extern_inline)
  EXPORTED(private_helper)
  EXPORTED(never_used)
  EXPORTED(unused_inline_only)
  return 0;
}

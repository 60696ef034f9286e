#include <stdio.h>
int for_inlining(int x) { return x + 1; }
int attr_inlining(int x) { return x * 3; }
int use_defs(int x);
#define EXPORTED(f)                   \
  __attribute__((weak)) void f(void); \
  printf("%s %d\n", #f, f != 0);
int main(void) {
  printf("%d\n", use_defs(5));
  EXPORTED(plain_inline)
  return 0;
}

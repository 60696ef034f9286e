// Statement forms: declarations right after labels, case and default (C23 and gcc), several
// variables declared in one for, a case label at the end of a block, and GNU __extension__
// before an expression statement and before a declaration.
#include <stdio.h>
int main(void) {
  int r = 0;
  for (int i = 0, j = 10; i < j; i++, j--) r += i * j;
  switch (r) {
    case 70:
      int y = 1;
      printf("y=%d\n", y);
      break;
    default:
      printf("r=%d\n", r);
  }
  switch (r) {
    case 1:
      r = 0;
    default:
  }
  __extension__ ({ r += 1; });
  switch (r) {
    case 71: __extension__ ({ r += 1; });
  }
  __extension__ int w = 2;
  printf("r=%d w=%d\n", r, w);
  // `__extension__ cast-expression` inside parentheses (Lua's cast_func): not a type name.
  long as_long = (__extension__ (long)(char)300) + sizeof(__extension__ (char)w);
  int (*fp)(const char *, ...) = (__extension__ (int (*)(const char *, ...))(void *)printf);
  fp("cast %ld\n", as_long);
  goto l;
l:
  int z = 4;
  printf("z=%d r=%d\n", z, r);
  return 0;
}

// Statement forms: declarations right after labels, case and default (C23 and gcc), several
// variables declared in one for, and a case label at the end of a block.
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
  goto l;
l:
  int z = 4;
  printf("z=%d r=%d\n", z, r);
  return 0;
}

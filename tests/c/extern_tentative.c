// Declarations of one object: `extern` then a tentative definition defines it (zero), an
// `extern` with an initializer is a definition, and a later `extern` refers to the same object.
#include <stdio.h>

extern int x;
int x;
extern int y = 5;
extern int y;
int z;
int z = 7;

int main(void) {
  printf("%d %d %d\n", x, y, z);
  return x + y + z;
}

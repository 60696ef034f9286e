#include <stdio.h>
int counter;
int initialized = 42;
int table[4];
void bump(void);
int read_initialized(void);
int main(void) {
  bump();
  bump();
  counter += 10;
  printf("%d %d %d\n", counter, table[1], read_initialized());
  return 0;
}

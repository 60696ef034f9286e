#include <stdio.h>
#include <stdlib.h>
extern int a_value;
__attribute__((constructor(101))) static void b_101(void) { a_value = 10; puts("b ctor 101"); }
__attribute__((constructor)) static void b_default(void) { puts("b ctor default"); }
__attribute__((destructor(101))) static void b_dtor_101(void) { puts("b dtor 101"); }
static void at_exit(void) { puts("atexit handler"); }
int main(void) {
  atexit(at_exit);
  printf("main sees %d\n", a_value);
  return 0;
}

// Weak references to nothing are null; ordinary definitions here beat hooks.c's weak ones.
#include <stdio.h>
int hook(void) { return 41; }
int weak_var = 20;
int call_hook(void); int read_var(void); int (*hook_ptr(void))(void); int lonely(void);
__attribute__((weak)) void absent(void);
extern int absent_var __attribute__((weak));
int main(void) {
  printf("%d %d %d %d %d\n", call_hook(), read_var(), hook_ptr() == hook, lonely(), hook());
  printf("%d %d\n", absent == 0, &absent_var == 0);
  return 0;
}

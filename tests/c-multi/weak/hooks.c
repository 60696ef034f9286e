// Weak definitions: the ordinary ones in main.c override them, for this file's own calls,
// reads and addresses too; lonely() has no rival and stays.
#include <stdio.h>
__attribute__((weak)) int hook(void) { return 1; }
__attribute__((weak)) int weak_var = 10;
__attribute__((weak)) int lonely(void) { return 7; }
int call_hook(void) { return hook(); }
int read_var(void) { return weak_var; }
int (*hook_ptr(void))(void) { return hook; }

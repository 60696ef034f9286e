// Constructors and destructors of two files run in gcc's order: ascending priority across the
// whole program, then (for equal priorities) in link order; destructors in the reverse order,
// after the program's atexit handlers.
#include <stdio.h>
__attribute__((constructor(200))) static void a_200(void) { puts("a ctor 200"); }
__attribute__((constructor)) static void a_default(void) { puts("a ctor default"); }
__attribute__((destructor(200))) static void a_dtor_200(void) { puts("a dtor 200"); }
__attribute__((destructor)) static void a_dtor_default(void) { puts("a dtor default"); }
int a_value = 1;

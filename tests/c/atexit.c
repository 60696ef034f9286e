/* atexit handlers run after main returns, in reverse order of registration, with stdout
   flushed; at_quick_exit and pthread_atfork (which glibc's libc.so.6 does not export) link. */
#include <stdio.h>
#include <stdlib.h>

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));  /* <pthread.h> */

static int counter = 40;
static void first(void) { printf("first registered, last run: counter %d\n", counter); }
static void second(void) {
  counter++;
  printf("second registered, first run\n");
}
static void quick(void) { printf("never: quick_exit is not called\n"); }
static void prepare(void) {}

int main(void) {
  if (atexit(first) != 0 || atexit(second) != 0) return 1;
  if (at_quick_exit(quick) != 0) return 2;
  if (pthread_atfork(prepare, 0, 0) != 0) return 3;
  printf("main returns 7");  /* no newline: exit flushes it */
  printf("\n");
  return 7;
}

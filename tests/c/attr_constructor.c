// GNU constructor and destructor attributes: constructors run before main by ascending
// priority (none = last), then in definition order; destructors in exactly the reverse order,
// after the atexit handlers registered while the program ran, also when exit() ends it.
#include <stdio.h>
#include <stdlib.h>

static int ready;

__attribute__((constructor)) static void plain1(void) { printf("ctor plain1 ready=%d\n", ready); }
__attribute__((constructor(200))) static void prio200(void) { printf("ctor 200\n"); }
static void __attribute__((constructor(101))) prio101(void) {
  ready = 1;
  printf("ctor 101\n");
}
void late(void) __attribute__((constructor));
void late(void) { printf("ctor late\n"); }

__attribute__((destructor)) static void dplain1(void) { printf("dtor plain1\n"); }
__attribute__((destructor(101))) static void d101(void) {
  printf("dtor 101\n");
  fflush(stdout);
}
__attribute__((destructor(300))) static void d300(void) { printf("dtor 300\n"); }
__attribute__((destructor)) static void dplain2(void) { printf("dtor plain2\n"); }

static void handler(void) { printf("atexit handler\n"); }

int main(void) {
  printf("main ready=%d\n", ready);
  atexit(handler);
  exit(3);
}

// setjmp called through function pointers (its address taken like any function's): the
// interpreter must run such a call in its own frame, as it does a direct one, and still make
// ordinary calls through pointers of the same shape.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int (*volatile set)(struct __jmp_buf_tag *) = setjmp;
static int (*volatile sigset)(struct __jmp_buf_tag *, int) = __sigsetjmp;
static int (*volatile plain)(struct __jmp_buf_tag *) = 0;

static void jump(int v) { longjmp(env, v); }
static int not_setjmp(struct __jmp_buf_tag *b) { return b == env ? 7 : -1; }

int main(void) {
  volatile int rounds = 0;
  int r = set(env);  // returns 0, then 1, 2, 3 from the longjmps
  printf("set returned %d\n", r);
  if (r < 3) {
    rounds++;
    jump(r + 1);
  }
  r = sigset(env, 1);
  printf("sigset returned %d\n", r);
  if (r == 0) jump(42);
  plain = not_setjmp;
  printf("plain call %d, rounds %d\n", plain(env), rounds);
  return 0;
}

// `*pv` with pv a `void *` is a void expression (gcc warns): it may be evaluated for its side
// effects and discarded, be an arm of `?:`, an operand of `,` or cast to void, and `&*pv` is pv.
#include <stdio.h>

static int calls;
static void *next(void *p) {
  calls++;
  return (char *)p + 1;
}

static void touch(void *pv, int i) {
  i ? *pv : *pv;  // C DR 106
  *pv;
  (void)*pv;
  *next(pv);  // the operand is still evaluated
  (void)(i, *next(pv));
  i ? (void)0 : *pv;
}

int main(void) {
  char buf[4] = "abc";
  void *pv = buf;
  touch(pv, 0);
  touch(pv, 1);
  printf("calls %d\n", calls);
  void *q = &*pv;
  printf("same %d\n", q == pv);
  const void *cq = &*(const void *)(buf + 2);
  printf("offset %td\n", (const char *)cq - buf);
  for (int i = 0; i < 3; i++) *next(pv), calls += 10;
  printf("calls %d\n", calls);
  return 0;
}

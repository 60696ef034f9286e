// GNU cleanup attributes: every way out of a scope (block end, break, continue, return, goto
// out) calls the cleanup with the variable's address, innermost and latest first; a return's
// value is computed before the cleanups run.
#include <stdio.h>

static int log_pos;
static char order[256];

static void note(int *p) {
  printf("cleanup %d\n", *p);
  order[log_pos++] = (char)('0' + *p % 10);
}

static void free_str(char **s) { printf("free %s\n", *s); }

struct res {
  int id;
  int open;
};
static void close_res(struct res *r) { printf("close %d (open %d)\n", r->id, r->open); }

static int returns_before_cleanup(void) {
  int x __attribute__((cleanup(note))) = 7;
  x = 8;
  return x;  // 8: the cleanup then sees 8 and changes nothing returned
}

static int modifies_after(void) {
  int v __attribute__((cleanup(note))) = 1;
  return v++ + 10;  // 11; the cleanup sees 2
}

static void nested(void) {
  int a __attribute__((cleanup(note))) = 1, b __attribute__((cleanup(note))) = 2;
  {
    int c __attribute__((cleanup(note))) = 3;
    {
      int d __attribute__((cleanup(note))) = 4;
    }
    printf("after d\n");
  }
  printf("after c\n");
}

static void loops(void) {
  for (int i = 0; i < 4; i++) {
    int k __attribute__((cleanup(note))) = 10 + i;
    if (i == 1) continue;
    if (i == 3) break;
    printf("body %d\n", i);
  }
  int n = 0;
  while (1) {
    int w __attribute__((cleanup(note))) = 20 + n;
    switch (n) {
      case 0: {
        int s __attribute__((cleanup(note))) = 30;
        n++;
        break;  // leaves s only
      }
      default: goto out;  // leaves w and the loop
    }
  }
out:
  printf("out %d\n", n);
}

static void gotos(void) {
  int tries = 0;
again:
  {
    char *s __attribute__((cleanup(free_str))) = tries ? "second" : "first";
    if (tries++ < 1) goto again;  // leaves s, then declares it anew
  }
  {
    struct res r __attribute__((cleanup(close_res))) = {5, 1};
    r.open = 0;
  }
}

static int early(int k) {
  __attribute__((cleanup(note))) int a = 40, b = 41;  // both variables have the cleanup
  if (k) {
    int c __attribute__((cleanup(note))) = 42;
    return k;
  }
  return -1;
}

int main(void) {
  printf("ret %d\n", returns_before_cleanup());
  printf("ret %d\n", modifies_after());
  nested();
  loops();
  gotos();
  printf("early %d\n", early(3));
  printf("early %d\n", early(0));
  order[log_pos] = 0;
  printf("order %s\n", order);
  return 0;
}

// File-scope tentative definitions whose struct or union type is completed later in the unit
// (C11 6.9.2): they are zero-initialized objects of the completed type.
#include <stdio.h>

struct point p, *pp = &p;
static struct pair q;
union value v;
const struct point origin;
struct later l;
int read_p(void);

struct point { int x, y; };
struct pair { long a; char b; double c; };
union value { int i; double d; char bytes[12]; };
struct later { int n; const char *name; };
struct later l = {7, "seven"};  // the definition, after the tentative one

int read_p(void) { return p.x + p.y; }

int main(void) {
  printf("%d %d %zu %zu %zu\n", p.x, p.y, sizeof p, sizeof q, sizeof v);
  pp->x = 3;
  p.y = 4;
  q.a = 10;
  q.c = 2.5;
  v.d = 1.0;
  printf("%d %ld %d %.1f %d\n", read_p(), q.a, q.b, q.c, v.bytes[7]);
  printf("%d %d %d %s\n", origin.x, origin.y, l.n, l.name);
  return 0;
}

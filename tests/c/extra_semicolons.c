// Extra `;` among struct and union members (gcc accepts them, also from a macro expanding to
// nothing) and empty records (a GNU extension: size 0): layouts as gcc's.
#include <stddef.h>
#include <stdio.h>

#define NOTHING

struct a { ; int x; ; ; char c; ; };
struct b { NOTHING; long l; NOTHING; };
union c { ; short s; ; double d; };
struct empty {};
struct only_semis { ; ; };
struct holder { char c; struct empty e; struct only_semis o; int i; };

int main(void) {
  printf("%zu %zu %zu %zu\n", sizeof(struct a), offsetof(struct a, c), sizeof(struct b), sizeof(union c));
  printf("%zu %zu %zu %zu\n", sizeof(struct empty), sizeof(struct only_semis), sizeof(struct holder),
         offsetof(struct holder, i));
  struct a v = {1, 'z'};
  struct b w = {5};
  union c u = {7};
  printf("%d %c %ld %d\n", v.x, v.c, w.l, u.s);
  return 0;
}

// Anonymous struct and union members: layout, access through . and ->, designated
// initializers naming their members.
int printf(const char *, ...);
struct value {
  int kind;
  union {
    long i;
    double d;
    struct { short lo, hi; };
  };
  char tail;
};
struct value g = {2, .d = 2.5, .tail = 'z'};
int main(void) {
  struct value v;
  v.kind = 1;
  v.i = 0x0003000400050006L;
  printf("%d %d %d\n", (int)sizeof(struct value), v.lo, v.hi);
  v.d = 1.25;
  printf("%.2f %d %.2f %c\n", v.d, g.kind, g.d, g.tail);
  struct value *p = &v;
  p->hi = 7;
  printf("%d\n", p->hi);
  return 0;
}

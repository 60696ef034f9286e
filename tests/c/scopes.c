// Shadowing, side effects evaluated once in compound assignments, unevaluated sizeof,
// signedness corners, 2-D array parameters, pointer comparisons, static locals.
int printf(const char *, ...);
int puts(const char *);
int side = 0;
int bump(void) { return ++side; }
struct s { int a[3]; struct s *self; };
int sum2(int m[][3], int rows) { int t = 0; for (int i = 0; i < rows; i++) for (int j = 0; j < 3; j++) t += m[i][j]; return t; }
static long long fact(int n) { return n ? n * fact(n - 1) : 1; }
int main(void) {
  int x = 1;
  { int x = 2; { int x = 3; printf("%d ", x); } printf("%d ", x); }
  printf("%d\n", x);
  int a[5] = {10, 20, 30, 40, 50};
  int i = 1;
  a[i++] += 5;
  printf("%d %d %d\n", a[1], a[2], i);
  a[bump()] *= 2;
  printf("%d %d\n", a[1], side);
  printf("%d %d\n", (int)sizeof(bump()), side);
  char c = -1;
  unsigned char uc = 255;
  printf("%d %d %d\n", c == uc, c == -1, uc == 255);
  unsigned long long big = 18446744073709551615ull;
  printf("%llu %llu\n", big / 7, big % 1000);
  double dd = 3000000000.0;
  unsigned uu = dd;
  printf("%u\n", uu);
  unsigned long ul = 5;
  double back = ul;
  printf("%.1f\n", back);
  int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
  printf("%d\n", sum2(m, 2));
  printf("%lld\n", fact(20));
  struct s st = {{1, 2, 3}, 0};
  st.self = &st;
  st.self->a[2] = 9;
  printf("%d %d\n", st.a[2], st.self->self->a[0]);
  int *np = 0;
  printf("%s\n", np ? "set" : "null");
  const char *msg = i > 1 ? "big" : 0;
  puts(msg);
  printf("%s\n", "oct\101\60x\x7e");
  static int sarr[3];
  sarr[1]++;
  printf("%d\n", sarr[1]);
  int q = 7;
  int *qp = &q;
  *qp <<= 2;
  printf("%d\n", q);
  short sh = -300;
  printf("%d %u\n", sh >> 2, (unsigned short)sh);
  printf("%d\n", (a + 4) - &a[1]);
  printf("%d\n", &a[3] > &a[1]);
  float fl = 16777217;
  printf("%.1f\n", fl);
  printf("%d\n", 10 > 5 > 0);
  long l = 1L << 40;
  printf("%ld %d\n", l, (int)(l >> 38));
  int neg = -1;
  printf("%d\n", (unsigned)neg > 10);
  unsigned char shift = 1;
  printf("%d\n", shift << 10);
  /* Selection and iteration statements and their bodies are blocks of their own (6.8.4p3). */
  {
    enum { in = 0 };
    if (sizeof(enum { in = 1 })) printf("if body sees %d\n", in);
    printf("after if %d\n", in);
    while (sizeof(enum { in = 2 })) {
      printf("while body sees %d\n", in);
      break;
    }
    printf("after while %d\n", in);
    switch (sizeof(enum { in = 3 })) { default: printf("switch body sees %d\n", in); }
    printf("after switch %d\n", in);
  }
  /* A qualified array type qualifies its elements (6.7.3p9). */
  typedef int triple[3];
  const triple ct = {1, 2, 3};
  const int *cp = ct;  /* no warning: the elements are const */
  printf("%d\n", cp[2] + 1);
  return 0;
}

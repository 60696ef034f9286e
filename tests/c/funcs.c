// Function pointers, varargs calls, double arithmetic, forward declarations.
int printf(const char *, ...);

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
double average(double *v, int n);

typedef int (*binop)(int, int);

int main(void) {
  binop ops[2] = {add, mul};
  printf("%d %d\n", apply(add, 3, 4), apply(ops[1], 3, 4));
  int (*f)(int, int) = &mul;
  printf("%d %d\n", f(5, 6), (*f)(2, 2));
  double v[4] = {1.5, 2.5, 3.5, 4.5};
  printf("%.3f\n", average(v, 4));
  float fl = 2.25f;
  printf("%f %e %g\n", fl, 12345.678, 0.0001);
  printf("%c%c%c %5d|%-5d|%s\n", 'a', 'b', 'c', 42, 42, "end");
  long double ld = 1.5L;
  ld = ld * 2;
  printf("%.1Lf\n", ld);
  double x = 10;
  x /= 4;
  x -= 0.5;
  printf("%.2f %d\n", x, x == 2.0);
  printf("%d\n", 0.1 + 0.2 == 0.3);
  return 0;
}

double average(double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s / n;
}

// Variadic C functions through the builtins <stdarg.h> maps to: int, long, double and pointer
// arguments past the register save area, and a va_list handed to libc (vprintf).
int printf(const char *, ...);
int vprintf(const char *, __builtin_va_list);
typedef __builtin_va_list va_list;

long sum(int n, ...) {
  va_list ap;
  __builtin_va_start(ap, n);
  long s = 0;
  for (int i = 0; i < n; i++) s += __builtin_va_arg(ap, int);
  __builtin_va_end(ap);
  return s;
}

double mixed(const char *fmt, ...) {
  va_list ap;
  __builtin_va_start(ap, fmt);
  double t = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p == 'i') t += __builtin_va_arg(ap, int);
    else if (*p == 'd') t += __builtin_va_arg(ap, double);
    else if (*p == 'l') t += __builtin_va_arg(ap, long);
    else if (*p == 's') t += *__builtin_va_arg(ap, const char *);
  }
  __builtin_va_end(ap);
  return t;
}

void say(const char *fmt, ...) {
  va_list ap;
  __builtin_va_start(ap, fmt);
  vprintf(fmt, ap);
  __builtin_va_end(ap);
}

int main(void) {
  printf("%ld\n", sum(5, 1, 2, 3, 4, 5));
  printf("%ld\n", sum(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  printf("%.2f\n", mixed("idlsdddddddd", 1, 2.5, 10L, "A", 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
  say("%s-%d-%.1f\n", "x", 42, 0.5);
  return 0;
}

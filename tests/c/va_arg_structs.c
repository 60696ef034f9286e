// __builtin_va_arg of structs and unions of every SysV x86-64 class (integer, SSE, mixed, in
// memory), read while the register save area runs out part-way, __builtin_va_copy, and a
// va_list handed on to libc's vprintf after struct arguments were taken from it.
#include <stdarg.h>
#include <stdio.h>

struct I1 { int a; };
struct I2 { long a, b; };
struct D1 { double d; };
struct D2 { double d, e; };
struct F2 { float x, y; };
struct F3 { float x, y, z; };
struct M1 { long a; double d; };  // INTEGER then SSE
struct M2 { double d; int a; };   // SSE then INTEGER
struct Big { long a, b, c; };     // > 16 bytes: memory
struct Ch3 { char c[3]; };
struct LD { long double x; };     // x87: memory
union U { int i; double d; };     // INTEGER: the int's class wins over the double's
union UD { float f; double d; };  // SSE

static void all_classes(int n, ...) {
  va_list ap;
  va_start(ap, n);
  for (int k = 0; k < n; k++) {
    struct I1 i1 = va_arg(ap, struct I1);
    struct I2 i2 = va_arg(ap, struct I2);
    struct D1 d1 = va_arg(ap, struct D1);
    struct D2 d2 = va_arg(ap, struct D2);
    struct F2 f2 = va_arg(ap, struct F2);
    struct F3 f3 = va_arg(ap, struct F3);
    struct M1 m1 = va_arg(ap, struct M1);
    struct M2 m2 = va_arg(ap, struct M2);
    struct Big b = va_arg(ap, struct Big);
    struct Ch3 c3 = va_arg(ap, struct Ch3);
    struct LD ld = va_arg(ap, struct LD);
    union U u = va_arg(ap, union U);
    union UD ud = va_arg(ap, union UD);
    int x = va_arg(ap, int);
    printf("%d %ld %ld %g %g %g %g %g %g %g %g %ld %g %g %d %ld %ld %ld %c%c%c %Lg %d %g %d\n", i1.a, i2.a, i2.b, d1.d,
           d2.d, d2.e, f2.x, f2.y, f3.x, f3.y, f3.z, m1.a, m1.d, m2.d, m2.a, b.a, b.b, b.c, c3.c[0], c3.c[1], c3.c[2],
           ld.x, u.i, ud.d, x);
  }
  va_end(ap);
}

// Integer registers run out while SSE ones remain: a mixed struct then comes from the stack
// whole, and the doubles after it still come from SSE registers.
static void int_regs_out(int n, ...) {
  va_list ap;
  va_start(ap, n);
  long s = 0;
  for (int k = 0; k < 4; k++) s = s * 10 + va_arg(ap, long);
  struct M1 m = va_arg(ap, struct M1);
  struct I2 i = va_arg(ap, struct I2);
  double d = va_arg(ap, double);
  struct D2 d2 = va_arg(ap, struct D2);
  printf("%ld %ld %g %ld %ld %g %g %g\n", s, m.a, m.d, i.a, i.b, d, d2.d, d2.e);
  va_end(ap);
}

// va_copy: both lists go on from the same place, independently.
static void copies(int n, ...) {
  va_list ap, aq;
  va_start(ap, n);
  struct D2 first = va_arg(ap, struct D2);
  va_copy(aq, ap);
  struct M1 a = va_arg(ap, struct M1);
  int after_a = va_arg(ap, int);
  struct M1 b = va_arg(aq, struct M1);
  int after_b = va_arg(aq, int);
  struct M1 c = va_arg(aq, struct M1);
  printf("%g %g | %ld %g %d | %ld %g %d %ld %g\n", first.d, first.e, a.a, a.d, after_a, b.a, b.d, after_b, c.a, c.d);
  va_end(aq);
  va_end(ap);
}

// After struct arguments, the rest of the list goes to gcc-compiled libc.
static void my_printf(const char* tag, ...) {
  va_list ap;
  va_start(ap, tag);
  struct Big b = va_arg(ap, struct Big);
  struct M2 m = va_arg(ap, struct M2);
  const char* fmt = va_arg(ap, const char*);
  printf("%s %ld %ld %ld %g %d: ", tag, b.a, b.b, b.c, m.d, m.a);
  vprintf(fmt, ap);
  va_end(ap);
}

int main(void) {
  struct I1 i1 = {1};
  struct I2 i2 = {2, 3};
  struct D1 d1 = {4.5};
  struct D2 d2 = {5.5, 6.5};
  struct F2 f2 = {7.25f, 8.5f};
  struct F3 f3 = {0.5f, 1.5f, 2.5f};
  struct M1 m1 = {9, 10.5};
  struct M2 m2 = {11.5, 12};
  struct Big b = {13, 14, 15};
  struct Ch3 c3 = {{'x', 'y', 'z'}};
  struct LD ld = {16.25L};
  union U u;
  u.i = 17;
  union UD ud;
  ud.d = 18.75;
  all_classes(3, i1, i2, d1, d2, f2, f3, m1, m2, b, c3, ld, u, ud, 100, i1, i2, d1, d2, f2, f3, m1, m2, b, c3, ld, u, ud,
              101, i1, i2, d1, d2, f2, f3, m1, m2, b, c3, ld, u, ud, 102);
  int_regs_out(0, 1L, 2L, 3L, 4L, m1, i2, 0.25, d2);
  struct M1 m1b = {20, 21.5};
  copies(0, d2, m1, 7, m1b);
  my_printf("tag", b, m2, "%d %s %g %ld\n", 42, "str", 2.5, 99L);
  return 0;
}

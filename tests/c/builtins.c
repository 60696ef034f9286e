// GNU builtins: each printed, compared with gcc -O0. Constant forms are also used where C
// needs integer constant expressions (array sizes, enum values) and static initializers.
#include <stdio.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <math.h>
struct in { int x; char c[5]; struct { short s; double d; } arr[3]; };
struct an { int a; union { int b; struct { char c; long e; }; }; };
enum { OFF = __builtin_offsetof(struct in, arr[2].d) };
static char buf[__builtin_offsetof(struct in, c[3])];
static double hv = __builtin_huge_val(), nn = __builtin_nan("");
static float inff = __builtin_inff();
static unsigned bs = __builtin_bswap32(0x11223344);
int noinline_id(int x) { return x; }
typedef signed char sc; typedef unsigned char uc; typedef unsigned short us; typedef unsigned u; typedef unsigned long ul; typedef long long ll;
static long long vals[] = {0, 1, -1, 2, 127, 128, -128, 255, 256, 32767, 32768, -32768, 65535, INT_MAX, INT_MIN, (long long)UINT_MAX, 1ll << 32, LLONG_MAX, LLONG_MIN, LLONG_MAX - 1, 3037000499ll, 3037000500ll, -3037000500ll, 4294967296ll + 7};
#define NV (int)(sizeof vals / sizeof vals[0])
#define ONE(OP, A, B, R) { R r; int o = __builtin_##OP##_overflow((A)x, (B)y, &r); h = h * 31 + (unsigned long)(long long)r + o; if (o) n++; }
#define RES(OP, A, B) ONE(OP, A, B, int) ONE(OP, A, B, u) ONE(OP, A, B, long) ONE(OP, A, B, ul) ONE(OP, A, B, sc) ONE(OP, A, B, uc) ONE(OP, A, B, short) ONE(OP, A, B, us)
#define B_(OP, A) RES(OP, A, int) RES(OP, A, u) RES(OP, A, long) RES(OP, A, ul) RES(OP, A, sc) RES(OP, A, us)
#define ALL(OP) B_(OP, int) B_(OP, u) B_(OP, long) B_(OP, ul) B_(OP, uc) B_(OP, short)
static void overflow_tests(void) {
  unsigned long h = 0; int n = 0;
  for (int i = 0; i < NV; i++) for (int j = 0; j < NV; j++) {
    volatile long long x = vals[i], y = vals[j];
    ALL(add) ALL(sub) ALL(mul)
  }
  printf("%lx %d\n", h, n);
  int r; long lr; unsigned ur; unsigned long long ullr;
  int o;
  o = __builtin_sadd_overflow(INT_MAX, 1, &r); printf("sadd %d %d\n", o, r);
  o = __builtin_ssub_overflow(INT_MIN, 1, &r); printf("ssub %d %d\n", o, r);
  o = __builtin_smull_overflow(LONG_MAX, 2, &lr); printf("smull %d %ld\n", o, lr);
  o = __builtin_saddll_overflow(LLONG_MIN, -1, (long long *)&lr); printf("saddll %d %ld\n", o, lr);
  o = __builtin_usub_overflow(1, 2, &ur); printf("usub %d %u\n", o, ur);
  o = __builtin_uadd_overflow(UINT_MAX, 1, &ur); printf("uadd %d %u\n", o, ur);
  o = __builtin_umull_overflow(ULONG_MAX, 2, (unsigned long *)&ullr); printf("umull %d %llu\n", o, ullr);
  o = __builtin_umulll_overflow(1ull << 32, 1ull << 32, &ullr); printf("umulll %d %llu\n", o, ullr);
  o = __builtin_mul_overflow(-1, 1u, &r); printf("mul int*unsigned->int %d %d\n", o, r);
  o = __builtin_mul_overflow(-1, 1u, &ur); printf("mul int*unsigned->unsigned %d %u\n", o, ur);
  o = __builtin_add_overflow(ULONG_MAX, LONG_MIN, &lr); printf("add ulong+long->long %d %ld\n", o, lr);
  o = __builtin_sub_overflow(0ul, ULONG_MAX, &lr); printf("sub 0ul-ULONG_MAX->long %d %ld\n", o, lr);
  o = __builtin_mul_overflow(LONG_MIN, -1L, &lr); printf("mul LONG_MIN*-1 %d %ld\n", o, lr);
  o = __builtin_mul_overflow(LONG_MIN, -1L, (unsigned long *)&ullr); printf("mul LONG_MIN*-1->ulong %d %llu\n", o, ullr);
  signed char sr; o = __builtin_add_overflow(100, 27, &sr); printf("add ->schar %d %d\n", o, sr);
  o = __builtin_add_overflow(100, 28, &sr); printf("add ->schar %d %d\n", o, sr);
}

#define P(fmt, e) printf(#e " = " fmt "\n", e)
int main(void) {
  volatile unsigned u = 0x12345678u; volatile unsigned long ul = 0x0102030405060708ul;
  volatile unsigned short us = 0xabcd; volatile int one = 1, m1 = -1, zero = 0;
  volatile long lm = LONG_MIN;
  P("%d", OFF); P("%zu", sizeof buf); P("%zu", offsetof(struct an, e)); P("%zu", __builtin_offsetof(struct an, c));
  P("%x", bs); P("%x", __builtin_bswap32(u)); P("%lx", __builtin_bswap64(ul)); P("%x", __builtin_bswap16(us));
  P("%d", __builtin_clz(one)); P("%d", __builtin_clz(u)); P("%d", __builtin_clzl(one)); P("%d", __builtin_clzll(ul));
  P("%d", __builtin_ctz(u)); P("%d", __builtin_ctzl(ul << 20)); P("%d", __builtin_ctz(0x80000000u));
  P("%d", __builtin_popcount(u)); P("%d", __builtin_popcountl(~0ul)); P("%d", __builtin_popcount(m1)); P("%d", __builtin_parity(u)); P("%d", __builtin_parityll(ul));
  P("%d", __builtin_ffs(zero)); P("%d", __builtin_ffs(m1)); P("%d", __builtin_ffsl(lm)); P("%d", __builtin_ffs(0x100));
  P("%d", __builtin_clrsb(zero)); P("%d", __builtin_clrsb(m1)); P("%d", __builtin_clrsb(one)); P("%d", __builtin_clrsbl(lm)); P("%d", __builtin_clrsb(-129));
  P("%d", __builtin_clz(1)); P("%d", __builtin_popcountll(0xf0f0)); P("%d", __builtin_ffsll(0x8000000000000000ll));
  P("%ld", __builtin_expect(one + 4, 1)); P("%d", __builtin_types_compatible_p(int, const int)); P("%d", __builtin_types_compatible_p(int, unsigned));
  P("%d", __builtin_types_compatible_p(int[], int[4])); P("%d", __builtin_types_compatible_p(char *, const char *));
  P("%d", __builtin_constant_p(3 * 4)); P("%d", __builtin_constant_p(one)); P("%d", __builtin_constant_p(1.5)); P("%d", __builtin_constant_p("s"));
  P("%d", (int)sizeof(__builtin_choose_expr(1, (char)1, 2.0))); P("%d", __builtin_choose_expr(0, 1, 22));
  char *a = __builtin_alloca(32); __builtin_memset(a, 'x', 31); a[31] = 0; P("%zu", __builtin_strlen(a));
  // alloca declared as a function (no <alloca.h>) is gcc's built-in: libc exports none.
  void *alloca(size_t); char *b = alloca(8); b[0] = 'y'; b[1] = 0; P("%s", b);
  P("%d", __builtin_abs(m1 * 7)); P("%d", __builtin_strcmp("a", "b") < 0);
  P("%g", __builtin_huge_val()); P("%g", hv); P("%d", isnan(nn)); P("%g", (double)inff); P("%Lg", -__builtin_infl());
  volatile double dn = __builtin_nan(""), di = -__builtin_inf(), d1 = -2.5, dz = -0.0, ds = 1e-310;
  volatile float fn = __builtin_nanf(""), f1 = 3.0f; volatile long double ln = 1.0L, lneg = -4.0L;
  P("%d", __builtin_isnan(dn)); P("%d", __builtin_isnan(d1)); P("%d", __builtin_isnan(fn)); P("%d", __builtin_isinf(di)); P("%d", __builtin_isinf(d1));
  P("%d", __builtin_isinf_sign(di)); P("%d", __builtin_isinf_sign(-di)); P("%d", __builtin_isfinite(d1)); P("%d", __builtin_isfinite(dn));
  P("%d", __builtin_isnormal(ds)); P("%d", __builtin_isnormal(d1)); P("%d", !!__builtin_signbit(dz)); P("%d", !!__builtin_signbit(f1)); P("%d", !!__builtin_signbitl(lneg));
  P("%d", __builtin_fpclassify(0, 1, 2, 3, 4, dn)); P("%d", __builtin_fpclassify(0, 1, 2, 3, 4, di)); P("%d", __builtin_fpclassify(0, 1, 2, 3, 4, d1));
  P("%d", __builtin_fpclassify(0, 1, 2, 3, 4, ds)); P("%d", __builtin_fpclassify(0, 1, 2, 3, 4, dz)); P("%d", __builtin_fpclassify(0, 1, 2, 3, 4, ln));
  P("%d", __builtin_isgreater(d1, dn)); P("%d", __builtin_isless(d1, f1)); P("%d", __builtin_islessgreater(d1, d1)); P("%d", __builtin_islessgreater(d1, f1));
  P("%d", __builtin_isunordered(d1, dn)); P("%d", __builtin_isunordered(d1, f1)); P("%d", __builtin_isgreaterequal(f1, 3));
  P("%g", __builtin_fabs(d1)); P("%g", __builtin_copysign(3.0, d1)); P("%d", __builtin_classify_type(d1)); P("%d", __builtin_classify_type(a));
  __builtin_prefetch(a, 0, 3); P("%d", __builtin_assume_aligned(a, 16) == a);
  if (__builtin_expect(zero, 0)) __builtin_unreachable();
  overflow_tests();
  return 0;
}

// switch on 64-bit values: case labels beyond 32 bits, GNU ranges across the sign bit of an
// unsigned type and over the whole 64-bit range, in both lowerings (the dense IR `switch`
// jump table and the compare chain), for signed and unsigned controlling types.
#include <limits.h>
#include <stdio.h>

static int dense_signed(long long n) {
  switch (n) {
    case 0x100000000LL: return 1;
    case 0x100000001LL: return 2;
    case 0x100000002LL: return 3;
    case 0x100000004LL ... 0x100000006LL: return 4;
    case 0x100000008LL: return 5;
    default: return 0;
  }
}

static int dense_around_zero(long long n) {
  switch (n) {
    case -3: return 1;
    case -2 ... -1: return 2;
    case 0: return 3;
    case 1: return 4;
    case 3: return 5;
  }
  return 0;
}

static int dense_unsigned_top(unsigned long long n) {  // the table straddles 2^63
  switch (n) {
    case 0x7ffffffffffffffeULL: return 1;
    case 0x7fffffffffffffffULL: return 2;
    case 0x8000000000000000ULL: return 3;
    case 0x8000000000000001ULL ... 0x8000000000000002ULL: return 4;
    case 0x8000000000000004ULL: return 5;
  }
  return 0;
}

static int dense_unsigned_end(unsigned long long n) {
  switch (n) {
    case ULLONG_MAX - 4: return 1;
    case ULLONG_MAX - 3: return 2;
    case ULLONG_MAX - 2: return 3;
    case ULLONG_MAX - 1: return 4;
    case ULLONG_MAX: return 5;
  }
  return 0;
}

static int sparse_signed(long long n) {
  switch (n) {
    case LLONG_MIN: return 1;
    case LLONG_MIN + 1 ... -1000000000000LL: return 2;
    case -5: return 3;
    case 7000000000LL: return 4;
    case 1000000000000000000LL ... LLONG_MAX - 1: return 5;
    case LLONG_MAX: return 6;
  }
  return 0;
}

static int sparse_unsigned(unsigned long long n) {
  switch (n) {
    case 0: return 1;
    case 5000000000ULL: return 2;
    case 0x7fffffffffffff00ULL ... 0x8000000000000100ULL: return 3;  // across 2^63
    case 10000000000000000000ULL ... ULLONG_MAX - 1: return 4;
    case ULLONG_MAX: return 5;
  }
  return 0;
}

static int all_signed(long long n) {
  switch (n) {
    case LLONG_MIN ... LLONG_MAX: return 1;
  }
  return 0;
}

static int all_unsigned(unsigned long long n) {
  switch (n) {
    case 0 ... ULLONG_MAX: return 1;
  }
  return 0;
}

static int halves(unsigned long long n) {
  switch (n) {
    case 0 ... 0x7fffffffffffffffULL: return 1;
    case 0x8000000000000000ULL ... ULLONG_MAX: return 2;
  }
  return 0;
}

static int narrow_unsigned(unsigned n) {
  switch (n) {
    case 0xfffffffcu ... 0xfffffffdu: return 1;
    case 0xfffffffeu: return 2;
    case 0xffffffffu: return 3;
    case 0: return 4;
    case 1: return 5;
  }
  return 0;
}

static int empty_range(unsigned long long n) {
  switch (n) {
    case 0x8000000000000000ULL ... 5: return 1;  // empty in the unsigned order
    case 6: return 2;
  }
  return 0;
}

int main(void) {
  long long s[] = {0, 1, -1, -2, -3, -4, 3, 2, -5, 0x100000000LL, 0x100000001LL, 0x100000002LL, 0x100000003LL,
                   0x100000005LL, 0x100000008LL, 0x100000009LL, 0x200000000LL, LLONG_MIN, LLONG_MIN + 1,
                   -1000000000000LL, -999999999999LL, 7000000000LL, 999999999999999999LL, 1000000000000000000LL,
                   LLONG_MAX - 1, LLONG_MAX};
  for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++)
    printf("%lld: %d %d %d %d\n", s[i], dense_signed(s[i]), dense_around_zero(s[i]), sparse_signed(s[i]),
           all_signed(s[i]));
  unsigned long long u[] = {0, 1, 5000000000ULL, 0x7ffffffffffffeffULL, 0x7fffffffffffff00ULL, 0x7ffffffffffffffeULL,
                            0x7fffffffffffffffULL, 0x8000000000000000ULL, 0x8000000000000001ULL,
                            0x8000000000000003ULL, 0x8000000000000004ULL, 0x8000000000000100ULL,
                            0x8000000000000101ULL, 9999999999999999999ULL, 10000000000000000000ULL,
                            ULLONG_MAX - 5, ULLONG_MAX - 4, ULLONG_MAX - 1, ULLONG_MAX, 5, 6};
  for (unsigned i = 0; i < sizeof u / sizeof u[0]; i++)
    printf("%llu: %d %d %d %d %d %d\n", u[i], dense_unsigned_top(u[i]), dense_unsigned_end(u[i]),
           sparse_unsigned(u[i]), all_unsigned(u[i]), halves(u[i]), empty_range(u[i]));
  unsigned w[] = {0, 1, 2, 0xfffffffbu, 0xfffffffcu, 0xfffffffdu, 0xfffffffeu, 0xffffffffu};
  for (unsigned i = 0; i < sizeof w / sizeof w[0]; i++) printf("%u: %d\n", w[i], narrow_unsigned(w[i]));
  return 0;
}

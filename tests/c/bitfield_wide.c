// Bit-fields wider than int: gcc gives a field of 33 to 63 bits an N-bit type of its declared
// signedness, whose arithmetic wraps at N bits; a field as wide as its type keeps the type and
// narrower ones promote to int (unsigned int for an unsigned 32-bit one).
#include <stdio.h>

#define SIGNEDNESS(e) ((e) * 0 - 1 < 0 ? "signed" : "unsigned")
#define KIND(e) _Generic((e), int: "int", unsigned: "unsigned", long: "long", unsigned long: "unsigned long", \
                         long long: "long long", unsigned long long: "unsigned long long", default: "N-bit")
#define SHOW(e) printf("%-28s %-9s %-18s %zu %016llx\n", #e, SIGNEDNESS(e), KIND(e), sizeof(+(e)), (unsigned long long)(e))
// For expressions with side effects: evaluated once (_Generic does not evaluate its operand).
#define SHOW1(e) printf("%-28s %-18s %016llx\n", #e, KIND(e), (unsigned long long)(e))

enum big { BIG = 0x100000000000LL };

struct W {
  unsigned long long u40 : 40;
  long long s40 : 40;
  unsigned long u33 : 33;
  long s63 : 63;
  unsigned long long u64 : 64;
  long long s64 : 64;
  unsigned u32 : 32;
  int s32 : 32;
  unsigned long long u20 : 20;
  long long s31 : 31;
  unsigned long long u32l : 32;
  long long s32l : 32;
  enum big e45 : 45;
  unsigned long long u48 : 48;
};

static struct W w = {0xffffffffffULL, 0x7fffffffffLL, 0x1ffffffffUL, 0x3fffffffffffffffL, ~0ULL, -1LL,
                     0xffffffffu, 0x7fffffff, 0xfffffULL, -1, 0xffffffffULL, -1, BIG, 0xffffffffffffULL};

int main(void) {
  SHOW(w.u40); SHOW(w.s40); SHOW(w.u33); SHOW(w.s63); SHOW(w.u64); SHOW(w.s64); SHOW(w.u32); SHOW(w.s32);
  SHOW(w.u20); SHOW(w.s31); SHOW(w.u32l); SHOW(w.s32l); SHOW(w.e45); SHOW(w.u48);
  // Arithmetic in the N-bit type wraps at N bits.
  SHOW(w.u40 + 1); SHOW(w.u40 * 2); SHOW(w.u40 << 4); SHOW(-w.u40); SHOW(~w.u40); SHOW(+w.u40);
  SHOW(w.s40 + 1); SHOW(w.s40 * 3); SHOW(-w.s40); SHOW(~w.s40); SHOW(w.s40 << 1);
  SHOW(w.u33 + 1); SHOW(w.u33 + w.u33); SHOW(w.s63 + 1); SHOW(w.e45 * 2); SHOW(w.e45 << 3);
  SHOW(w.u48 + 1); SHOW(w.u48 - w.u48 - 1);
  // Mixed with other types: the wider one wins; of equal width the unsigned one.
  SHOW(w.u40 + 1ULL); SHOW(w.u40 + 1L); SHOW(w.s40 + 1U); SHOW(w.s40 + w.u40); SHOW(w.u33 + w.s40);
  SHOW(w.u40 + w.u48); SHOW(w.s40 + (unsigned char)1); SHOW(w.u40 + (short)-1); SHOW(w.u40 - 0xffffffffffULL - 1);
  SHOW(w.u40 / 3); SHOW(w.u40 % 7); SHOW(w.s40 / -2); SHOW(w.u40 >> 8); SHOW(w.s40 >> 8); SHOW(w.u40 & 0xf0f);
  SHOW(w.u40 | 1); SHOW(w.u40 ^ -1); SHOW(w.u40 + 1 > w.u40); SHOW(!w.u40);
  SHOW(1 ? w.u40 : 0); SHOW((1 ? w.u40 : 0) + 1); SHOW((0 ? 0L : w.u40) + 1); SHOW((w.u40, w.u40) + 1);
  SHOW((unsigned long long)w.u40 + 1); SHOW(w.u32 + 1); SHOW(w.u32l + 1); SHOW(w.s32l - 1); SHOW(w.u20 - 100);
  printf("%f %f\n", (double)(w.u40 + 1), (double)(w.s40 + 1));
  printf("%f\n", (double)(float)w.u40);
  // Stores, compound assignments (computed in the N-bit type) and ++/--.
  struct W v = w;
  v.u40 += 2; SHOW(v.u40);
  v.u40 = 0xffffffffffULL; v.u40 /= -1; SHOW(v.u40);
  v.u40 = 12345; v.u40 /= -1; SHOW(v.u40);
  v.s40 = -7; v.s40 %= 4; SHOW(v.s40);
  v.s40 = 0x7fffffffffLL; v.s40++; SHOW(v.s40);
  SHOW1(v.s40--); SHOW(v.s40);
  SHOW1(++v.u33); SHOW1(v.u33 = 0x3ffffffffULL); SHOW1(v.u33 += 2); SHOW1(v.u64 = 5); SHOW1(v.u32 = 5);
  v.u48 = 1.5e14; SHOW(v.u48);
  v.s63 = -2.5e18; SHOW(v.s63);
  SHOW1(v.u40 = -1); SHOW1(v.e45 = -1); SHOW1(v.u20 = 7); SHOW1(v.u20++);
  // An assignment to a narrow unsigned field has the field's type, which promotes to int.
  printf("%d", (v.u20 = 5) - 6 < 0);
  printf(" %d", (v.u20 += 1) - 7 < 0);
  printf(" %d", (v.u20++) - 7 < 0);
  printf(" %d\n", (++v.u20) - 9 < 0);
  printf("%d %d\n", (v.u32 = 5) - 6 < 0, (v.u32l = 5) - 6 < 0);
  struct { unsigned b : 3; unsigned c : 8; unsigned long long d : 16; _Bool e : 1; } n = {0};
  printf("%s %s %s %s %s\n", KIND(n.b), KIND(n.c), KIND(n.d), KIND(n.b + 0), KIND(n.c = 1));
  printf("%s %s\n", _Generic(n.c, unsigned char: "uchar", default: "other"),
         _Generic(n.d, unsigned short: "ushort", default: "other"));
  printf("%s %d\n", _Generic(n.e, _Bool: "bool", default: "other"), (n.e = 2) + 0);
  unsigned long long x = w.u40 + 1;
  long long y = w.s40 + 1;
  printf("%llx %lld\n", x, y);
  switch (w.u40 + 2) {
    case 1: printf("case 1\n"); break;
    default: printf("default\n");
  }
  return 0;
}

// Bit-fields as gcc treats them: promotion by width, the value of an assignment (the stored,
// truncated value), compound assignment and ++/-- on fields, sign extension of signed fields,
// _Bool and enum fields (an enum with no negative value is unsigned), long long fields, fields
// crossing storage units, zero-width fields, and gcc's layout of all of them.
#include <stddef.h>
#include <stdio.h>

enum Small { S0, S1, S2, S3 };   // unsigned: a 2-bit field holds 0..3
enum Neg { N_MINUS = -2, N1 };   // signed: a 2-bit field holds -2..1

struct Fields {
  unsigned a : 3;
  unsigned long b : 20;
  unsigned d : 32;
  long e : 33;
  _Bool f : 1;
  unsigned long g : 32;
  signed h : 5;
  enum Small es : 2;
  enum Neg en : 2;
  unsigned long long big : 40;
  int plain : 7;  // plain int fields are signed in gcc
};

struct Cross { unsigned char c; unsigned x : 30; unsigned y : 4; };
struct Zero { char a; int : 0; char b; };
struct ZeroLL { char a; long long : 0; char b; };
struct Unnamed { char a; int : 4; char b; };
struct LL { char a; long long x : 40; long long y : 30; };
struct ShortUnit { short f0; unsigned f1 : 3; unsigned f2 : 11; };
struct CharUnit { char a : 3; char b : 6; };
union UBits { unsigned a : 3; unsigned long long b : 35; char c; };
struct Wide { int a : 25; int b : 12; unsigned char c; signed : 0; int d : 7; int e : 25; };

#define OFFSET(T, m) ((size_t) & ((struct T*)0)->m)  // __builtin_offsetof belongs to the builtins
#define SHOW(T) printf(#T " size %zu align %zu\n", sizeof(struct T), _Alignof(struct T))

int main(void) {
  struct Fields s = {0};
  // Promotion: narrower than int becomes int (so `- 1` goes negative); 32-bit unsigned stays
  // unsigned; wider fields keep their type.
  printf("%d %d %d %d %d %d\n", s.a - 1 < 0, s.b - 1 < 0, s.d - 1 < 0, s.g - 1 < 0, s.e - 1 < 0, s.f - 1 < 0);
  printf("%zu %zu %zu %zu %zu\n", sizeof(s.a + 0), sizeof(s.b + 0), sizeof(s.d + 0), sizeof(s.big + 0), sizeof(s.g + 0));
  // The value of an assignment is the field's new value.
  int v = (s.a = 13), w = (s.h = 31), p = (s.plain = 100);
  long long x = (s.big = -1);
  printf("%d %d %d %llx\n", v, w, p, x);
  // ++, -- and compound assignment wrap within the field.
  s.a = 7;
  s.a++;
  printf("%d ", s.a);
  s.a += 9;
  printf("%d ", s.a);
  printf("%d ", s.a -= 2);
  printf("%d ", --s.a);
  printf("%d ", s.a--);
  printf("%d\n", s.a);
  s.h = 15;
  printf("%d ", ++s.h);
  s.h = -16;
  printf("%d ", --s.h);
  s.a = 5;
  printf("%d ", s.a /= -1);  // int arithmetic: -5, stored as 3
  s.h = -7;
  printf("%d ", s.h >>= 1);
  printf("%d\n", s.h *= 5);
  printf("%d ", (s.f = 5));
  printf("%d\n", s.f + s.f);
  // enum fields: unsigned when no enumerator is negative.
  s.es = S3;
  s.en = N_MINUS;
  printf("%d %d %d %d\n", s.es, s.es == S3, s.en, s.en == N_MINUS);
  s.es = 7;
  printf("%d\n", s.es);
  // Sign extension of signed fields read back.
  s.e = -5;
  s.plain = -64;
  printf("%ld %d %d\n", (long)s.e, s.plain, s.plain - 1);
  s.big = 0xabcdef1234ull;
  printf("%llx %llx\n", (unsigned long long)s.big, (unsigned long long)(s.big >> 4));

  struct Cross c = {0};
  c.x = 0x3fffffff;
  c.y = 9;
  c.c = 200;
  printf("%x %d %d\n", c.x, c.y, c.c);
  struct LL ll = {1, -3, 5};
  printf("%lld %lld %d\n", (long long)ll.x, (long long)ll.y, ll.a);
  struct Wide wd = {5332, 50, 0xad, 4, -1877};
  printf("%d %d %x %d %d\n", wd.a, wd.b, wd.c, wd.d, wd.e);
  union UBits u;
  u.b = 0x7ffffffffull;
  printf("%u\n", u.a);

  SHOW(Fields);
  SHOW(Cross);
  SHOW(Zero);
  SHOW(ZeroLL);
  SHOW(Unnamed);
  SHOW(LL);
  SHOW(ShortUnit);
  SHOW(CharUnit);
  SHOW(Wide);
  printf("UBits size %zu align %zu\n", sizeof(union UBits), _Alignof(union UBits));
  printf("%zu %zu %zu\n", OFFSET(Cross, c), OFFSET(Zero, b), OFFSET(ZeroLL, b));
  return 0;
}

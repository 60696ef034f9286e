// Enum types as gcc makes them: the underlying type (unsigned int with no negative enumerator,
// int with one, 64-bit when 32 bits do not hold the values), the types of the enumerator
// constants, and enums referred to before their body (`enum E;`, `enum E *p`).
#include <stdio.h>

enum A { A1, A2 };
enum B { B1 = -1, B2 };
enum C { C1 = 0x80000000u, C2 };
enum D { D1 = 0x100000000, D2 };
enum E { E1 = -1, E2 = 0x80000000u };
enum F { F1 = 0xffffffffffffffffull };
enum G { G1 = 1, G2 = sizeof(enum G*), G3 = G2 * 2 };
enum Fwd;
enum Fwd* fwd_ptr;
struct UsesFwd { int (*fn)(enum Fwd x); };
extern enum Fwd make_fwd(void);
enum Fwd { FW1 = 3, FW2 };
enum Fwd make_fwd(void) { return FW2; }

int main(void) {
  enum A a = A1;
  enum B b = B1;
  enum C c = C1;
  enum D d = D1;
  enum E e = E1;
  enum F f = F1;
  // `x - 1 > 0` is true for an unsigned type at 0 (or at its values).
  printf("%d %d %d %d %d %d\n", a - 1 > 0, b - 1 > 0, c - 1 > 0, d - 1 > 0, e - 1 > 0, f - 1 > 0);
  printf("%d %d %d %d %d %d\n", A1 - 1 > 0, B1 - 1 > 0, C1 - 1 > 0, D1 - 1 > 0, E2 - 1 > 0, F1 - 1 > 0);
  printf("%zu %zu %zu %zu %zu %zu %zu %zu\n", sizeof(enum A), sizeof(enum C), sizeof(enum D), sizeof(enum E), sizeof(F1),
         sizeof(G2), sizeof(C1), sizeof(A1));
  printf("%d %d %d %lld %lld\n", G1, G2, G3, (long long)D2, (long long)E1);
  a = 7;
  a--;
  printf("%d %u\n", a, (unsigned)(enum A) - 1);
  unsigned* up = &a;  // enum A is compatible with unsigned int
  printf("%u\n", *up);
  long long ll = (enum A) - 1;
  printf("%lld ", ll);
  ll = (enum B) - 1;
  printf("%lld\n", ll);
  enum Fwd w = make_fwd();
  fwd_ptr = &w;
  printf("%d %zu\n", *fwd_ptr, sizeof(enum Fwd));
  switch (c) {
    case C1: printf("C1\n"); break;
    default: printf("other\n");
  }
  return 0;
}

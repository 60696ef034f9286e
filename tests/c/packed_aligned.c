// __attribute__((packed)) on structs, unions and members, and __attribute__((aligned(N))) on
// types and members (with no argument: 16 on x86-64): sizeof, alignof and offsets as gcc lays
// them out, and loads and stores of misaligned members and packed bit-fields.
#include <stdio.h>
#include <string.h>

#define OFFSET(T, m) ((size_t) & ((T*)0)->m)
#define SHOW(T) printf(#T " size %zu align %zu\n", sizeof(T), _Alignof(T))

struct __attribute__((packed)) P1 { char c; int i; short s; long l; };
struct P2 { char c; int i; double d; } __attribute__((packed));
struct M1 { char c; int i __attribute__((packed)); short s; };
typedef struct { char c; long l; } __attribute__((packed)) P3;
union __attribute__((packed)) PU { char c[5]; int i; };
struct A16 { char c; } __attribute__((aligned));
struct A8 { char c; int i; } __attribute__((aligned(8)));
struct MA { char c; int i __attribute__((aligned(16))); char d; };
struct __attribute__((packed, aligned(4))) PA { char c; int i; };
struct Outer { char c; struct P1 p; char d; };
struct PBits { char c; unsigned a : 4; unsigned b : 30; unsigned long long w : 60; } __attribute__((packed));
struct PBits2 { unsigned char x : 3; int y : 9; short z : 7; } __attribute__((packed));
struct PackedArr { char c; int a[3]; } __attribute__((packed));

int main(void) {
  SHOW(struct P1);
  SHOW(struct P2);
  SHOW(struct M1);
  SHOW(P3);
  SHOW(union PU);
  SHOW(struct A16);
  SHOW(struct A8);
  SHOW(struct MA);
  SHOW(struct PA);
  SHOW(struct Outer);
  SHOW(struct PBits);
  SHOW(struct PBits2);
  SHOW(struct PackedArr);
  printf("%zu %zu %zu | %zu %zu | %zu %zu | %zu | %zu %zu | %zu %zu\n", OFFSET(struct P1, i), OFFSET(struct P1, s),
         OFFSET(struct P1, l), OFFSET(struct P2, i), OFFSET(struct P2, d), OFFSET(struct M1, i), OFFSET(struct M1, s),
         OFFSET(P3, l), OFFSET(struct MA, i), OFFSET(struct MA, d), OFFSET(struct Outer, p), OFFSET(struct Outer, d));

  struct P1 p = {1, 0x12345678, -2, 0x1122334455667788L};
  p.i += 1;
  p.l ^= 0xff;
  printf("%d %x %d %lx\n", p.c, p.i, p.s, p.l);
  struct P2 arr[3];
  for (int k = 0; k < 3; k++) {
    arr[k].c = (char)k;
    arr[k].i = k * 1000;
    arr[k].d = k + 0.5;
  }
  double sum = 0;
  for (int k = 0; k < 3; k++) sum += arr[k].i + arr[k].d + arr[k].c;
  printf("%g\n", sum);
  struct Outer o = {'a', {'b', 7, 8, 9}, 'z'};
  struct P1 copy = o.p;
  printf("%c %c %d %d %ld %c\n", o.c, copy.c, copy.i, copy.s, copy.l, o.d);

  struct PBits b = {0};
  b.c = 'q';
  b.a = 9;
  b.b = 0x2abcdef1;
  b.w = 0xfedcba987654321ull;
  printf("%c %u %x %llx\n", b.c, b.a, b.b, (unsigned long long)b.w);
  b.a++;
  b.b += 2;
  printf("%u %x\n", b.a, b.b);
  struct PBits2 b2 = {5, -200, -30};
  printf("%d %d %d\n", b2.x, b2.y, b2.z);
  unsigned char raw[sizeof b2];
  memcpy(raw, &b2, sizeof b2);
  for (unsigned k = 0; k < sizeof b2; k++) printf("%02x", raw[k]);
  printf("\n");
  return 0;
}

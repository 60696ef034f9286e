// #pragma pack(n), push/pop (with ids), pack(), _Pragma("pack(...)"), and their interplay with
// bit-fields, packed, aligned(N) and :0: sizes, offsets, alignments and field values as gcc.
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define SHOW(T) printf(#T ": size %zu align %zu\n", sizeof(T), _Alignof(T))
#define OFF(T, m) printf("  " #m " @%zu\n", offsetof(T, m))

static void dump(const void *p, size_t n) {
  const unsigned char *b = p;
  printf("  bytes");
  for (size_t i = 0; i < n; i++) printf(" %02x", b[i]);
  printf("\n");
}

struct N1 { char c; int i; double d; short s; };  // no pragma: natural

#pragma pack(1)
struct P1 { char c; int i; double d; short s; };
struct P1b { char c; unsigned x : 12; unsigned char y : 7; unsigned z : 28; unsigned a : 4; };
struct P1c { char c; long long z : 63; char a : 4; long long b : 2; };
struct P1d { int x : 3; int : 0; char c; int y : 5; };
#pragma pack()
struct N2 { char c; int i; };  // pack() restores the default

#pragma pack(2)
struct P2 { char c; int i; double d; char e; };
struct P2b { char c; int x : 20; long long y : 40; };
struct P2c { char c; int i __attribute__((aligned(8))); };
struct P2d { char c; double d; } __attribute__((aligned(16)));
#pragma pack(4)
struct P4 { char c; double d; long long l; short s; };
struct P4b { char c; short s : 9; int i : 30; };
#pragma pack(8)
struct P8 { char c; double d; long double ld; };
#pragma pack(16)
struct P16 { char c; long double ld; int i; };

#pragma pack(push, 1)
struct Q1 { char c; int i; };
#pragma pack(push, 4)
struct Q4 { char c; double d; };
#pragma pack(pop)
struct Q1again { char c; int i; };
#pragma pack(pop)
struct Qafter { char c; int i; };  // back to pack(16) from before the push

#pragma pack()
#pragma pack(push, outer, 2)
#pragma pack(push, 8)
#pragma pack(push, inner, 1)
struct R1 { char c; long l; };
#pragma pack(pop, outer)
struct R0 { char c; long l; };  // popping to `outer` drops all three

#pragma pack(push)
#pragma pack(2)
struct S2 { char c; int i; };
#pragma pack(pop)
struct S0 { char c; int i; };

_Pragma("pack(push, 1)")
struct T1 { char c; long l; short s; };
_Pragma("pack(pop)")

#pragma pack(2)
struct Packed2 { char c; int i; } __attribute__((packed));  // packed wins
struct Inner { char c; int i; };
#pragma pack()
struct Outer { char c; struct Inner in; };  // Inner keeps its packed layout
union U2;
#pragma pack(2)
union U2 { char c; int i; long long l; };
#pragma pack(4)
struct A4 { char c; long long x : 3 __attribute__((packed)); };  // still aligns the record to 4
struct B4 { char c; int x : 3 __attribute__((aligned(8))); char d; };  // aligned(8) capped at 4
struct C4 { char c; int : 0; char d; };  // :0 is not limited by the pragma
struct D4 { char c; long long : 0; char d; int : 5; };
#pragma pack(1)
struct F1 { char c; long long x : 3; } __attribute__((aligned(8)));  // the record's aligned(N) stays
struct G1 { short a : 3; char b; };
#pragma pack()

int main(void) {
  SHOW(struct N1); OFF(struct N1, i); OFF(struct N1, d); OFF(struct N1, s);
  SHOW(struct P1); OFF(struct P1, i); OFF(struct P1, d); OFF(struct P1, s);
  SHOW(struct P1b); SHOW(struct P1c); SHOW(struct P1d); OFF(struct P1d, c);
  SHOW(struct N2);
  SHOW(struct P2); OFF(struct P2, i); OFF(struct P2, d); OFF(struct P2, e);
  SHOW(struct P2b); SHOW(struct P2c); OFF(struct P2c, i); SHOW(struct P2d); OFF(struct P2d, d);
  SHOW(struct P4); OFF(struct P4, d); OFF(struct P4, l); OFF(struct P4, s); SHOW(struct P4b);
  SHOW(struct P8); OFF(struct P8, ld); SHOW(struct P16); OFF(struct P16, ld); OFF(struct P16, i);
  SHOW(struct Q1); SHOW(struct Q4); SHOW(struct Q1again); SHOW(struct Qafter);
  SHOW(struct R1); SHOW(struct R0); SHOW(struct S2); SHOW(struct S0);
  SHOW(struct T1); OFF(struct T1, l); OFF(struct T1, s);
  SHOW(struct Packed2); SHOW(struct Inner); SHOW(struct Outer); OFF(struct Outer, in); SHOW(union U2);
  SHOW(struct A4); SHOW(struct B4); OFF(struct B4, d); SHOW(struct C4); OFF(struct C4, d);
  SHOW(struct D4); OFF(struct D4, d); SHOW(struct F1); SHOW(struct G1); OFF(struct G1, b);
  struct B4 b4 = {1, 2, 3};
  printf("  %d %d %d\n", b4.c, b4.x, b4.d);

  // Bit-fields that straddle units of their type, read and written.
  struct P1b b;
  memset(&b, 0, sizeof b);
  b.c = 1; b.x = 0xabc; b.y = 0x55; b.z = 0x9876543; b.a = 9;
  dump(&b, sizeof b);
  printf("  %x %x %x %x\n", b.x, b.y, b.z, b.a);
  b.z += 0x10; b.a++;
  printf("  %x %x\n", b.z, b.a);

  struct P1c c;  // z spans 9 bytes
  memset(&c, 0xff, sizeof c);
  c.c = 0; c.z = 0x123456789abcdef0LL; c.a = -3; c.b = 1;
  dump(&c, sizeof c);
  printf("  %llx %d %lld\n", (long long)c.z, c.a, (long long)c.b);
  c.z = -c.z;
  printf("  %llx\n", (long long)c.z);
  c.z >>= 4;
  printf("  %llx\n", (long long)c.z);

  struct P1c ci = {7, -2, 5, -1};  // the same layout from an initializer
  dump(&ci, sizeof ci);
  printf("  %lld %d %lld\n", (long long)ci.z, ci.a, (long long)ci.b);
  static struct P1c cs = {7, 0x7edcba9876543210LL, 3, 1};
  dump(&cs, sizeof cs);
  printf("  %llx %d %lld\n", (long long)cs.z, cs.a, (long long)cs.b);

  struct P2b p2 = {1, -5, 0x1234567890LL};
  dump(&p2, sizeof p2);
  printf("  %d %llx\n", p2.x, (long long)p2.y);
  struct P4b p4;
  memset(&p4, 0, sizeof p4);
  p4.s = -100; p4.i = 123456789;
  dump(&p4, sizeof p4);
  printf("  %d %d\n", p4.s, p4.i);
  struct P1 arr[3];
  printf("  array %zu %td\n", sizeof arr, (char *)&arr[2].d - (char *)arr);
  return 0;
}

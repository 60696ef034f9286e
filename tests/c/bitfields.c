// Bit-fields with gcc's SysV layout (no straddling, zero width ends a unit, unnamed ones),
// signed and unsigned reads, truncating writes, compound assignment, static initializers.
int printf(const char *, ...);
struct flags { unsigned a : 3; unsigned b : 5; int c : 4; unsigned : 0; unsigned d : 20; char e; };
struct packed { char x; int y : 7; int z : 30; };
struct flags gf = {5, 17, -3, 100000, 'q'};
int main(void) {
  struct flags f = {1, 2, 3, 4, 'e'};
  printf("%d %d\n", (int)sizeof(struct flags), (int)sizeof(struct packed));
  printf("%u %u %d %u %c\n", f.a, f.b, f.c, f.d, f.e);
  printf("%u %u %d %u %c\n", gf.a, gf.b, gf.c, gf.d, gf.e);
  f.a = 9;       // truncated to 1
  f.c = -8;
  f.b += 30;     // wraps in 5 bits
  f.d++;
  printf("%u %u %d %u\n", f.a, f.b, f.c, f.d);
  struct packed p;
  p.x = 1;
  p.y = -1;
  p.z = 123456789;
  printf("%d %d %d\n", p.x, p.y, p.z);
  struct flags *fp = &gf;
  fp->c = 7;
  fp->a--;
  printf("%d %u %u\n", fp->c, fp->a, fp->b);
  return 0;
}

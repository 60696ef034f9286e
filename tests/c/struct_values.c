// Structs passed and returned by value: in registers (one or two eightbytes, integer or SSE)
// and in memory, between C functions and with libc (div, ldiv) by the SysV ABI.
int printf(const char *, ...);
typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
div_t div(int, int);
ldiv_t ldiv(long, long);
struct point { int x, y; };
struct vec { double x, y; };
struct mix { long a; double b; };
struct big { long v[5]; };
struct small { char c; short s; };
struct fl3 { float a, b, c; };

struct point padd(struct point a, struct point b) { struct point r = {a.x + b.x, a.y + b.y}; return r; }
struct vec vscale(struct vec v, double k) { v.x *= k; v.y *= k; return v; }
struct mix mswap(struct mix m) { struct mix r; r.a = (long)m.b; r.b = (double)m.a; return r; }
struct big bfill(long base) { struct big b; for (int i = 0; i < 5; i++) b.v[i] = base + i; return b; }
long bsum(struct big b) { long s = 0; for (int i = 0; i < 5; i++) s += b.v[i]; return s; }
struct small sm(struct small s) { s.c++; s.s *= 2; return s; }
struct fl3 f3(struct fl3 f) { struct fl3 r = {f.c, f.b, f.a}; return r; }

int main(void) {
  div_t d = div(17, 5);
  ldiv_t ld = ldiv(-100, 7);
  printf("%d %d %ld %ld\n", d.quot, d.rem, ld.quot, ld.rem);
  struct point a = {1, 2}, b = {10, 20};
  struct point c = padd(a, b);
  printf("%d %d %d\n", c.x, c.y, padd(c, c).y);
  struct vec v = {1.5, -2.5};
  v = vscale(v, 2);
  printf("%.2f %.2f\n", v.x, v.y);
  struct mix m = {7, 3.75};
  m = mswap(m);
  printf("%ld %.2f\n", m.a, m.b);
  struct big bg = bfill(100);
  printf("%ld %ld %ld\n", bg.v[0], bg.v[4], bsum(bg));
  printf("%ld\n", bsum(bfill(1)));
  struct small s = {'a', 300};
  s = sm(s);
  printf("%c %d\n", s.c, s.s);
  struct fl3 f = {1.5f, 2.5f, 3.5f};
  f = f3(f);
  printf("%.1f %.1f %.1f\n", f.a, f.b, f.c);
  printf("%d\n", padd(a, b).x);
  return 0;
}

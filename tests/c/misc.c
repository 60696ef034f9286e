// Typedefs, enums, designated and nested initializers, local strings, function pointer tables,
// bitwise operators, NaN comparisons, struct copies, compound assignment and goto out of a loop.
int printf(const char *, ...);
unsigned long strlen(const char *);
int strcmp(const char *, const char *);

typedef struct { int id; char name[8]; } rec;
enum color { RED, GREEN = 5, BLUE };
typedef enum color color_t;
static const int primes[] = {2, 3, 5, 7, 11};
rec recs[] = {{1, "ann"}, {2, "bob"}, [3] = {4, "dan"}};
int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
int flat[2][2] = {1, 2, 3, 4};
struct { int a, b; } des = {.b = 7, .a = 3};
int (*fp_table[2])(const char *, const char *) = {strcmp, 0};

static int count_bits(unsigned x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }

int main(int argc, char **argv) {
  color_t c = BLUE;
  printf("%d %d %d\n", RED, GREEN, c);
  printf("%d %d\n", (int)(sizeof primes / sizeof primes[0]), primes[4]);
  printf("%d %s %d %s %d\n", recs[0].id, recs[1].name, recs[3].id, recs[3].name, recs[2].id);
  printf("%d %d %d\n", grid[1][0], flat[1][1], (int)sizeof(recs));
  printf("%d %d\n", des.a, des.b);
  char local[] = "local";
  char sized[10] = "ab";
  printf("%s %d %d %d\n", local, (int)sizeof local, (int)strlen(sized), sized[5]);
  printf("%d\n", fp_table[0]("abc", "abd") < 0);
  printf("%d\n", count_bits(0xF0F0u));
  int x = 5, y = 3;
  int shift = 3;
  printf("%d %d %d %d %d\n", x & y, x | y, x ^ y, x << shift, -x >> 1);
  unsigned long ul = 0xFFFFFFFFFFFFFFFFul;
  printf("%lu %d\n", ul >> shift, ul > 5);
  long long ll = -9223372036854775807LL - 1;
  printf("%lld\n", ll);
  int arr[5] = {0};
  int *p = arr;
  *p++ = 1;
  *p++ = 2;
  (*p)++;
  printf("%d %d %d\n", arr[0], arr[1], arr[2]);
  int z = (x++, y++, x + y);
  printf("%d\n", z);
  printf("%s\n", x > y ? "gt" : x < y ? "lt" : "eq");
  double nan = 0.0 / 0.0;
  printf("%d %d %d\n", nan == nan, nan != nan, nan < 1.0);
  if (!(nan < 1.0)) printf("not-less\n");
  float f = 3.5f;
  int fi = f;
  unsigned char uc = f * 10;
  printf("%d %d\n", fi, uc);
  printf("%d\n", argc);
  printf("%d\n", strcmp(argv[0], "") != 0);
  rec r = recs[1];
  r.name[0] = 'B';
  printf("%s %s\n", r.name, recs[1].name);
  rec *rp = &recs[0];
  printf("%d\n", (int)(&recs[3] - rp));
  unsigned u = 3;
  u -= 5;
  printf("%u\n", u);
  int neg = -17;
  neg /= 4;
  printf("%d\n", neg);
  neg %= 3;
  printf("%d\n", neg);
  char ch = 'z';
  ch -= 'a' - 'A';
  printf("%c\n", ch);
  long double ld = 1.0L / 3;
  printf("%.10Lf\n", ld);
  int i = 0;
  for (; i < 10; i++) {
    switch (i) {
      case 2: continue;
      case 5: goto out;
    }
    printf("%d", i);
  }
out:
  printf("\n%d\n", i);
  return 0;
}

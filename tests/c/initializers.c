// Initializers in gnu11: designators of every form (nested, ranges, `field:`, overriding),
// brace elision before and after designators, unions and bit-fields, anonymous members,
// records from expressions, character arrays from strings, scalars in braces, `{}`, and
// static address constants; each both static and automatic where C allows.
int printf(const char *, ...);

struct inner { int n; int m[3]; };
struct mid { char tag; struct inner in; };
struct outer { int a; struct mid b[2]; int z; };
struct pt { int x, y; };
struct line { struct pt from, to; };
union num { int i; char c; double d; };
struct bits { unsigned a : 3; int : 5; int b : 6; unsigned char c; int : 0; int d : 4; };
struct anon { int k; struct { int p, q; }; union { int u; char uc; }; int last; };
struct with_str { char s[4]; char *p; int n; };
struct tagged { int kind; union { int i; long l; } v; };

// Static objects.
static struct outer so = {.b[1].in.m[2] = 7, .a = 1, .b[0] = {'x', {2, {3, 4}}}, 9};
static int ranged[10] = {[2 ... 4] = 5, [7] = 8, 9, [0] = 1};
static struct pt old_style = {y: 2, x: 1};
static int overridden[5] = {1, 2, 3, 4, 5, [1] = 20, [3] = 40};
static struct line elided = {1, 2, .to.y = 4};
static struct line ln2 = {.from.y = 6, 7, 8};
static union num un1 = {65};
static union num un2 = {.d = 1.5};
static union num un3 = {.i = 0x41424344, .c = 'z'};
static struct bits sb = {5, -3, 200, 7};
static struct anon sa = {1, 2, 3, 4, 5};
static struct anon sa2 = {.q = 10, .uc = 'q', .last = 11};
static char s1[] = "abc";
static char s2[] = {"de"};
static char s3[3] = "xyz";  // exactly the size: no NUL
static char s4[2][4] = {"ab", "cde"};
static struct with_str ws = {"hi", "there", 3};
static int scalar_braced = {42};
static int empty_braces[3] = {};
static struct tagged tg = {2, {.l = 123456789012L}};
static int matrix[3][3] = {[0][0] = 1, [1] = {2, 3}, [2][2] = 9, [2][1] = 8};
static struct pt pts[] = {[2].y = 5, {6, 7}, [0] = {1}};
static struct pt from_literal = (struct pt){.y = 12, .x = 11};
static int *lit_ptr = (int[]){10, 20, 30};
static struct pt *lit_pt = &(struct pt){3, 4};
static int range_structs_n = 0;
static struct pt range_structs[4] = {[0 ... 2] = {1, 2}, [1].y = 9};

// Address constants.
static int arr[8] = {10, 11, 12, 13, 14, 15, 16, 17};
static struct line gline = {{1, 2}, {3, 4}};
static int x_for_char;
static int *p_elem = &arr[3];
static int *p_plus = arr + 2;
static int *p_member = &gline.to.y;
static char *p_bytes = (char *)&x_for_char + 2;
static long off_to = (long)&((struct line *)0)->to.y;
static char *p_str = "hello" + 1;
static int (*p_fn)(const char *, ...) = printf;
static long diff = &arr[6] - &arr[1];
static int *p_cond = 1 ? &arr[1] : &arr[2];
static int cmp = (2 >= 5) + (3 < 4) * 2;
static void *absolute = (void *)&((char *)50)[2];
static long p_as_long = (long)&arr[1];

enum { SIZE_A = 3, SIZE_B = sizeof(struct pt) };
static char by_expr[SIZE_A * 2 + (SIZE_B > 4 ? 1 : 0) + (int)2.7 + sizeof(int[2]) / sizeof(int)];

// Unions: a designator into the anonymous struct keeps its other member; another member
// replaces the whole value.
union pair_or_long { struct { unsigned char lo, hi; }; long whole; };
static union pair_or_long ul1 = {.hi = 8, .lo = 7};
static union pair_or_long ul2 = {.whole = -1, .lo = 5};
struct flex { int n; short v[]; };
static struct flex fx = {3, {1, 2, 3}};
static struct flex fx2 = {2, 7, 8};            // the flexible member by brace elision
static char cut[3] = "abcdef";                 // gcc warns and keeps "abc"
static int dropped[2] = {1, 2, 3};             // gcc warns and drops the 3
static unsigned char overlap[12] = {[1 ... 5] = 9, [6 ... 10] = 4, [4 ... 7] = 6};

// Integer constants gcc folds: a cast of a floating expression, an absolute address.
static char by_float[(int)(2.5 * 2) + (int)(float)7.9 + (int)-1.5 + (_Bool)0.1];
static char by_offset[(long)&((struct outer *)0)->b[1].in.m[2]];
static int offset_value = (int)&((struct line *)0)->to.x;

static int counter;
static int next(void) { return ++counter; }

static void print_outer(const char *what, const struct outer *o) {
  printf("%s: a=%d z=%d", what, o->a, o->z);
  for (int i = 0; i < 2; i++)
    printf(" [%c %d {%d %d %d}]", o->b[i].tag ? o->b[i].tag : '-', o->b[i].in.n, o->b[i].in.m[0], o->b[i].in.m[1],
           o->b[i].in.m[2]);
  printf("\n");
}

static void print_ints(const char *what, const int *v, int n) {
  printf("%s:", what);
  for (int i = 0; i < n; i++) printf(" %d", v[i]);
  printf("\n");
}

static void print_chars(const char *what, const char *s, int n) {
  printf("%s:", what);
  for (int i = 0; i < n; i++) printf(" %d", s[i]);
  printf("\n");
}

static void statics(void) {
  print_outer("so", &so);
  print_ints("ranged", ranged, 10);
  printf("old_style %d %d\n", old_style.x, old_style.y);
  print_ints("overridden", overridden, 5);
  printf("elided %d %d %d %d\n", elided.from.x, elided.from.y, elided.to.x, elided.to.y);
  printf("ln2 %d %d %d %d\n", ln2.from.x, ln2.from.y, ln2.to.x, ln2.to.y);
  printf("un1 %d un2 %.2f un3 %d\n", un1.i, un2.d, un3.i);
  printf("sb %u %d %u %d\n", sb.a, sb.b, sb.c, sb.d);
  printf("sa %d %d %d %d %d\n", sa.k, sa.p, sa.q, sa.u, sa.last);
  printf("sa2 %d %d %d %d %d\n", sa2.k, sa2.p, sa2.q, sa2.u, sa2.last);
  printf("sizes %d %d %d %d\n", (int)sizeof s1, (int)sizeof s2, (int)sizeof s3, (int)sizeof s4);
  print_chars("s1", s1, 4);
  print_chars("s2", s2, 3);
  print_chars("s3", s3, 3);
  print_chars("s4", s4[0], 8);
  printf("ws %s %s %d\n", ws.s, ws.p, ws.n);
  printf("scalar_braced %d empty %d %d %d\n", scalar_braced, empty_braces[0], empty_braces[1], empty_braces[2]);
  printf("tg %d %ld\n", tg.kind, tg.v.l);
  print_ints("matrix", matrix[0], 9);
  printf("pts %d:", (int)(sizeof pts / sizeof pts[0]));
  for (int i = 0; i < 4; i++) printf(" {%d %d}", pts[i].x, pts[i].y);
  printf("\n");
  printf("from_literal %d %d lit_ptr %d %d lit_pt %d\n", from_literal.x, from_literal.y, lit_ptr[0], lit_ptr[2], lit_pt->y);
  printf("ul1 %d %d ul2 %d %d %ld\n", ul1.lo, ul1.hi, ul2.lo, ul2.hi, ul2.whole);
  printf("fx %d %d %d %d fx2 %d %d %d\n", fx.n, fx.v[0], fx.v[1], fx.v[2], fx2.n, fx2.v[0], fx2.v[1]);
  printf("cut %c%c%c dropped %d %d\n", cut[0], cut[1], cut[2], dropped[0], dropped[1]);
  for (int i = 0; i < 12; i++) printf(" %d", overlap[i]);
  printf("\n");
  printf("range_structs %d:", range_structs_n);
  for (int i = 0; i < 4; i++) printf(" {%d %d}", range_structs[i].x, range_structs[i].y);
  printf("\n");
}

static void addresses(void) {
  printf("p_elem %d p_plus %d p_member %d\n", *p_elem, *p_plus, *p_member);
  printf("p_bytes %d off_to %ld p_str %s\n", (int)(p_bytes - (char *)&x_for_char), off_to, p_str);
  p_fn("p_fn works\n");
  printf("diff %ld p_cond %d cmp %d absolute %ld\n", diff, *p_cond, cmp, (long)absolute);
  printf("p_as_long %d\n", p_as_long == (long)(arr + 1));
  printf("by_expr %d by_float %d by_offset %d offset_value %d\n", (int)sizeof by_expr, (int)sizeof by_float,
         (int)sizeof by_offset, offset_value);
}

static void automatics(void) {
  int seven = 7;
  struct outer o = {.b[1].in.m[2] = seven, .a = 1, .b[0] = {'x', {2, {3, 4}}}, 9};
  print_outer("o", &o);
  int r[10] = {[2 ... 4] = next(), [7] = 8, 9, [0] = 1};
  print_ints("r", r, 10);
  printf("counter %d\n", counter);
  struct line l = {.from.y = 6, seven, 8};
  printf("l %d %d %d %d\n", l.from.x, l.from.y, l.to.x, l.to.y);
  struct pt p = {seven, seven * 2};
  struct line l2 = {p, {p.y, 1}};
  struct line l3 = {1, 2, p};  // brace elision stops at a struct-typed value
  printf("l2 %d %d %d %d l3 %d %d %d %d\n", l2.from.x, l2.from.y, l2.to.x, l2.to.y, l3.from.x, l3.from.y, l3.to.x, l3.to.y);
  struct pt copy = p;
  struct pt made = (struct pt){.y = 1};
  printf("copy %d %d made %d %d\n", copy.x, copy.y, made.x, made.y);
  union num u = {.c = 'A'};
  union num u2 = {.d = 2.0, .i = 3};
  printf("u %d u2 %d\n", u.i, u2.i);
  struct bits b = {.d = -2, .a = 6, .c = 9};
  printf("b %u %d %u %d\n", b.a, b.b, b.c, b.d);
  struct anon a = {1, {2, 3}, {.uc = 4}, 5};
  printf("a %d %d %d %d %d\n", a.k, a.p, a.q, a.u, a.last);
  char c1[] = "xy", c2[5] = {"ab"}, c3[2] = "pq";
  printf("chars %d %d %d:", (int)sizeof c1, (int)sizeof c2, (int)sizeof c3);
  for (int i = 0; i < 5; i++) printf(" %d", c2[i]);
  printf(" %c%c\n", c3[0], c3[1]);
  struct with_str w = {"ok", "fine", seven};
  printf("w %s %s %d\n", w.s, w.p, w.n);
  int sc = {seven}, em = {{3}};
  double dz = {2.5};
  printf("sc %d em %d dz %.1f\n", sc, em, dz);
  int m[3][3] = {[0][0] = 1, [1] = {2, 3}, [2][2] = 9, [2][1] = seven};
  print_ints("m", m[0], 9);
  int over[5] = {1, 2, 3, 4, 5, [1] = 20, [3] = 40};
  print_ints("over", over, 5);
  struct pt ps[] = {[2].y = 5, {6, 7}, [0] = {1}};
  printf("ps %d: {%d %d} {%d %d} {%d %d} {%d %d}\n", (int)(sizeof ps / sizeof ps[0]), ps[0].x, ps[0].y, ps[1].x, ps[1].y,
         ps[2].x, ps[2].y, ps[3].x, ps[3].y);
  struct outer again = {.b = {[1] = {.tag = 'q', .in.n = 3}}, .b[1].in.m = {1, 2}, .b[1].in.m[1] = 5};
  print_outer("again", &again);
  int elt = 4;
  unsigned char ov[12] = {[1 ... 5] = 9, [6 ... 10] = elt, [4 ... 7] = elt + 2};
  for (int i = 0; i < 12; i++) printf(" %d", ov[i]);
  printf("\n");
  union pair_or_long pl = {.whole = 0x1234, .hi = 1}, pl2 = {.hi = 2, .lo = 3};
  printf("pl %d %d %ld pl2 %d %d\n", pl.lo, pl.hi, pl.whole, pl2.lo, pl2.hi);
  struct line cast_self = {(struct pt)p, (struct pt){1, 2}};
  printf("cast_self %d %d %d\n", cast_self.from.x, cast_self.from.y, cast_self.to.y);
  struct pt reset[2] = {{1, 2}, [0] = {.y = 3}};
  printf("reset {%d %d} {%d %d}\n", reset[0].x, reset[0].y, reset[1].x, reset[1].y);
}

int main(void) {
  statics();
  addresses();
  automatics();
  return 0;
}

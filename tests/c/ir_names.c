/* C names that look like the names irgen makes up or like IR literals: the IR printed by
   `kite cc -S` must read back with the same meaning (the _text mode of this test). */
#include <stdio.h>

static float inff = 2.5f;  /* an IR reader takes a bare `inff` for infinity */
double nan = 7.0;
int proto = 3;             /* irgen names its prototypes proto.N */

static int counter(void) {
  static int t = 10;       /* a static local; irgen's temporaries were once t.N */
  int L = 1;               /* irgen's labels were L.N */
  {
    int t = 5;             /* a shadowing local */
    {
      int t = 6;
      L += t;
    }
    L += t;
  }
  t += L;
  return t;
}

static int twice(void) {
  static int t = 100;      /* another function's static of the same name */
  { static int t = 1000; t++; if (t > 2000) return 0; }
  return t++;
}

int main(void) {
  int sp = 1, vla = 2, fp = 3;  /* irgen's VLA bookkeeping and frame names */
  int n = 3;
  int a[n];
  for (int i = 0; i < n; i++) a[i] = i * sp + vla + fp;
  int first = counter();
  int second = counter();
  int third = twice();
  int fourth = twice();
  printf("%d %d %d %d\n", first, second, third, fourth);
  printf("%g %g %d %d\n", (double)inff, nan, proto, a[2]);
  return 0;
}

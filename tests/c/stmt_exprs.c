// GNU statement expressions: the value of the last expression statement, locals scoped
// inside, control flow leaving them, struct values, use in macros and in conditions, local
// labels; and GNU `a ?: b`.
#include <stdio.h>

struct pair {
  int a, b;
};

#define MAX(x, y) ({ __typeof__(x) x_ = (x); __typeof__(y) y_ = (y); x_ > y_ ? x_ : y_; })

// A GNU local label: each expansion of the macro has a `found` of its own.
#define FIND(arr, n, v)                                 \
  ({                                                    \
    __label__ found;                                    \
    int i_;                                             \
    for (i_ = 0; i_ < (n); i_++)                        \
      if ((arr)[i_] == (v)) goto found;                 \
    i_ = -1;                                            \
  found:                                                \
    i_;                                                 \
  })

static int calls;
static int next(void) { return ++calls; }

static int first_negative(const int* v, int n) {
  for (int i = 0; i < n; i++) {
    int r = ({
      if (v[i] < 0) return i;  // returns from the function
      v[i] * 2;
    });
    if (r > 100) break;
  }
  return -1;
}

static struct pair make(int a) {
  return ({
    struct pair p = {a, a * 10};
    p;
  });
}

int main(void) {
  int x = 5;
  int y = ({
    int x = 3;  // shadows the outer x inside only
    x * 7;
  });
  printf("y=%d x=%d\n", y, x);
  int m = MAX(next(), 0);  // each argument evaluated once
  printf("max=%d calls=%d\n", m, calls);
  printf("max=%.1f\n", MAX(2.5, 1));
  int v[] = {3, 8, -1, 4};
  printf("first_negative=%d\n", first_negative(v, 4));
  int sum = 0;
  for (int i = 0; i < 10; i++) {
    sum += ({
      if (i == 3) continue;  // continues the enclosing loop
      if (i == 7) break;     // leaves it
      i;
    });
  }
  printf("sum=%d\n", sum);
  int n = ({
    int k = 0;
    goto done;
    k = 99;
  done:
    k + 1;
  });
  printf("n=%d\n", n);
  ({ printf("void statement expression\n"); (void)0; });
  ({});
  struct pair p = make(4);
  printf("pair=%d,%d\n", p.a, p.b);
  printf("member=%d\n", ({ struct pair q = {7, 8}; q; }).b);
  int d = ({ struct pair t = {2, 0}; t; }).a - ({ struct pair t = {1, 0}; t; }).a;
  printf("d=%d\n", d);
  if (({ int z = x; z > 4; })) printf("condition taken\n");
  int arr[3] = {10, 20, 30};
  int* q = ({ arr; });  // an array value decays
  printf("q[2]=%d\n", q[2]);
  int nested = ({ int a = ({ int b = 2; b * b; }); a + 1; });
  printf("nested=%d\n", nested);
  int hay[] = {4, 5, 6};
  printf("find=%d %d\n", FIND(hay, 3, 5), FIND(hay, 3, 7));
  calls = 0;
  int elvis = next() ?: 100;  // GNU `a ?: b`: a evaluated once
  const char* none = 0;
  printf("elvis=%d calls=%d %s %d\n", elvis, calls, none ?: "fallback", 0 ?: 3);
  return 0;
}

/* Variable length arrays (C11 6.7.6.2): sizes evaluated where the declaration is, sizeof at
   run time, multi-dimensional indexing, pointers to VLAs, VLA parameters, typedefs, and the
   storage released when the block ends or a loop goes round again. */
#include <stdio.h>

static int calls;
static int size_of_four(void) { calls++; return 4; }

/* A matrix parameter whose row length is an earlier parameter. */
static long trace(int n, long m[][n]) {
  long t = 0;
  for (int i = 0; i < n; i++) t += m[i][i];
  return t;
}

static void fill(int rows, int cols, int a[rows][cols]) {
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) a[i][j] = i * 10 + j;
}

static int sum_rows(int rows, int cols, int (*p)[cols]) {
  int s = 0;
  for (int (*r)[cols] = p; r < p + rows; r++) s += (*r)[cols - 1];
  return s;
}

int main(void) {
  int n = 5;
  int a[n];
  for (int i = 0; i < n; i++) a[i] = i * i;
  printf("sizeof a = %zu, a[4] = %d\n", sizeof a, a[4]);
  n = 100;  /* the size was taken at the declaration */
  printf("still %zu, sizeof(int[n]) = %zu\n", sizeof a / sizeof a[0], sizeof(int[n]));

  int rows = 3, cols = size_of_four();
  int m[rows][cols];
  fill(rows, cols, m);
  printf("sizeof m = %zu, sizeof m[0] = %zu, m[2][3] = %d, calls %d\n", sizeof m, sizeof m[0], m[2][3], calls);
  printf("row ends sum %d\n", sum_rows(rows, cols, m));
  int (*row)[cols] = &m[1];
  printf("(*row)[2] = %d, row + 1 - m = %td\n", (*row)[2], row + 1 - m);

  long sq[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
  printf("trace %ld\n", trace(3, sq));

  typedef char buf_t[cols * 2];
  cols = 1;
  buf_t b;
  printf("sizeof(buf_t) = %zu, sizeof b = %zu\n", sizeof(buf_t), sizeof b);

  /* The stack is released each time round: every iteration's array is at the same place. */
  void *first = 0;
  int same = 1;
  for (int k = 0; k < 1000; k++) {
    char big[1000 + k % 3];
    big[0] = (char)k;
    if (!first) first = big;
    else if ((char *)first - (char *)big > 64) same = 0;
    if (k % 2) continue;
  }
  printf("loop storage reused: %d\n", same);

  /* A goto back to before the declaration ends the array's lifetime too. */
  int rounds = 0;
  char *where[2] = {0, 0};
again:;
  char g[rounds + 100];
  where[rounds % 2] = g;
  if (++rounds < 5000) goto again;
  printf("goto storage reused: %d\n", where[0] - where[1] < 64 && where[1] - where[0] < 64);

  /* Three-dimensional, with a constant middle dimension. */
  int d = 2;
  double cube[d][3][d + 1];
  printf("sizeof cube = %zu, sizeof cube[1] = %zu, sizeof cube[1][2] = %zu\n", sizeof cube, sizeof cube[1],
         sizeof cube[1][2]);
  cube[1][2][2] = 2.5;
  printf("%.1f\n", *((double *)cube + (1 * 3 + 2) * (d + 1) + 2));
  return 0;
}

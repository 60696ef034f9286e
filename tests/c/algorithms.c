// Small real algorithms: quicksort, a sieve, an n-body-like double loop.
int printf(const char *, ...);
double sqrt(double);

void quicksort(int *a, int lo, int hi) {
  if (lo >= hi) return;
  int p = a[(lo + hi) / 2], i = lo, j = hi;
  while (i <= j) {
    while (a[i] < p) i++;
    while (a[j] > p) j--;
    if (i <= j) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
      i++;
      j--;
    }
  }
  quicksort(a, lo, j);
  quicksort(a, i, hi);
}

char sieve[10001];

struct body { double x, y, vx, vy, m; };

int main(void) {
  int a[20];
  unsigned seed = 12345;
  for (int i = 0; i < 20; i++) {
    seed = seed * 1103515245u + 12345u;
    a[i] = (int)(seed >> 16) % 1000;
  }
  quicksort(a, 0, 19);
  for (int i = 0; i < 20; i++) printf("%d ", a[i]);
  printf("\n");
  int count = 0;
  for (int i = 2; i <= 10000; i++) {
    if (sieve[i]) continue;
    count++;
    for (int j = i * 2; j <= 10000; j += i) sieve[j] = 1;
  }
  printf("%d primes\n", count);
  struct body b[3] = {{0, 0, 0, 0, 10}, {1, 0, 0, 1, 1}, {-2, 0, 0, -0.5, 0.5}};
  for (int step = 0; step < 1000; step++) {
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        if (i == j) continue;
        double dx = b[j].x - b[i].x, dy = b[j].y - b[i].y;
        double d2 = dx * dx + dy * dy + 0.01;
        double inv = b[j].m / (d2 * sqrt(d2));
        b[i].vx += dx * inv * 0.001;
        b[i].vy += dy * inv * 0.001;
      }
    for (int i = 0; i < 3; i++) {
      b[i].x += b[i].vx * 0.001;
      b[i].y += b[i].vy * 0.001;
    }
  }
  for (int i = 0; i < 3; i++) printf("%.6f %.6f\n", b[i].x, b[i].y);
  return 0;
}

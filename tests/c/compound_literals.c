// Compound literals: structs (designated), arrays decaying to pointers, as call arguments
// and results, at file scope (static) and re-initialized on each pass through a loop.
int printf(const char *, ...);
struct point { int x, y; };
int *primes = (int[]){2, 3, 5, 7};
struct point origin_plus(struct point p) { return (struct point){p.x + 1, p.y + 1}; }
int sum(const int *v, int n) { int s = 0; while (n--) s += *v++; return s; }
int main(void) {
  struct point p = (struct point){.y = 4, .x = 3};
  printf("%d %d\n", p.x, p.y);
  p = origin_plus((struct point){10, 20});
  printf("%d %d\n", p.x, p.y);
  printf("%d\n", sum((int[]){1, 2, 3, 4, 5}, 5));
  printf("%d %d\n", primes[3], ((struct point){7, 8}).y);
  int total = 0;
  for (int i = 0; i < 3; i++) {
    int *q = (int[2]){i, i * 10};
    total += q[0] + q[1];
  }
  printf("%d\n", total);
  return 0;
}

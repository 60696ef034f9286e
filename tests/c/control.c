// Control flow: switch (dense and sparse), goto, loops with break/continue, recursion, ?:.
int printf(const char *, ...);

const char *dense(int x) {
  switch (x) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 4: return "four";
    default: return "many";
  }
}

int sparse(int x) {
  int r = 0;
  switch (x) {
    case -100: r = 1; break;
    case 7: r = 2;  // falls through
    case 1000: r += 10; break;
    case 123456: r = 4; break;
  }
  return r;
}

int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
  for (int i = -1; i < 6; i++) printf("%s ", dense(i));
  printf("\n%d %d %d %d %d\n", sparse(-100), sparse(7), sparse(1000), sparse(123456), sparse(5));
  int i = 0, s = 0;
  for (;;) {
    i++;
    if (i % 2) continue;
    if (i > 20) break;
    s += i;
  }
  printf("%d\n", s);
  int n = 0;
  do n += 3; while (n < 10);
  printf("%d\n", n);
  int k = 0;
again:
  k++;
  if (k < 5) goto again;
  printf("%d\n", k);
  printf("%d\n", fib(20));
  int a = 0, b = 0;
  if (a++ || b++) printf("no\n");
  if (a++ && b++) printf("yes %d %d\n", a, b);
  printf("%d %d\n", a, b);
  int count = 0;
  for (int x = 0; x < 5; x++)
    for (int y = 0; y < 5; y++) {
      if (y > x) break;
      count++;
    }
  printf("%d\n", count);
  unsigned char uc = 200;
  switch (uc) {
    case 200: printf("200\n"); break;
    default: printf("other\n");
  }
  return fib(10);
}

// Pointers, arrays, pointer arithmetic and differences, address-taken locals.
int printf(const char *, ...);

void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

int sum(int *p, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  return s;
}

int main(void) {
  int a[10];
  for (int i = 0; i < 10; i++) a[i] = i * i;
  printf("%d\n", sum(a, 10));
  int *p = a + 3;
  int *q = &a[8];
  printf("%d %d %ld\n", *p, q[-1], (long)(q - p));
  int x = 1, y = 2;
  swap(&x, &y);
  printf("%d %d\n", x, y);
  int m[3][4];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
  printf("%d %d %d\n", m[1][2], m[2][3], (int)sizeof m);
  int (*row)[4] = m + 1;
  printf("%d\n", (*row)[3]);
  char buf[16];
  char *s = buf;
  const char *src = "hello";
  while ((*s++ = *src++)) {}
  printf("%s %d\n", buf, (int)(s - buf));
  int **pp = &p;
  **pp = 99;
  printf("%d\n", a[3]);
  p++;
  p += 2;
  printf("%d\n", *p);
  printf("%d\n", p > q ? 1 : p == q ? 0 : -1);
  void *v = a;
  int *back = v;
  printf("%d\n", back[2]);
  printf("%d\n", 2[a]);
  return 0;
}

/* C90 forms gcc -std=gnu11 still accepts: K&R definitions (with parameters of types that
   promote: char, short, float), implicit int, and implicit function declarations. */
#include <stdio.h>

static int sum3(a, b, c)
  int a;
  short b;
  char c;
{
  return a + b + c;
}

double scale(x, f)
  float f;
  double x;
{
  return x * f;
}

long count(s, p) char *s; char p[]; {
  long n = 0;
  for (; *s; s++) n += *s == *p;
  return n;
}

/* No declarations: every parameter is an int. */
diff(a, b) { return a - b; }

/* A parameter declared char takes the promoted int and keeps only its low byte. */
int low_byte(c) unsigned char c; { return c; }

/* Implicit int with a storage class, and a function returning a pointer to a function. */
static counter;
int twice(int v) { return 2 * v; }
int (*pick(which))(int) int which; { return which ? twice : 0; }

int ptr_param(p, n) int *p; { int s = 0; while (n--) s += *p++; return s; }

int main() {
  int arr[3] = {4, 5, 6};
  counter = 7;
  printf("%d\n", sum3(100, 20, 3));
  printf("%.2f\n", scale(2.5, 1.5f));
  printf("%ld\n", count("banana", "a"));
  printf("%d\n", diff(10, 3));
  printf("%d\n", low_byte(0x1234));
  printf("%d\n", pick(1)(21) + counter);
  printf("%d\n", ptr_param(arr, 3));
  printf("%d\n", later_defined(5));  /* implicitly declared: int later_defined() */
  return 0;
}

int later_defined(int x) { return x * x; }

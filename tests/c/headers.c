// The system's own headers through Kite's preprocessor: stdio, stdlib (qsort with a C
// comparator), string, math (libm), limits and stdint, with object- and function-like macros
// and conditionals.
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SQUARE(x) ((x) * (x))
#define SHOW(fmt, ...) printf("%s: " fmt "\n", __func_name, __VA_ARGS__)

static const char* __func_name = "headers";

static int by_value(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

int main(void) {
  int v[] = {42, -7, 19, 0, INT_MAX, INT_MIN, 3};
  qsort(v, COUNT(v), sizeof v[0], by_value);
  for (size_t i = 0; i < COUNT(v); i++) printf("%d%c", v[i], i + 1 < COUNT(v) ? ' ' : '\n');
  char buf[64];
  strcpy(buf, "kite");
  strcat(buf, " runs C");
  SHOW("%s (%zu bytes), cmp %d", buf, strlen(buf), strcmp(buf, "kite") > 0);
  SHOW("sqrt(2) = %.6f, square %d", sqrt(2.0), SQUARE(7));
  uint8_t small = (uint8_t)300;
  int64_t big = INT64_MAX;
  SHOW("%u %lld", small, (long long)big);
#if defined(__x86_64__) && __STDC_VERSION__ >= 201112L
  puts("x86-64, C11");
#else
  puts("unexpected predefined macros");
#endif
  return 0;
}

#include <stdio.h>
static int count = 1;
static int bump(void) { return count += 2; }
extern int shared_total;
const char *greeting = "hello";
int counter_next(void);
const char *counter_greeting(void);
int main(void) {
  int a = counter_next(), b = bump(), c = counter_next(), d = bump();
  printf("%d %d %d %d %d %s\n", a, b, c, d, shared_total, counter_greeting());
  return 0;
}

// GNU alias attributes and asm labels: other names for functions and objects defined in the
// same translation unit; they share the address and the storage.
#include <stdio.h>

int counter = 5;
extern int counter_alias __attribute__((alias("counter")));
static int table[3] = {1, 2, 3};
extern int table_alias[3] __attribute__((alias("table")));

int twice(int x) { return 2 * x; }
int twice_alias(int) __attribute__((alias("twice")));
static int hidden(void) { return 42; }
static int hidden_alias(void) __attribute__((alias("hidden")));
int by_asm(int) __asm__("twice");
extern int counter_asm __asm__("counter");

int main(void) {
  counter_alias += 2;
  table_alias[1] = 20;
  printf("%d %d %d\n", counter, counter_alias, counter_asm);
  printf("%d %d %d\n", table[0], table[1], table_alias[2]);
  printf("%d %d %d\n", twice(3), twice_alias(4), by_asm(5));
  printf("%d %d\n", hidden(), hidden_alias());
  printf("%d %d %d\n", &counter == &counter_alias, twice == twice_alias, (void *)table == (void *)table_alias);
  return 0;
}

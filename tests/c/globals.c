// Globals with initializers, string literals, static locals.
int printf(const char *, ...);

int counter = 5;
int table[5] = {1, 2, 3};
char greeting[] = "hello, " "world";
const char *names[] = {"zero", "one", "two"};
double weights[2] = {0.5, 1.25};
int *ptr = &table[2];
struct pair { int k; const char *v; } pairs[] = {{1, "a"}, {2, "b"}};
long big = -1234567890123L;
unsigned char bytes[4] = {255, 128, 1};
int zeros[100];
static int hidden = 3;

int next(void) {
  static int n = 10;
  return n++;
}

int main(void) {
  printf("%d %d %d %d\n", counter, table[0], table[2], table[4]);
  printf("%s %d\n", greeting, (int)sizeof greeting);
  printf("%s %s\n", names[1], names[2]);
  printf("%.2f %.2f\n", weights[0], weights[1]);
  printf("%d\n", *ptr);
  printf("%d %s %d %s\n", pairs[0].k, pairs[0].v, pairs[1].k, pairs[1].v);
  printf("%ld %d %d %d\n", big, bytes[0], bytes[1], bytes[3]);
  printf("%d %d\n", zeros[99], hidden);
  int a = next(), b = next(), c = next();
  printf("%d %d %d\n", a, b, c);
  counter += 10;
  printf("%d\n", counter);
  const char *s = "esc\t\"q\"\\\101\x42";
  printf("%s\n", s);
  printf("%d\n", (int)sizeof(names) / (int)sizeof(names[0]));
  return 0;
}

// C11 _Generic (the controlling expression's type after lvalue conversion: arrays and
// functions decay, qualifiers go), typeof of expressions and types, __func__ and its gcc
// spellings, _Static_assert, qualified types in casts, and volatile locals kept in memory (their
// value survives longjmp).
#include <setjmp.h>
#include <stdio.h>

#define TYPE_NAME(x) _Generic((x), \
  int: "int", unsigned: "unsigned", long: "long", char: "char", double: "double", float: "float", \
  char*: "char*", const char*: "const char*", int*: "int*", int (*)(void): "int(*)(void)", default: "other")

_Static_assert(sizeof(int) == 4, "int is 32 bits");
struct with_assert {
  int a;
  _Static_assert(sizeof(long) == 8, "long is 64 bits");
  int b;
};

static int seven(void) { return 7; }

static jmp_buf env;
static void jump(void) { longjmp(env, 1); }

static const char* who(void) { return __func__; }

int main(void) {
  const int ci = 1;
  int arr[4];
  char buf[8];
  const char* cs = "x";
  short sh = 2;
  printf("%s %s %s %s\n", TYPE_NAME(ci), TYPE_NAME(1u), TYPE_NAME(2L), TYPE_NAME('c'));
  printf("%s %s %s %s\n", TYPE_NAME(arr), TYPE_NAME(buf), TYPE_NAME(cs), TYPE_NAME(seven));
  printf("%s %s %s\n", TYPE_NAME(1.0), TYPE_NAME(1.0f), TYPE_NAME(sh));
  printf("%s\n", TYPE_NAME(sh + 1));  // promoted to int
  int side = 0;
  (void)_Generic(side++, int: 1, default: 2);  // not evaluated
  printf("side=%d\n", side);
  // The type of ?: with pointer operands: qualifiers combine, void* wins unless it is a null
  // pointer constant, an incomplete array type completes; a void arm makes the whole void.
  printf("%s ", _Generic(0 ? (const int*)0 : (volatile int*)0, const volatile int*: "cv", default: "other"));
  printf("%s ", _Generic(0 ? (int*)0 : (void*)0, int*: "int*", default: "other"));
  printf("%s ", _Generic(0 ? (int*)0 : (const void*)0, const void*: "const void*", default: "other"));
  printf("%s\n", _Generic(0 ? (int(*)[4])0 : (int(*)[])0, int(*)[4]: "int(*)[4]", default: "other"));
  side ? printf("not printed\n") : (void)0;
  printf("generic value=%d\n", _Generic(1.0, float: 1, double: 2, default: 3) + 10);

  typeof(ci) tci = 5;  // const int
  __typeof__(arr) arr2 = {1, 2, 3, 4};
  __typeof(int*) ip = &arr2[1];
  typeof(seven)* fp = seven;
  typeof(arr[0] + 1.5) dbl = 2.25;
  printf("typeof: %d %zu %d %d %.2f %zu\n", tci, sizeof arr2, *ip, fp(), dbl, sizeof(typeof(sh)));
  struct { typeof(buf) name; } named = {"kite"};
  printf("member typeof: %s %zu\n", named.name, sizeof named.name);

  printf("%s %s %s %s\n", __func__, __FUNCTION__, __PRETTY_FUNCTION__, who());
  printf("sizeof __func__=%zu same object=%d\n", sizeof __func__, __func__ == __func__);
  _Static_assert(1, "block scope");
  printf("struct size=%zu\n", sizeof(struct with_assert));

  int x = 41;
  volatile int v = (volatile int)x + 1;
  *(volatile int*)&x = v;
  const int c2 = (const int)x;
  printf("volatile: %d %d %d\n", v, x, c2);
  volatile int counter = 0;
  if (setjmp(env) == 0) {
    counter = 5;
    jump();
  }
  printf("after longjmp: %d\n", counter);
  return 0;
}

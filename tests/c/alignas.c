// C11 _Alignas (6.7.5) with a constant or a type name, on file-scope and local objects and on
// members, and the alignment gcc gives a type name with an aligned attribute.
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

_Alignas(16) int g1;
int _Alignas(8) g2;
char _Alignas(double) g3;
int _Alignas(int __attribute__((aligned(16)))) g4;
alignas(16) static char g5[3];
struct s {
  char c;
  _Alignas(8) char d;
  int _Alignas(16) e;
};

int main(void) {
  _Alignas(16) char local[5];
  int _Alignas(long long) n = 1;
  printf("%d %d %d %d %d\n", (int)_Alignof(g1), (int)_Alignof(g2), (int)_Alignof(g3), (int)_Alignof(g4),
         (int)_Alignof(g5));
  printf("%d %d %d\n", (int)sizeof(struct s), (int)offsetof(struct s, d), (int)offsetof(struct s, e));
  printf("%d %d\n", (int)((uintptr_t)local % 16), (int)((uintptr_t)&n % 8));
  printf("%d\n", (int)_Alignof(struct s));
  return 0;
}

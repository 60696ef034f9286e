// GNU labels as values: &&label (a void*), goto *p, tables of label addresses in static and
// automatic arrays, label differences in a static table, and case ranges in switches.
#include <stdio.h>

// A tiny bytecode interpreter dispatched through a static table, as Lua's is.
static int run(const unsigned char* code) {
  static void* const dispatch[] = {&&op_push, &&op_add, &&op_mul, &&op_halt};
  int stack[16], sp = 0;
  const unsigned char* pc = code;
#define NEXT goto *dispatch[*pc++]
  NEXT;
op_push:
  stack[sp++] = *pc++;
  NEXT;
op_add:
  sp--;
  stack[sp - 1] += stack[sp];
  NEXT;
op_mul:
  sp--;
  stack[sp - 1] *= stack[sp];
  NEXT;
op_halt:
  return stack[sp - 1];
#undef NEXT
}

// Offsets from one label, as gcc's own sources use: a position-independent table.
static int by_offset(int i) {
  static const long offsets[] = {&&ten - &&base, &&twenty - &&base, &&thirty - &&base};
  goto *(&&base + offsets[i]);
base:
  return -1;
ten:
  return 10;
twenty:
  return 20;
thirty:
  return 30;
}

static const char* classify(int c) {
  switch (c) {
    case '0' ... '9': return "digit";
    case 'a' ... 'z':
    case 'A' ... 'Z': return "letter";
    case ' ': return "space";
    default: return "other";
  }
}

static int sparse(long v) {
  switch (v) {
    case -1000 ... -10: return 1;
    case 5: return 2;
    case 100000 ... 200000: return 3;
    case 5 + 1 ... 5 + 1: return 4;
    default: return 0;
  }
}

int main(void) {
  const unsigned char prog[] = {0, 6, 0, 7, 2, 0, 3, 1, 3};  // 6 * 7 + 3
  printf("run=%d\n", run(prog));
  printf("by_offset: %d %d %d\n", by_offset(0), by_offset(1), by_offset(2));
  void* local[] = {&&a, &&b, &&c};
  int trace = 0;
  for (int i = 2; i >= 0; i--) {
    goto *local[i];
  a:
    trace = trace * 10 + 1;
    continue;
  b:
    trace = trace * 10 + 2;
    continue;
  c:
    trace = trace * 10 + 3;
  }
  printf("trace=%d\n", trace);
  void* p = &&a;
  printf("same label, same address: %d\n", p == local[0]);
  printf("distinct labels differ: %d\n", local[0] != local[1]);
  const char* s = "a Z 7 ?";
  for (const char* q = s; *q; q++) printf("%c:%s ", *q, classify(*q));
  printf("\n");
  printf("sparse: %d %d %d %d %d %d\n", sparse(-500), sparse(5), sparse(150000), sparse(6), sparse(7), sparse(-5));
  return 0;
}

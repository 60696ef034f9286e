/* <pthread.h> compiles (its aligned typedefs and weak declarations), and threads run Kite's
   code: each worker sums its own range; aligned(N) on typedefs and objects as gcc lays them. */
#include <pthread.h>
#include <stdio.h>

typedef struct { char c[3]; } three;
typedef three three16 __attribute__((aligned(16)));
typedef int int16 __attribute__((aligned(16)));

struct job {
  long from, to, sum;
};

static void *work(void *p) {
  struct job *j = p;
  for (long i = j->from; i < j->to; i++) j->sum += i;
  return j;
}

int main(void) {
  pthread_t t[4];
  struct job jobs[4];
  for (int i = 0; i < 4; i++) {
    jobs[i] = (struct job){i * 1000, (i + 1) * 1000, 0};
    if (pthread_create(&t[i], 0, work, &jobs[i]) != 0) return 1;
  }
  long total = 0;
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    total += ((struct job *)r)->sum;
  }
  printf("total %ld\n", total);
  char pad = 1;
  int16 v = 2;
  static char g __attribute__((aligned(8))) = 3;
  printf("%zu %zu %zu %zu %d %d %d\n", sizeof(three16), _Alignof(three16), sizeof(int16), _Alignof(int16),
         (int)((long)&v % 16), (int)((long)&g % 8), pad + v + g);
  return 0;
}

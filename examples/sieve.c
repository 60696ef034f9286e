/* The sieve of Eratosthenes in C: `kite run examples/sieve.c [ITERATIONS]` compiles this file
   with Kite's C front end, JIT-compiles it and runs it. It prints the number of primes the
   classic benchmark finds (819,000 flags: odd numbers 3 .. 1,638,001) and how long the
   iterations took; examples/sieve.mir is the same program written in IR text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { kFlags = 819000 };

static long sieve(long iterations) {
  static unsigned char flags[kFlags];
  long count = 0;
  for (long iter = 0; iter < iterations; iter++) {
    count = 0;
    memset(flags, 1, sizeof flags);
    for (long i = 0; i < kFlags; i++) {
      if (!flags[i]) continue;
      long prime = i + i + 3;
      for (long k = i + prime; k < kFlags; k += prime) flags[k] = 0;
      count++;
    }
  }
  return count;
}

int main(int argc, char **argv) {
  long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
  clock_t start = clock();
  long primes = sieve(iterations);
  double ms = (double)(clock() - start) * 1000.0 / CLOCKS_PER_SEC;
  printf("sieve: %ld primes, %ld iterations in %.1f ms\n", primes, iterations, ms);
  return primes == 123814 ? 0 : 1;
}

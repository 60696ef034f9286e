/* C11 atomics: _Atomic as qualifier and specifier, the operators on atomic objects, gcc's
   __atomic and __sync builtins, <stdatomic.h>, and threads sharing counters. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

_Atomic int g_int = 7;
_Atomic(unsigned long) g_ulong = 1;
static _Atomic(short) g_short;

struct holder {
  char tag;
  atomic_uchar uc;
  atomic_ushort us;
  atomic_uint ui;
  atomic_size_t ul;
  _Atomic(int *) ptr;
  atomic_flag flag;
};

static void forms(void) {
  _Atomic int a = 1;
  int _Atomic b = 2;
  _Atomic(long long) c = 3;
  const _Atomic int d = 4;
  int *_Atomic p = 0;
  _Atomic(char) e = 'x';
  _Atomic _Bool f = 5;
  _Atomic float fl = 1.25f;
  _Atomic double db = 2.5;
  typedef _Atomic unsigned short aus;
  aus h = 65535;
  printf("sizes %zu %zu %zu %zu %zu %zu %zu %zu %zu\n", sizeof a, sizeof b, sizeof c, sizeof d, sizeof p, sizeof e,
         sizeof f, sizeof fl, sizeof(aus));
  printf("aligns %zu %zu %zu %zu %zu\n", _Alignof(_Atomic char), _Alignof(_Atomic short), _Alignof(atomic_int),
         _Alignof(_Atomic(long)), _Alignof(_Atomic(void *)));
  printf("values %d %d %lld %d %p %c %d %g %g %u\n", a, b, c, d, (void *)p, e, f, fl, db, h);
  fl = 3.5f;
  db = -0.125;
  f = 0;
  h = h + 2;
  printf("stored %g %g %d %u\n", fl, db, f, h);
  printf("generic %d %d\n", _Generic(a, int: 1, default: 0), _Generic(((void)0, c), long long: 1, default: 0));
  printf("globals %d %lu %d\n", g_int, g_ulong, g_short);
}

static void operators(void) {
  _Atomic int i = 10;
  int r = i++;
  printf("post %d now %d", r, i);
  r = ++i;
  printf(" pre %d", r);
  r = i--;
  printf(" post-dec %d", r);
  r = --i;
  printf(" pre-dec %d\n", r);
  r = i += 5;
  printf("+= %d", r);
  r = i -= 3;
  printf(" -= %d", r);
  r = i &= 12;
  printf(" &= %d", r);
  r = i |= 3;
  printf(" |= %d", r);
  r = i ^= 5;
  printf(" ^= %d\n", r);
  r = i *= 7;
  printf("*= %d", r);
  r = i /= 2;
  printf(" /= %d", r);
  r = i %= 8;
  printf(" %%= %d", r);
  r = i <<= 4;
  printf(" <<= %d", r);
  r = i >>= 2;
  printf(" >>= %d\n", r);
  _Atomic unsigned char uc = 250;
  uc += 10;
  printf("uchar wraps %d\n", uc);
  uc -= 20;
  printf("uchar wraps back %d\n", uc);
  _Atomic signed char sc = 127;
  sc++;
  printf("schar %d\n", sc);
  _Atomic short s = -3;
  s *= 1000;
  printf("short %d\n", s);
  _Atomic _Bool bo = 0;
  bo++;
  printf("bool ++ %d\n", bo);
  bo--;
  printf("bool -- %d\n", bo);
  _Atomic long l = 1;
  l <<= 40;
  l += 2;
  printf("long %ld\n", l);
  _Atomic unsigned u = 1;
  u -= 2;
  printf("unsigned %u\n", u);
  g_int += 3;
  g_ulong *= 3;
  g_short--;
  printf("globals %d %lu %d\n", g_int, g_ulong, g_short);
}

static void pointers(void) {
  int arr[6] = {10, 11, 12, 13, 14, 15};
  _Atomic(int *) ap = arr;
  printf("ptr %d", *ap++);
  printf(" %d", *ap);
  printf(" %d", *++ap);
  ap += 2;
  printf(" %d", *ap);
  ap -= 3;
  printf(" %d", *ap);
  printf(" %d\n", *--ap);
  /* gcc's __atomic_fetch_add (and <stdatomic.h>'s atomic_fetch_add over it) add bytes. */
  int *old = __atomic_fetch_add(&ap, sizeof(int) * 2, __ATOMIC_SEQ_CST);
  printf("fetch_add %d -> %d\n", *old, *ap);
  old = atomic_fetch_sub(&ap, sizeof(int));
  printf("fetch_sub %d -> %d\n", *old, *ap);
  int *plain = arr;
  int *res = __atomic_add_fetch(&plain, 3 * sizeof(int), __ATOMIC_RELAXED);
  printf("add_fetch %d %d\n", *res, *plain);
  int *want = arr + 3;
  printf("cas ptr %d", __atomic_compare_exchange_n(&plain, &want, arr + 5, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
  printf(" %d\n", *plain);
  struct holder h = {0};
  atomic_init(&h.ptr, arr);
  h.ptr++;
  printf("member ptr %d\n", *h.ptr);
}

static void builtins(void) {
  int x = 5;
  long y = 100;
  unsigned char c = 0xf0;
  printf("load %d %ld %d\n", __atomic_load_n(&x, __ATOMIC_RELAXED), __atomic_load_n(&y, __ATOMIC_ACQUIRE),
         __atomic_load_n(&c, __ATOMIC_SEQ_CST));
  __atomic_store_n(&x, 6, __ATOMIC_RELEASE);
  printf("exchange %d", __atomic_exchange_n(&x, 9, __ATOMIC_ACQ_REL));
  printf(" %d\n", x);
  int expected = 8;
  int ok = __atomic_compare_exchange_n(&x, &expected, 20, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
  printf("cas fail %d %d %d\n", ok, expected, x);
  ok = __atomic_compare_exchange_n(&x, &expected, 20, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
  printf("cas ok %d %d %d\n", ok, expected, x);
  printf("fetch_ %d", __atomic_fetch_add(&x, 1, 5));
  printf(" %d", __atomic_fetch_sub(&x, 2, 5));
  printf(" %d", __atomic_fetch_and(&x, 0x1e, 5));
  printf(" %d", __atomic_fetch_or(&x, 0x40, 5));
  printf(" %d", __atomic_fetch_xor(&x, 0xff, 5));
  printf(" %d", __atomic_fetch_nand(&x, 0x0f, 5));
  printf(" %d\n", x);
  x = 20;
  printf("_fetch %d", __atomic_add_fetch(&x, 1, 5));
  printf(" %d", __atomic_sub_fetch(&x, 2, 5));
  printf(" %d", __atomic_and_fetch(&x, 0x1e, 5));
  printf(" %d", __atomic_or_fetch(&x, 0x40, 5));
  printf(" %d", __atomic_xor_fetch(&x, 0xff, 5));
  printf(" %d\n", __atomic_nand_fetch(&x, 0x0f, 5));
  printf("uchar %d", __atomic_add_fetch(&c, 0x20, 5));
  printf(" %d\n", __atomic_fetch_sub(&c, 0x11, 5));
  signed char sc = -1;
  short sh = -2;
  printf("signed %d %d\n", __atomic_fetch_add(&sc, 1, 5), __atomic_sub_fetch(&sh, 1, 5));
  /* The generic forms, through pointers, for any object of 1, 2, 4 or 8 bytes. */
  double d = 1.5, d2 = 0, d3 = 4.25;
  __atomic_load(&d, &d2, __ATOMIC_SEQ_CST);
  printf("generic load %g", d2);
  __atomic_store(&d, &d3, __ATOMIC_SEQ_CST);
  printf(" store %g", d);
  d2 = 8.5;
  __atomic_exchange(&d, &d2, &d3, __ATOMIC_SEQ_CST);
  printf(" exchange %g %g", d, d3);
  double exp_d = 8.5, des_d = -1;
  ok = __atomic_compare_exchange(&d, &exp_d, &des_d, 0, 5, 5);
  printf(" cas %d %g\n", ok, d);
  struct pair { short a, b; } p1 = {1, 2}, p2 = {3, 4}, p3;
  __atomic_exchange(&p1, &p2, &p3, __ATOMIC_SEQ_CST);
  printf("struct %d %d %d %d\n", p1.a, p1.b, p3.a, p3.b);
  unsigned char flag = 0;
  printf("test_and_set %d", __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST));
  printf(" %d", __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST));
  __atomic_clear(&flag, __ATOMIC_SEQ_CST);
  printf(" %d\n", __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST));
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  __atomic_signal_fence(__ATOMIC_ACQUIRE);
  printf("lock free %d %d %d %d %d\n", __atomic_always_lock_free(1, 0), __atomic_always_lock_free(8, 0),
         __atomic_always_lock_free(16, 0), __atomic_is_lock_free(4, &x), __atomic_is_lock_free(sizeof d, &d));
  /* The legacy __sync builtins: full barriers. */
  long v = 10;
  printf("sync %ld", __sync_fetch_and_add(&v, 5));
  printf(" %ld", __sync_fetch_and_sub(&v, 1));
  printf(" %ld", __sync_fetch_and_or(&v, 0x100));
  printf(" %ld", __sync_fetch_and_and(&v, 0x10f));
  printf(" %ld", __sync_fetch_and_xor(&v, 3));
  printf(" %ld", __sync_fetch_and_nand(&v, 0xff));
  printf(" %ld\n", v);
  v = 10;
  printf("sync %ld", __sync_add_and_fetch(&v, 5));
  printf(" %ld", __sync_sub_and_fetch(&v, 1));
  printf(" %ld", __sync_or_and_fetch(&v, 0x100));
  printf(" %ld", __sync_and_and_fetch(&v, 0x10f));
  printf(" %ld", __sync_xor_and_fetch(&v, 3));
  printf(" %ld\n", __sync_nand_and_fetch(&v, 0xff));
  v = 3;
  printf("sync cas %d", __sync_bool_compare_and_swap(&v, 4, 7));
  printf(" %d", __sync_bool_compare_and_swap(&v, 3, 7));
  printf(" %ld", __sync_val_compare_and_swap(&v, 1, 2));
  printf(" %ld", __sync_val_compare_and_swap(&v, 7, 2));
  printf(" %ld\n", v);
  int lock = 0;
  printf("sync lock %d", __sync_lock_test_and_set(&lock, 1));
  printf(" %d", __sync_lock_test_and_set(&lock, 1));
  __sync_lock_release(&lock);
  __sync_synchronize();
  printf(" %d\n", lock);
}

static void stdatomic_macros(void) {
  atomic_int ai = ATOMIC_VAR_INIT(3);
  atomic_init(&ai, 4);
  atomic_store(&ai, 5);
  atomic_store_explicit(&ai, atomic_load(&ai) + 1, memory_order_release);
  printf("stdatomic %d", atomic_load_explicit(&ai, memory_order_acquire));
  printf(" %d", atomic_exchange(&ai, 10));
  printf(" %d", atomic_exchange_explicit(&ai, 11, memory_order_relaxed));
  int e = 0;
  int ok = atomic_compare_exchange_strong(&ai, &e, 1);
  printf(" %d %d", ok, e);
  printf(" %d", atomic_compare_exchange_weak_explicit(&ai, &e, 12, memory_order_seq_cst, memory_order_relaxed));
  while (!atomic_compare_exchange_weak(&ai, &e, 13)) {
  }
  printf(" %d\n", atomic_load(&ai));
  printf("fetch %d", atomic_fetch_add(&ai, 2));
  printf(" %d", atomic_fetch_sub_explicit(&ai, 1, memory_order_relaxed));
  printf(" %d", atomic_fetch_or(&ai, 0x20));
  printf(" %d", atomic_fetch_xor(&ai, 1));
  printf(" %d", atomic_fetch_and(&ai, 0x2f));
  printf(" %d\n", kill_dependency(ai));
  atomic_flag fl = ATOMIC_FLAG_INIT;
  printf("flag %d", atomic_flag_test_and_set(&fl));
  printf(" %d", atomic_flag_test_and_set_explicit(&fl, memory_order_acquire));
  atomic_flag_clear_explicit(&fl, memory_order_release);
  printf(" %d", atomic_flag_test_and_set(&fl));
  atomic_flag_clear(&fl);
  printf(" %d\n", atomic_flag_test_and_set(&fl));
  atomic_thread_fence(memory_order_seq_cst);
  atomic_signal_fence(memory_order_seq_cst);
  printf("lock free %d %d %d %d\n", ATOMIC_INT_LOCK_FREE, ATOMIC_POINTER_LOCK_FREE, ATOMIC_LLONG_LOCK_FREE,
         atomic_is_lock_free(&ai));
  memory_order mo = memory_order_seq_cst;
  printf("orders %d %d %d %d %d %d\n", memory_order_relaxed, memory_order_consume, memory_order_acquire,
         memory_order_release, memory_order_acq_rel, mo);
  atomic_llong ll = 1;
  atomic_bool b = 0;
  atomic_char ch = 'a';
  atomic_uintptr_t up = 0;
  atomic_int_least16_t l16 = -1;
  atomic_uint_fast32_t f32 = 0;
  ll <<= 62;
  b = !b;
  ch += 2;
  up |= 8;
  l16 -= 1;
  f32--;
  printf("types %lld %d %c %lu %d %lu\n", ll, b, ch, (unsigned long)up, l16, (unsigned long)f32);
}

/* Threads: each adds to shared counters in several ways; the totals must be exact. */
enum { kThreads = 4, kSteps = 20000 };
static struct holder shared;
static atomic_long with_ops;
static long with_sync, with_cas, with_lock;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < kSteps; i++) {
    with_ops++;
    ++shared.ui;
    shared.ul += 2;
    atomic_fetch_add_explicit(&shared.us, 1, memory_order_relaxed);
    __sync_fetch_and_add(&with_sync, 1);
    long seen = __atomic_load_n(&with_cas, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&with_cas, &seen, seen + 3, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
    }
    while (atomic_flag_test_and_set_explicit(&shared.flag, memory_order_acquire)) {
    }
    with_lock++;
    shared.tag++;
    atomic_flag_clear_explicit(&shared.flag, memory_order_release);
  }
  return NULL;
}

static void threads(void) {
  pthread_t t[kThreads];
  atomic_flag_clear(&shared.flag);
  for (int i = 0; i < kThreads; i++)
    if (pthread_create(&t[i], NULL, worker, NULL) != 0) printf("pthread_create failed\n");
  for (int i = 0; i < kThreads; i++) pthread_join(t[i], NULL);
  printf("threads %ld %u %zu %u %ld %ld %ld %d\n", (long)with_ops, (unsigned)shared.ui, (size_t)shared.ul,
         (unsigned)shared.us, with_sync, with_cas, with_lock, shared.tag);
}

int main(void) {
  forms();
  operators();
  pointers();
  builtins();
  stdatomic_macros();
  threads();
  return 0;
}

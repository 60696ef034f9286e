// Integer promotions and the usual arithmetic conversions.
int printf(const char *, ...);

int main(void) {
  unsigned u = 1;
  int i = -1;
  printf("%d\n", i < u);               // -1 converts to UINT_MAX: 0
  printf("%d\n", (long)i < (long)u);   // 1
  unsigned char c = 255;
  c++;
  printf("%d\n", c);                   // wraps to 0
  char ch = 'a';
  printf("%d %c\n", ch + 1, ch + 1);
  signed char sc = -128;
  sc--;
  printf("%d\n", sc);                  // 127
  short s = 32767;
  s += 1;
  printf("%d\n", s);                   // -32768
  printf("%d %d\n", -7 / 2, -7 % 2);   // -3 -1
  printf("%u %u\n", 7u / 2, (unsigned)-7 % 3u);
  unsigned big = 4000000000u;
  printf("%u\n", big + big);           // wraps
  printf("%lu\n", (unsigned long)big * 3);
  printf("%d\n", 1 << 30);
  printf("%d %u\n", -16 >> 2, 0x80000000u >> 4);
  long l = -1;
  printf("%ld %lu\n", l, (unsigned long)l);
  printf("%d\n", (unsigned short)-1 == 65535);
  printf("%d\n", sizeof(1 + 'a') == sizeof(int));
  printf("%d %d\n", (int)sizeof(long), (int)sizeof(long long));
  printf("%d\n", 0xFFFFFFFF > 0);      // unsigned int constant
  printf("%d\n", -1 < 0u);             // 0
  printf("%ld\n", 2147483648 - 1);     // long constant
  int x = 0x7fffffff;
  unsigned ux = (unsigned)x + 1u;
  printf("%u\n", ux);
  _Bool b = 256;
  printf("%d\n", b);
  double d = -3.7;
  printf("%d %d\n", (int)d, (int)-d);
  float f = 1.0f / 3;
  printf("%.6f\n", f);
  printf("%d\n", (char)300);
  printf("%d %d\n", ~0, !5);
  int neg = -5;
  printf("%u\n", neg);
  printf("%d\n", '\n' + '\x41' + '\101');
  return 0;
}

// Wide and Unicode character and string literals, compared with gcc -O0.
#include <stdio.h>
#include <wchar.h>
#include <uchar.h>
int main(void) {
  wchar_t s[] = L"hello$$你好¢¢世界€€world";
  for (wchar_t *p = s; *p; p++) printf("%04X ", (unsigned)*p);
  printf("\n%zu %zu %zu %zu\n", sizeof(L"ab"), sizeof(u"ab"), sizeof(U"ab"), sizeof(u8"é"));
  char16_t a[] = u"x\U0001F600y";
  for (unsigned i = 0; i < sizeof a / 2; i++) printf("%04x ", a[i]);
  char32_t b[] = U"\u00e9" "z";
  printf("\n%x %x %x\n", b[0], b[1], b[2]);
  const char *n = "\u00e9\xff";
  for (; *n; n++) printf("%02x ", (unsigned char)*n);
  printf("\n%d %d %d %d %d\n", 'ab', L'\xffffffff', (int)u'\xffff', L'é', (int)sizeof(u'a'));
  printf("%ls|\n", L"wide" L" cat");
  const wchar_t *wp = L"abc" "def";
  printf("%d %d\n", wp[3], (int)wcslen(wp));
  static const wchar_t *ws = L"static";
  static char16_t c16[8] = u"\x41\101";
  printf("%ls %x %x %d\n", ws, c16[0], c16[1], c16[2]);
  printf("%zu %d %d\n", sizeof(L'a'), U'\U0010FFFF' == 0x10FFFF, u8"\u00e9"[1] & 0xff);
  return L'\0';
}

/* Kite's <limits.h> (C11 7.10 / 5.2.4.2.1) for x86-64 (LP64, signed char). Complete on its own;
   it then lets glibc's <limits.h> add the POSIX limits, which glibc does only when
   _GCC_LIMITS_H_ says that the compiler's part is in place (as gcc's own header does). */
#ifndef _KITE_LIMITS_H
#define _KITE_LIMITS_H 1
#define _GCC_LIMITS_H_ 1
#define CHAR_BIT 8
#define MB_LEN_MAX 16
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MIN (-INT_MAX - 1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U
#define LONG_MIN (-LONG_MAX - 1L)
#define LONG_MAX 9223372036854775807L
#define ULONG_MAX 18446744073709551615UL
#define LLONG_MIN (-LLONG_MAX - 1LL)
#define LLONG_MAX 9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL
#endif
#if __STDC_HOSTED__ && !defined _LIBC_LIMITS_H_
#include_next <limits.h>
#endif

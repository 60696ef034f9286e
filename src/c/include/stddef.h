/* Kite's <stddef.h> (C11 7.19). glibc's headers define __need_size_t and the like before
   including it to get one definition only; those requests are honoured as gcc's header does. */
#if !defined __need_size_t && !defined __need_ptrdiff_t && !defined __need_wchar_t && \
    !defined __need_NULL && !defined __need_wint_t && !defined __need_max_align_t
#define __KITE_STDDEF_ALL 1
#endif

#if (defined __KITE_STDDEF_ALL || defined __need_size_t) && !defined __KITE_SIZE_T
#define __KITE_SIZE_T 1
#define _SIZE_T
#define _SIZE_T_DEFINED
typedef __SIZE_TYPE__ size_t;
#endif
#if (defined __KITE_STDDEF_ALL || defined __need_ptrdiff_t) && !defined __KITE_PTRDIFF_T
#define __KITE_PTRDIFF_T 1
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#if (defined __KITE_STDDEF_ALL || defined __need_wchar_t) && !defined __KITE_WCHAR_T
#define __KITE_WCHAR_T 1
#define _WCHAR_T
#define __WCHAR_T
typedef __WCHAR_TYPE__ wchar_t;
#endif
#if defined __need_wint_t && !defined _WINT_T
#define _WINT_T 1
typedef __WINT_TYPE__ wint_t;
#endif
#if defined __KITE_STDDEF_ALL || defined __need_NULL
#undef NULL
#define NULL ((void *)0)
#endif
#if (defined __KITE_STDDEF_ALL || defined __need_max_align_t) && !defined __KITE_MAX_ALIGN_T
#define __KITE_MAX_ALIGN_T 1
typedef struct {  /* long double's 16-byte alignment is the largest; no attribute needed */
  long long __max_align_ll;
  long double __max_align_ld;
} max_align_t;
#endif
#if defined __KITE_STDDEF_ALL && !defined offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

#undef __KITE_STDDEF_ALL
#undef __need_size_t
#undef __need_ptrdiff_t
#undef __need_wchar_t
#undef __need_wint_t
#undef __need_NULL
#undef __need_max_align_t

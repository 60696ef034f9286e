#include <limits.h>
#define GREET(who) greet(#who, GREETING)
int x = INT_MAX; GREET(world);
#ifdef MISSING
#error MISSING is defined
#endif

// Names with internal linkage stay in their file; external ones are shared.
static int count = 100;            // main.c has its own `count`
static int bump(void) { return ++count; }
int shared_total;                  // defined here, declared extern in main.c
extern const char *greeting;       // defined in main.c
int counter_next(void) { shared_total += 10; return bump(); }
const char *counter_greeting(void) { return greeting; }

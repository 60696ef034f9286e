// -fcommon (in `flags`): tentative definitions of one name in several files are one object,
// and an initialized definition elsewhere is that object.
int counter;          // tentative here and in b.c: one object
int initialized;      // tentative here, initialized in b.c
int table[4];
void bump(void) { counter++; table[1] += 2; }
int read_initialized(void) { return initialized; }

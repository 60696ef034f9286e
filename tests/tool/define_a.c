// gcc 12 (-fno-common): a second definition of tentative_twice is a link error.
int tentative_twice;
int main(void) { return tentative_twice; }

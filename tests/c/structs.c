// Structs and unions: layout, member access, copies, nested and self-referential structs.
int printf(const char *, ...);
void *malloc(unsigned long);
void free(void *);

struct point { int x, y; };
struct mixed { char c; double d; short s; };
struct node { int value; struct node *next; };
union u { int i; float f; unsigned char bytes[4]; };
struct outer { int a; struct point p; char tag[3]; };

struct point mid;

int dist2(struct point *a, struct point *b) {
  int dx = a->x - b->x, dy = a->y - b->y;
  return dx * dx + dy * dy;
}

int main(void) {
  struct point a = {1, 2}, b;
  b.x = 4;
  b.y = 6;
  printf("%d\n", dist2(&a, &b));
  printf("%d %d\n", (int)sizeof(struct mixed), (int)sizeof(struct outer));
  struct mixed m;
  printf("%d %d\n", (int)((char *)&m.d - (char *)&m), (int)((char *)&m.s - (char *)&m));
  struct point c = a;
  c.x = 100;
  printf("%d %d\n", a.x, c.x);
  mid = b;
  printf("%d %d\n", mid.x, mid.y);
  struct node *head = 0;
  for (int i = 0; i < 5; i++) {
    struct node *n = malloc(sizeof *n);
    n->value = i;
    n->next = head;
    head = n;
  }
  int total = 0;
  for (struct node *n = head; n; n = n->next) total = total * 10 + n->value;
  printf("%d\n", total);
  while (head) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
  union u x;
  x.f = 1.0f;
  printf("%x %d\n", x.i, (int)sizeof x);
  x.i = 0x01020304;
  printf("%d %d\n", x.bytes[0], x.bytes[3]);
  struct outer o = {7, {8, 9}, "ab"};
  printf("%d %d %d %s\n", o.a, o.p.x, o.p.y, o.tag);
  struct outer o2;
  o2 = o;
  o2.p.y = 42;
  printf("%d %d\n", o.p.y, o2.p.y);
  struct point arr[3] = {{1, 2}, {3, 4}, {5, 6}};
  struct point *pp = arr;
  printf("%d %d\n", pp[2].x, (pp + 1)->y);
  return 0;
}

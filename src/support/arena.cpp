// Arena chunk management; the fast path is inline in arena.h.
#include "kite/arena.h"

#include <cstdio>
#include <cstdlib>

#include "kite/assert.h"

namespace kite {

void assert_fail(const char* file, int line, const char* cond, const char* msg) {
  fprintf(stderr, "%s:%d: internal error: %s (%s)\n", file, line, msg, cond);
  abort();  // an internal invariant, not bad input: see DESIGN.md section 6
}

Arena::~Arena() {
  while (chunks_) {
    Chunk* prev = chunks_->prev;
    free(chunks_);
    chunks_ = prev;
  }
}

void* Arena::allocate_slow(size_t size, size_t align) {
  // Chunks grow geometrically (4 KiB .. 1 MiB) so small contexts stay small.
  size_t want = chunks_ ? chunks_->size * 2 : 4096;
  if (want > (1u << 20)) want = 1u << 20;
  size_t need = size + align + sizeof(Chunk);
  if (want < need) want = need;
  Chunk* c = static_cast<Chunk*>(malloc(want));
  KITE_ASSERT(c != nullptr, "out of memory");
  c->prev = chunks_;
  c->size = want;
  chunks_ = c;
  reserved_ += want;
  cur_ = reinterpret_cast<char*>(c + 1);
  end_ = reinterpret_cast<char*>(c) + want;
  return allocate(size, align);
}

void Arena::reset() {
  while (chunks_ && chunks_->prev) {
    Chunk* prev = chunks_->prev;
    reserved_ -= chunks_->size;
    free(chunks_);
    chunks_ = prev;
  }
  if (chunks_) {
    cur_ = reinterpret_cast<char*>(chunks_ + 1);
    end_ = reinterpret_cast<char*>(chunks_) + chunks_->size;
  }
}

}  // namespace kite

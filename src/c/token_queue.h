// The parser's lookahead: a FIFO of tokens in a ring buffer whose capacity is a power of two.
// The parser peeks one or two tokens ahead nearly always (a run of adjacent string literals is
// the longest lookahead), so the ring stays a few entries long and every operation is a mask
// and an index, with no allocation after the first; std::deque spent a third of the time of
// compiling oggenc.c in its block bookkeeping.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "token.h"

namespace kite::c {

class TokenQueue {
 public:
  TokenQueue() : ring_(kInitialCapacity) {}

  size_t size() const { return tail_ - head_; }
  bool empty() const { return head_ == tail_; }
  const Token& operator[](size_t k) const {
    assert(k < size());
    return ring_[(head_ + k) & mask()];
  }
  const Token& front() const { return (*this)[0]; }

  void push_back(const Token& t) {
    if (size() == ring_.size()) grow();
    ring_[tail_++ & mask()] = t;
  }
  void pop_front() {
    assert(!empty());
    head_++;
  }
  void clear() { head_ = tail_ = 0; }

 private:
  static constexpr size_t kInitialCapacity = 16;
  size_t mask() const { return ring_.size() - 1; }
  // Doubles the ring, moving the live tokens to its start in order.
  void grow() {
    std::vector<Token> bigger(ring_.size() * 2);
    for (size_t i = 0; i < size(); i++) bigger[i] = (*this)[i];
    tail_ = size();
    head_ = 0;
    ring_.swap(bigger);
  }

  std::vector<Token> ring_;
  uint64_t head_ = 0, tail_ = 0;  // positions ever pushed/popped; the ring index is pos & mask
};

}  // namespace kite::c

// Shared by the benchmarks: the sieve program's text (bench/programs/sieve.mir).
#pragma once
#include <fstream>
#include <sstream>
#include <string>

inline std::string sieve_text() {
  std::ifstream in(KITE_BENCH_DIR "/sieve.mir");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Golden filetests: see runner.cpp for the file format.
#pragma once
#include <string>

namespace kite::filetest {

struct Result {
  bool ok = false;
  bool skipped = false;  // needs something this build lacks (e.g. a disassembler)
  std::string report;   // what went wrong, for humans
  std::string blessed;  // the file with its expectations rewritten from this run
};

Result run_filetest(const std::string& path, const std::string& text);

}  // namespace kite::filetest

// The Diagnostics sink: every error in user input (text, API-built IR, later C and links) is
// reported here as `file:line:col: error: message`, never by exiting or crashing.
#pragma once
#include <cstdarg>
#include <cstdint>
#include <string>
#include <vector>

namespace kite {

enum class Severity : uint8_t { Error, Warning, Note };

struct Diagnostic {
  Severity severity;
  std::string file;  // may be empty for API-built IR
  uint32_t line;     // 1-based; 0 = no location
  uint32_t col;      // 1-based; 0 = unknown column
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(size_t error_limit = 50) : error_limit_(error_limit) {}

  // printf-style; lower case, no final period (DESIGN.md section 6).
  void error(std::string_view file, uint32_t line, uint32_t col, const char* fmt, ...)
      __attribute__((format(printf, 5, 6)));
  void add(Severity sev, std::string_view file, uint32_t line, uint32_t col, const char* fmt, va_list ap);

  bool has_errors() const { return errors_ != 0; }
  size_t error_count() const { return errors_; }
  bool at_limit() const { return errors_ >= error_limit_; }
  const std::vector<Diagnostic>& list() const { return list_; }
  void clear() {
    list_.clear();
    errors_ = 0;
  }

  // `file:line:col: error: message`, one line, no source excerpt.
  static std::string format(const Diagnostic& d);
  // The same plus the source line and a caret under the column, when source is given.
  static std::string render(const Diagnostic& d, std::string_view source);

 private:
  std::vector<Diagnostic> list_;
  size_t errors_ = 0;
  size_t error_limit_;
};

}  // namespace kite

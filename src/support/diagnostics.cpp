// Collecting and formatting diagnostics.
#include "kite/diagnostics.h"

#include <cstdio>

namespace kite {

void Diagnostics::error(std::string_view file, uint32_t line, uint32_t col, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(Severity::Error, file, line, col, fmt, ap);
  va_end(ap);
}

void Diagnostics::add(Severity sev, std::string_view file, uint32_t line, uint32_t col, const char* fmt, va_list ap) {
  if (sev == Severity::Error) {
    if (errors_ >= error_limit_) return;
    errors_++;
  }
  char buf[512];
  vsnprintf(buf, sizeof buf, fmt, ap);
  list_.push_back(Diagnostic{sev, std::string(file), line, col, buf});
  if (sev == Severity::Error && errors_ == error_limit_)
    list_.push_back(Diagnostic{Severity::Note, std::string(file), 0, 0, "too many errors; stopping here"});
}

static const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

std::string Diagnostics::format(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("<api>") : d.file;
  char loc[48];
  if (d.line) {
    if (d.col)
      snprintf(loc, sizeof loc, ":%u:%u", d.line, d.col);
    else
      snprintf(loc, sizeof loc, ":%u", d.line);
    out += loc;
  }
  out += ": ";
  out += severity_name(d.severity);
  out += ": ";
  out += d.message;
  return out;
}

std::string Diagnostics::render(const Diagnostic& d, std::string_view source) {
  std::string out = format(d);
  out += '\n';
  if (d.line == 0 || source.empty()) return out;
  size_t pos = 0;
  for (uint32_t l = 1; l < d.line && pos < source.size(); pos++)
    if (source[pos] == '\n') l++;
  if (pos >= source.size() && d.line > 1) return out;
  size_t end = source.find('\n', pos);
  if (end == std::string_view::npos) end = source.size();
  std::string_view text = source.substr(pos, end - pos);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  out += "  ";
  for (char c : text) out += (static_cast<unsigned char>(c) < 32 && c != '\t') ? ' ' : c;
  out += '\n';
  if (d.col) {
    out += "  ";
    for (uint32_t i = 1; i < d.col && i - 1 < text.size(); i++) out += text[i - 1] == '\t' ? '\t' : ' ';
    out += "^\n";
  }
  return out;
}

}  // namespace kite

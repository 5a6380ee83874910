// Line iteration over database text that may be truncated or hostile: lines
// longer than kMaxLineLength are reported instead of being processed.
#pragma once

#include <cstddef>
#include <string_view>

namespace ballast::attribution {

inline constexpr std::size_t kMaxLineLength = 64 * 1024;

// Calls f(line, line_number) for each line ("\r\n" and "\n" endings).
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    f(line, ++number);
    start = end + 1;
  }
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace ballast::attribution

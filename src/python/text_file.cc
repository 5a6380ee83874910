#include "python/text_file.h"

#include <fstream>
#include <iterator>
#include <regex>

namespace ballast::python {

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

int first_invalid_utf8_line(std::string_view text) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') ++line;
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || c == 0xC0 || c == 0xC1 || c > 0xF4) return line;
    for (int k = 1; k <= extra; ++k) {
      if (i + static_cast<size_t>(k) >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return line;
    }
    i += static_cast<size_t>(extra) + 1;
  }
  return 0;
}

std::string coding_declaration(std::string_view text) {
  // PEP 263: "^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)" on line 1 or 2.
  static const std::regex kCookie(R"(^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+))");
  size_t start = 0;
  for (int line = 0; line < 2 && start <= text.size(); ++line) {
    size_t end = text.find('\n', start);
    std::string current(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    std::smatch m;
    if (std::regex_search(current, m, kCookie)) return m[1].str();
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return "";
}

}  // namespace ballast::python

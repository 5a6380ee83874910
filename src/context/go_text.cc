#include "context/go_text.h"

#include "util/utf8.h"

#include <vector>

namespace ballast::context {

char32_t decode_rune(std::string_view s, std::size_t pos, std::size_t* width) {
  utf8::Rune r = utf8::decode(s, pos);
  *width = r.width;
  return r.value;
}

void append_rune(std::string& out, char32_t r) { utf8::append(out, r); }

namespace {

// unicode.IsSpace: the Unicode White_Space property.
bool is_go_space(char32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

}  // namespace

std::string_view go_trim_space(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t w;
    char32_t r = decode_rune(s, begin, &w);
    if (!is_go_space(r) || (r == kRuneError && w == 1)) break;
    begin += w;
  }
  std::size_t end = s.size();
  while (end > begin) {
    // Step back to the start of the last rune.
    std::size_t start = end - 1;
    while (start > begin && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t w;
    char32_t r = decode_rune(s, start, &w);
    if (start + w != end) {  // not a whole rune: the last byte is invalid on its own
      break;
    }
    if (!is_go_space(r) || (r == kRuneError && w == 1)) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

std::string go_clean(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = i;
    while (j < path.size() && path[j] != '/') ++j;
    std::string_view elem = path.substr(i, j - i);
    i = j;
    if (elem.empty() || elem == ".") continue;
    if (elem == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(elem);  // leading ".." of a relative path stays
      }
      continue;
    }
    parts.push_back(elem);
  }
  std::string out;
  out.reserve(path.size() + 1);
  if (rooted) out.push_back('/');
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) out.push_back('/');
    out.append(parts[k].data(), parts[k].size());
  }
  if (out.empty()) out.push_back('.');
  return out;
}

}  // namespace ballast::context

#include "context/go_text.h"

#include <vector>

namespace ballast::context {

char32_t decode_rune(std::string_view s, std::size_t pos, std::size_t* width) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const std::size_t left = s.size() - pos;
  const unsigned char b0 = byte(pos);
  *width = 1;
  if (b0 < 0x80) return b0;
  // Go accepts only shortest forms, no surrogates, nothing above U+10FFFF.
  auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF && left >= 2 && cont(pos + 1)) {
    *width = 2;
    return ((b0 & 0x1Fu) << 6) | (byte(pos + 1) & 0x3Fu);
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && left >= 3) {
    unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
    unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
    if (cont(pos + 1, lo, hi) && cont(pos + 2)) {
      *width = 3;
      return ((b0 & 0x0Fu) << 12) | ((byte(pos + 1) & 0x3Fu) << 6) | (byte(pos + 2) & 0x3Fu);
    }
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && left >= 4) {
    unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (cont(pos + 1, lo, hi) && cont(pos + 2) && cont(pos + 3)) {
      *width = 4;
      return ((b0 & 0x07u) << 18) | ((byte(pos + 1) & 0x3Fu) << 12) | ((byte(pos + 2) & 0x3Fu) << 6) |
             (byte(pos + 3) & 0x3Fu);
    }
  }
  return kRuneError;
}

void append_rune(std::string& out, char32_t r) {
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

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

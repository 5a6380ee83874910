#include "util/utf8.h"

namespace ballast::utf8 {

Rune decode(std::string_view s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1};
  auto cont = [&](std::size_t i) -> int {
    if (pos + i >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[pos + i]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 < 0) return {kRuneError, 1};
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | c1), 2};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1);
    if (c1 < 0) return {kRuneError, 1};
    // Reject overlong forms (E0 followed by < A0) and surrogates (ED A0..BF).
    if ((b0 == 0xE0 && c1 < 0x20) || (b0 == 0xED && c1 >= 0x20)) return {kRuneError, 1};
    const int c2 = cont(2);
    if (c2 < 0) return {kRuneError, 1};
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2), 3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1);
    if (c1 < 0) return {kRuneError, 1};
    if ((b0 == 0xF0 && c1 < 0x10) || (b0 == 0xF4 && c1 >= 0x10)) return {kRuneError, 1};
    const int c2 = cont(2);
    if (c2 < 0) return {kRuneError, 1};
    const int c3 = cont(3);
    if (c3 < 0) return {kRuneError, 1};
    return {static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3), 4};
  }
  return {kRuneError, 1};
}

void append(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
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

}  // namespace ballast::utf8

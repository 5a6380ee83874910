#include "dockerfile/unicode.h"

#include <clocale>
#include <cwctype>
#include <locale.h>

namespace ballast::dockerfile::unicode {

Rune decode(std::string_view s, std::size_t pos) { return utf8::decode(s, pos); }

void append_utf8(std::string& out, char32_t r) { utf8::append(out, r); }

bool is_space(char32_t r) {
  if (r <= 0xFF) return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  // Unicode White_Space beyond Latin-1 (Go's unicode.White_Space table).
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
         r == 0x202F || r == 0x205F || r == 0x3000;
}

namespace {

// A UTF-8 ctype locale, created once, for classifying non-ASCII runes without
// touching the process-wide locale. nullptr if the system has none.
locale_t utf8_locale() {
  static const locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    if (l == static_cast<locale_t>(0)) l = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", static_cast<locale_t>(0));
    return l;
  }();
  return loc;
}

}  // namespace

bool is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (locale_t loc = utf8_locale(); loc != static_cast<locale_t>(0)) {
    return iswalpha_l(static_cast<wint_t>(r), loc) != 0;
  }
  // Without tables: treat non-space, non-punctuation-block runes as letters.
  return !is_space(r) && !(r >= 0x80 && r <= 0xBF) && !(r >= 0x2000 && r <= 0x2BFF) &&
         !(r >= 0x3000 && r <= 0x303F);
}

bool is_digit(char32_t r) {
  return r >= '0' && r <= '9';
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string_view trim_left_space(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const Rune r = decode(s, pos);
    if (!is_space(r.value) || (r.value == kRuneError && r.width == 1)) break;
    pos += r.width;
  }
  return s.substr(pos);
}

std::string_view trim_space(std::string_view s) {
  s = trim_left_space(s);
  // From the right, rune by rune (utf8.DecodeLastRuneInString): ASCII bytes
  // directly, else back up to the rune's first byte and decode it.
  while (!s.empty()) {
    const auto last = static_cast<unsigned char>(s.back());
    if (last < 0x80) {
      if (!is_space(last)) break;
      s.remove_suffix(1);
      continue;
    }
    std::size_t start = s.size() - 1;
    while (start > 0 && s.size() - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    const Rune r = decode(s, start);
    if (start + r.width != s.size() || !is_space(r.value)) break;
    s.remove_suffix(r.width);
  }
  return s;
}

}  // namespace ballast::dockerfile::unicode

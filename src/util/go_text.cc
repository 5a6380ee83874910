#include "util/go_text.h"

#include <clocale>
#include <cwctype>
#include <locale.h>

#include <vector>

#include "util/utf8.h"

namespace ballast::go_text {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// unicode.IsPrint beyond ASCII: everything but separators other than ' ',
// controls, format characters, private use and noncharacters. (Go also
// escapes unassigned code points; ballast does not carry Unicode's
// assignment tables, so those print as-is.)
bool is_print(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xA0 || r == 0xAD) return false;
  if (r == 0x061C || r == 0x180E || r == 0x1680) return false;
  if ((r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) || (r >= 0x205F && r <= 0x206F)) return false;
  if (r == 0x3000 || r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB)) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;           // private use
  if (r >= 0xFDD0 && r <= 0xFDEF) return false;           // noncharacters
  if ((r & 0xFFFE) == 0xFFFE) return false;               // U+xxFFFE / U+xxFFFF
  if (r == 0x110BD || r == 0x110CD || (r >= 0x1BCA0 && r <= 0x1BCA3)) return false;
  if ((r >= 0x1D173 && r <= 0x1D17A) || r == 0xE0001 || (r >= 0xE0020 && r <= 0xE007F)) return false;
  if (r >= 0xF0000) return false;                         // supplementary private use
  return true;
}

void append_hex(std::string& out, char32_t v, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 0xF]);
}

}  // namespace

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
    const utf8::Rune r = utf8::decode(s, pos);
    if (!is_space(r.value) || (r.value == utf8::kRuneError && r.width == 1)) break;
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
    const utf8::Rune r = utf8::decode(s, start);
    if (start + r.width != s.size() || !is_space(r.value)) break;
    s.remove_suffix(r.width);
  }
  return s;
}

std::string clean_path(std::string_view path) {
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

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (std::size_t pos = 0; pos < s.size();) {
    const utf8::Rune r = utf8::decode(s, pos);
    if (r.value == utf8::kRuneError && r.width == 1) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[pos]), 2);
      pos += 1;
      continue;
    }
    const char32_t c = r.value;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (is_print(c)) {
      out.append(s.substr(pos, r.width));
    } else {
      switch (c) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (c < ' ' || c == 0x7F) {
            out += "\\x";
            append_hex(out, c, 2);
          } else if (c < 0x10000) {
            out += "\\u";
            append_hex(out, c, 4);
          } else {
            out += "\\U";
            append_hex(out, c, 8);
          }
      }
    }
    pos += r.width;
  }
  out.push_back('"');
  return out;
}

}  // namespace ballast::go_text

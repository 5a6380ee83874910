#include "explore/path_filter.h"

#include <algorithm>

#include "util/utf8.h"

namespace ballast::explore {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Bytes of the UTF-8 character starting at s[i] (1 for a stray byte).
std::size_t char_len(std::string_view s, std::size_t i) { return utf8::decode(s, i).width; }

// A bracket expression at p[pi] ('['): whether it matches the character at
// s[si], and where the expression ends (npos: no closing ']', so '[' is literal).
bool bracket(std::string_view p, std::size_t pi, std::string_view s, std::size_t si, std::size_t& end) {
  std::size_t i = pi + 1;
  const bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  const std::size_t first = i;
  const auto c = utf8::decode(s, si).value;
  bool hit = false;
  while (i < p.size() && (p[i] != ']' || i == first)) {
    const auto lo = utf8::decode(p, i);
    i += lo.width;
    char32_t hi = lo.value;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      const auto h = utf8::decode(p, i + 1);
      hi = h.value;
      i += 1 + h.width;
    }
    if (c >= lo.value && c <= hi) hit = true;
  }
  if (i >= p.size()) {
    end = std::string_view::npos;
    return false;
  }
  end = i + 1;
  return hit != negate;
}

// fnmatch(3) without flags, by UTF-8 character: '*' any run (also of '/'),
// '?' one character, [a-z] / [!a-z] one of (not of) a set, '\' quotes the
// next character. The classic backtracking of the last '*': linear for the
// patterns people type, and no locale or allocation per call.
bool glob_match(std::string_view p, std::string_view s) {
  std::size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      const char pc = p[pi];
      if (pc == '*') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (pc == '?') {
        ++pi;
        si += char_len(s, si);
        continue;
      }
      if (pc == '[') {
        std::size_t end = 0;
        const bool hit = bracket(p, pi, s, si, end);
        if (end != std::string_view::npos) {
          if (hit) {
            pi = end;
            si += char_len(s, si);
            continue;
          }
        } else if (s[si] == '[') {  // unclosed: a literal '['
          ++pi;
          ++si;
          continue;
        }
      } else {
        const std::size_t at = pc == '\\' && pi + 1 < p.size() ? pi + 1 : pi;
        if (p[at] == s[si]) {
          pi = at + 1;
          ++si;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;  // the last '*' takes one more character
    star_s += char_len(s, star_s);
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

PathFilter::PathFilter(std::string pattern) : pattern_(std::move(pattern)) {
  glob_ = pattern_.find_first_of("*?[") != std::string::npos;
  folded_ = pattern_;
  std::transform(folded_.begin(), folded_.end(), folded_.begin(), lower);
}

bool PathFilter::matches(std::string_view path) const {
  if (pattern_.empty()) return true;
  if (glob_) return glob_match(pattern_, path);
  if (path.size() < folded_.size()) return false;
  auto it = std::search(path.begin(), path.end(), folded_.begin(), folded_.end(),
                        [](char a, char b) { return lower(a) == b; });
  return it != path.end();
}

std::string display_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto r = utf8::decode(s, i);
    const bool invalid = r.value == utf8::kRuneError && r.width == 1;
    if (invalid || r.value < 0x20 || r.value == 0x7f || (r.value >= 0x80 && r.value < 0xa0)) out += '?';
    else out.append(s.substr(i, r.width));
    i += r.width;
  }
  return out;
}

}  // namespace ballast::explore

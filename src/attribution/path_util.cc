#include "attribution/path_util.h"

#include <vector>

namespace ballast::attribution {

std::optional<std::string> join_image_path(std::string_view base, std::string_view rel) {
  std::vector<std::string_view> parts;
  auto push = [&](std::string_view s) -> bool {
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find('/', start);
      if (end == std::string_view::npos) end = s.size();
      std::string_view c = s.substr(start, end - start);
      if (c == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!c.empty() && c != ".") {
        parts.push_back(c);
      }
      start = end + 1;
    }
    return true;
  };
  if (!rel.starts_with('/') && !push(base)) return std::nullopt;
  if (!push(rel) || parts.empty()) return std::nullopt;
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string_view parent_dir(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view extension(std::string_view path) {
  std::string_view base = base_name(path);
  std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return base.substr(dot + 1);
}

namespace {

// Matches a class at p[i] ('[' already seen); returns the index after ']' or
// npos when the class is unterminated (then '[' is literal).
std::size_t match_class(std::string_view p, std::size_t i, char c, bool* matched) {
  std::size_t j = i + 1;
  bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  bool any = false;
  bool first = true;
  for (; j < p.size() && (first || p[j] != ']'); ++j, first = false) {
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      if (c >= p[j] && c <= p[j + 2]) any = true;
      j += 2;
    } else if (p[j] == c) {
      any = true;
    }
  }
  if (j >= p.size()) return std::string_view::npos;
  *matched = any != negate;
  return j + 1;
}

bool match_from(std::string_view p, std::size_t pi, std::string_view t, std::size_t ti) {
  while (pi < p.size()) {
    char pc = p[pi];
    if (pc == '*') {
      bool doublestar = pi + 1 < p.size() && p[pi + 1] == '*';
      if (doublestar) {
        std::size_t next = pi + 2;
        // "**/" may match zero components.
        if (next < p.size() && p[next] == '/' && match_from(p, next + 1, t, ti)) return true;
        for (std::size_t k = ti; k <= t.size(); ++k)
          if (match_from(p, next, t, k)) return true;
        return false;
      }
      for (std::size_t k = ti; k <= t.size(); ++k) {
        if (match_from(p, pi + 1, t, k)) return true;
        if (k < t.size() && t[k] == '/') break;
      }
      return false;
    }
    if (ti >= t.size()) return false;
    if (pc == '?') {
      if (t[ti] == '/') return false;
    } else if (pc == '[') {
      bool matched = false;
      std::size_t after = match_class(p, pi, t[ti], &matched);
      if (after != std::string_view::npos) {
        if (!matched || t[ti] == '/') return false;
        pi = after;
        ++ti;
        continue;
      }
      if (t[ti] != '[') return false;
    } else if (pc != t[ti]) {
      return false;
    }
    ++pi;
    ++ti;
  }
  return ti == t.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) { return match_from(pattern, 0, text, 0); }

}  // namespace ballast::attribution

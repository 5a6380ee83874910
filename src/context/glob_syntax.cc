#include "context/glob_syntax.h"

#include <cstddef>

#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::context {

namespace {

// Go's getEsc: one (possibly escaped) character of a class; fails when the
// class would end right after it.
bool class_char(std::string_view p, std::size_t& i) {
  if (i >= p.size() || p[i] == '-' || p[i] == ']') return false;
  if (p[i] == '\\') {
    ++i;
    if (i >= p.size()) return false;
  }
  const utf8::Rune r = utf8::decode(p, i);
  if (r.value == utf8::kRuneError && r.width == 1) return false;
  i += r.width;
  return i < p.size();
}

}  // namespace

bool go_glob_syntax_ok(std::string_view p) {
  // Chunk boundaries (unbracketed `*`) never change the verdict: a class only
  // ever ends at an unescaped `]`, so the pattern can be checked left to right.
  std::size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      int nrange = 0;
      for (;;) {
        if (i < p.size() && p[i] == ']' && nrange > 0) {
          ++i;
          break;
        }
        if (!class_char(p, i)) return false;
        if (p[i] == '-') {
          ++i;
          if (!class_char(p, i)) return false;
        }
        ++nrange;
      }
    } else if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      i += 2;
    } else {
      ++i;
    }
  }
  return true;
}

namespace {

// One chunk (no unbracketed `*`) against the start of `s`; on success the
// rest of `s` is returned through *rest.
bool match_chunk(std::string_view chunk, std::string_view s, std::string_view* rest) {
  while (!chunk.empty()) {
    if (s.empty()) return false;
    switch (chunk[0]) {
      case '[': {
        const utf8::Rune sr = utf8::decode(s, 0);
        const char32_t r = sr.value;
        s.remove_prefix(sr.width);
        chunk.remove_prefix(1);
        bool negated = !chunk.empty() && chunk[0] == '^';
        if (negated) chunk.remove_prefix(1);
        bool match = false;
        int nrange = 0;
        for (;;) {
          if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
            chunk.remove_prefix(1);
            break;
          }
          auto esc = [&](char32_t* out) {
            if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
            if (chunk[0] == '\\') chunk.remove_prefix(1);
            if (chunk.empty()) return false;
            const utf8::Rune cr = utf8::decode(chunk, 0);
            *out = cr.value;
            chunk.remove_prefix(cr.width);
            return !chunk.empty();
          };
          char32_t lo, hi;
          if (!esc(&lo)) return false;
          hi = lo;
          if (chunk[0] == '-') {
            chunk.remove_prefix(1);
            if (!esc(&hi)) return false;
          }
          if (lo <= r && r <= hi) match = true;
          ++nrange;
        }
        if (match == negated) return false;
        break;
      }
      case '?': {
        if (s[0] == '/') return false;
        s.remove_prefix(utf8::decode(s, 0).width);
        chunk.remove_prefix(1);
        break;
      }
      case '\\':
        chunk.remove_prefix(1);
        if (chunk.empty()) return false;
        [[fallthrough]];
      default:
        if (chunk[0] != s[0]) return false;
        s.remove_prefix(1);
        chunk.remove_prefix(1);
        break;
    }
  }
  *rest = s;
  return true;
}

}  // namespace

bool go_filepath_match(std::string_view pattern, std::string_view name) {
  if (!go_glob_syntax_ok(pattern)) return false;
  while (!pattern.empty()) {
    // scanChunk: leading stars, then up to the next unbracketed star.
    bool star = false;
    while (!pattern.empty() && pattern[0] == '*') {
      pattern.remove_prefix(1);
      star = true;
    }
    bool inrange = false;
    std::size_t i = 0;
    for (; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\') {
        if (i + 1 < pattern.size()) ++i;
      } else if (c == '[') {
        inrange = true;
      } else if (c == ']') {
        inrange = false;
      } else if (c == '*' && !inrange) {
        break;
      }
    }
    std::string_view chunk = pattern.substr(0, i);
    pattern.remove_prefix(i);
    if (star && chunk.empty()) return name.find('/') == std::string_view::npos;
    std::string_view rest;
    if (match_chunk(chunk, name, &rest) && (rest.empty() || !pattern.empty())) {
      name = rest;
      continue;
    }
    bool advanced = false;
    if (star) {
      for (std::size_t k = 0; k < name.size() && name[k] != '/'; ++k) {
        if (match_chunk(chunk, name.substr(k + 1), &rest)) {
          if (pattern.empty() && !rest.empty()) continue;
          name = rest;
          advanced = true;
          break;
        }
      }
    }
    if (!advanced) return false;
  }
  return name.empty();
}

}  // namespace ballast::context

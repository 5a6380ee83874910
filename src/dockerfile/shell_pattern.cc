#include "dockerfile/shell_pattern.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "dockerfile/shell_lex.h"
#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::dockerfile::detail {
namespace {

struct Token {
  enum Kind { kLiteral, kAny, kStar } kind;
  char32_t rune = 0;
};

std::vector<Token> compile(std::string_view pattern) {
  std::vector<char32_t> runes;
  for (std::size_t pos = 0; pos < pattern.size();) {
    const utf8::Rune r = utf8::decode(pattern, pos);
    runes.push_back(r.value);
    pos += r.width;
  }
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < runes.size(); ++i) {
    const char32_t c = runes[i];
    if (c == '*') {
      tokens.push_back({Token::kStar});
    } else if (c == '?') {
      tokens.push_back({Token::kAny});
    } else if (c == '\\') {
      const bool has_next = i + 1 < runes.size();
      if (has_next && (runes[i + 1] == '}' || runes[i + 1] == '/')) continue;  // escape dropped
      if (!has_next || (runes[i + 1] != '*' && runes[i + 1] != '?' && runes[i + 1] != '\\')) {
        std::string bad = "\\";
        if (has_next) utf8::append(bad, runes[i + 1]);
        throw ShellError("invalid pattern (" + std::string(pattern) + ") in substitution: invalid escape '" + bad +
                         "'");
      }
      tokens.push_back({Token::kLiteral, runes[++i]});
    } else {
      tokens.push_back({Token::kLiteral, c});
    }
  }
  return tokens;
}

struct Text {
  std::vector<char32_t> runes;
  std::vector<std::size_t> offsets;  // byte offset of each rune, plus the end
};

Text decode_text(std::string_view s) {
  Text t;
  for (std::size_t pos = 0; pos < s.size();) {
    const utf8::Rune r = utf8::decode(s, pos);
    t.runes.push_back(r.value);
    t.offsets.push_back(pos);
    pos += r.width;
  }
  t.offsets.push_back(s.size());
  return t;
}

// Anchored match of tokens at rune index `start`: the end rune index the
// regex engine would report, or nullopt.
class Matcher {
 public:
  Matcher(const std::vector<Token>& tokens, const std::vector<char32_t>& text, bool greedy)
      : tokens_(tokens), text_(text), greedy_(greedy),
        failed_((tokens.size() + 1) * (text.size() + 1), false) {}

  std::optional<std::size_t> match(std::size_t ti, std::size_t vi) {
    if (ti == tokens_.size()) return vi;
    const std::size_t key = ti * (text_.size() + 1) + vi;
    if (failed_[key]) return std::nullopt;
    std::optional<std::size_t> result;
    const Token& t = tokens_[ti];
    if (t.kind == Token::kStar) {
      std::size_t max = vi;
      while (max < text_.size() && text_[max] != '\n') ++max;
      if (greedy_) {
        for (std::size_t k = max + 1; k-- > vi && !result;) result = match(ti + 1, k);
      } else {
        for (std::size_t k = vi; k <= max && !result; ++k) result = match(ti + 1, k);
      }
    } else if (vi < text_.size() &&
               (t.kind == Token::kAny ? text_[vi] != '\n' : text_[vi] == t.rune)) {
      result = match(ti + 1, vi + 1);
    }
    if (!result) failed_[key] = true;
    return result;
  }

 private:
  const std::vector<Token>& tokens_;
  const std::vector<char32_t>& text_;
  bool greedy_;
  std::vector<bool> failed_;
};

std::string from_runes(const std::vector<char32_t>& runes, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) utf8::append(out, runes[i]);
  return out;
}

}  // namespace

std::string trim_prefix(std::string_view pattern, std::string_view value, bool greedy) {
  const std::vector<Token> tokens = compile(pattern);
  const Text text = decode_text(value);
  Matcher matcher(tokens, text.runes, greedy);
  const std::optional<std::size_t> end = matcher.match(0, 0);
  if (!end) return std::string(value);
  return std::string(value.substr(text.offsets[*end]));
}

std::string trim_suffix(std::string_view pattern, std::string_view value, bool greedy) {
  // As BuildKit: reverse the pattern (escapes stay in front of their
  // character) and the value, trim the prefix, reverse back.
  std::vector<Token> tokens = compile(pattern);
  std::reverse(tokens.begin(), tokens.end());
  Text text = decode_text(value);
  std::reverse(text.runes.begin(), text.runes.end());
  Matcher matcher(tokens, text.runes, greedy);
  const std::optional<std::size_t> end = matcher.match(0, 0);
  if (!end) return std::string(value);
  std::vector<char32_t> rest(text.runes.begin() + static_cast<std::ptrdiff_t>(*end), text.runes.end());
  std::reverse(rest.begin(), rest.end());
  return from_runes(rest, 0, rest.size());
}

std::string replace_pattern(std::string_view pattern, std::string_view value, std::string_view replacement,
                            bool all) {
  const std::vector<Token> tokens = compile(pattern);
  const Text text = decode_text(value);
  Matcher matcher(tokens, text.runes, true);
  const std::size_t n = text.runes.size();
  // Leftmost match starting at or after rune `from`: {start, end}.
  auto find = [&](std::size_t from) -> std::optional<std::pair<std::size_t, std::size_t>> {
    for (std::size_t s = from; s <= n; ++s) {
      if (auto e = matcher.match(0, s)) return std::make_pair(s, *e);
    }
    return std::nullopt;
  };
  auto bytes = [&](std::size_t rune_index) { return text.offsets[rune_index]; };
  if (!all) {
    const auto m = find(0);
    if (!m) return std::string(value);
    return std::string(value.substr(0, bytes(m->first))) + std::string(replacement) +
           std::string(value.substr(bytes(m->second)));
  }
  // Go's regexp ReplaceAllString loop: no replacement for an empty match
  // right after the previous match; always advance by at least one rune.
  std::string out;
  std::size_t search = 0;
  std::size_t last_end = 0;
  while (search <= n) {
    const auto m = find(search);
    if (!m) break;
    out.append(value.substr(bytes(last_end), bytes(m->first) - bytes(last_end)));
    if (m->second > last_end || m->first == 0) out.append(replacement);
    last_end = m->second;
    if (search + 1 > m->second) {
      ++search;
    } else {
      search = m->second;
    }
  }
  out.append(value.substr(bytes(last_end)));
  return out;
}

}  // namespace ballast::dockerfile::detail

#include "context/pattern.h"

#include <array>

#include "context/glob_syntax.h"
#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::context {

namespace {

// patternmatcher's shouldEscape: regexp metacharacters that mean nothing in
// filepath.Match and are therefore quoted.
bool should_escape(char32_t c) {
  switch (c) {
    case '.': case '+': case '(': case ')': case '|': case '{': case '}': case '$':
      return true;
    default:
      return false;
  }
}

// A class the direct matcher takes (glob_match.h): `[`, an optional `^`,
// then letters, digits and a few punctuation bytes, alone or as ranges
// `a-z`, then `]`. Bytes the pattern compiler would rewrite inside a class
// (`*`, `?`, `.`, `\`...) are not allowed, so the regexp gets the very same
// text. `open` indexes the rune after `[`; on success *close is past `]`.
bool plain_class(const std::u32string& runes, std::size_t open, std::size_t* close, std::array<bool, 128>* ascii,
                 bool* negated) {
  auto plain = [](char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ',' ||
           c == ':' || c == ';' || c == '@' || c == '#' || c == '%' || c == '&' || c == '=' || c == '~' || c == '!';
  };
  std::size_t k = open;
  *negated = k < runes.size() && runes[k] == '^';
  if (*negated) ++k;
  ascii->fill(false);
  bool any = false;
  while (k < runes.size() && runes[k] != ']') {
    const char32_t lo = runes[k];
    if (!plain(lo)) return false;
    char32_t hi = lo;
    if (k + 1 < runes.size() && runes[k + 1] == '-') {
      if (k + 2 >= runes.size() || !plain(runes[k + 2]) || runes[k + 2] < lo) return false;
      hi = runes[k + 2];
      k += 2;
    }
    for (char32_t c = lo; c <= hi; ++c) (*ascii)[c] = true;
    any = true;
    ++k;
  }
  if (!any || k == runes.size()) return false;
  *close = k + 1;
  return true;
}

}  // namespace

bool Pattern::compile(std::string cleaned, std::string* error, bool regexp_only, bool use_glob) {
  cleaned_ = std::move(cleaned);
  if (!go_glob_syntax_ok(cleaned_)) {
    *error = "syntax error in pattern";
    return false;
  }
  // Decode like text/scanner: invalid bytes become U+FFFD, a leading BOM is skipped.
  std::u32string runes;
  for (std::size_t p = 0; p < cleaned_.size();) {
    const utf8::Rune r = utf8::decode(cleaned_, p);
    runes.push_back(r.value);
    p += r.width;
  }
  std::size_t k = (!runes.empty() && runes[0] == 0xFEFF) ? 1 : 0;

  std::u32string re = U"^";
  Kind kind = Kind::kExact;
  // The ASCII literals the regexp starts and ends with (see match()).
  std::string head, tail;
  bool in_head = true;
  GlobMatch glob;  // the same regexp, as a direct matcher, while it can be one
  bool glob_ok = use_glob;
  std::array<bool, 128> ascii;  // a class's bytes
  bool negated = false;
  for (int i = 0; k < runes.size(); ++i) {
    char32_t ch = runes[k++];
    if (ch < 0x80 && ch != '*' && ch != '?' && ch != '\\' && ch != '[' && ch != ']' && ch != '^') {
      if (in_head) head += static_cast<char>(ch);
      tail += static_cast<char>(ch);
    } else {
      in_head = false;
      tail.clear();
    }
    if (ch == '*') {
      if (k < runes.size() && runes[k] == '*') {
        ++k;
        if (k < runes.size() && runes[k] == '/') ++k;  // `**/` is `**`
        if (k == runes.size()) {
          if (kind == Kind::kExact) {
            kind = Kind::kPrefix;
          } else {
            re += U".*";
            glob.rest();
            kind = Kind::kRegexp;
          }
        } else {
          re += U"(.*/)?";
          glob.dirs();
          kind = Kind::kRegexp;
        }
        if (i == 0) kind = Kind::kSuffix;
      } else {
        re += U"[^/]*";
        glob.star();
        kind = Kind::kRegexp;
      }
    } else if (ch == '?') {
      re += U"[^/]";
      glob.question();
      kind = Kind::kRegexp;
    } else if (should_escape(ch)) {
      re += U'\\';
      re += ch;
      glob.literal(static_cast<char>(ch));
    } else if (ch == '\\') {
      glob_ok = false;
      if (k < runes.size()) {
        re += U'\\';
        re += runes[k++];
        kind = Kind::kRegexp;
      } else {
        re += U'\\';
      }
    } else if (std::size_t close; ch == '[' && glob_ok && plain_class(runes, k, &close, &ascii, &negated)) {
      re.append(runes, k - 1, close - (k - 1));  // what the loop would have copied
      glob.ascii_class(ascii, negated);
      k = close;
      kind = Kind::kRegexp;
    } else if (ch == '[' || ch == ']') {
      glob_ok = false;
      re += ch;
      kind = Kind::kRegexp;
    } else {
      // `^` reaches the regexp unquoted (an anchor); other runes are literal.
      if (ch >= 0x80 || ch == '^') glob_ok = false;
      else glob.literal(static_cast<char>(ch));
      re += ch;
    }
  }
  if (regexp_only && kind != Kind::kRegexp) {
    // The old compiler always produced a regexp: `**` at the end was `.*`.
    if (kind == Kind::kPrefix) {
      re += U".*";
      glob.rest();
    }
    kind = Kind::kRegexp;
  }
  kind_ = kind;
  switch (kind_) {
    case Kind::kExact: break;
    case Kind::kPrefix: fixed_ = cleaned_.substr(0, cleaned_.size() - 2); break;
    case Kind::kSuffix: fixed_ = cleaned_.substr(2); break;
    case Kind::kGlob:  // only chosen below
    case Kind::kRegexp: {
      literal_head_ = std::move(head);
      literal_tail_ = std::move(tail);
      re += U'$';
      std::string why;
      // Compiled even when the direct matcher runs: what the regexp refuses
      // (`[z-a]`) is Docker's error either way.
      if (!regexp_.compile(re, &why)) {
        // patternmatcher turns a regexp compile failure into ErrBadPattern.
        *error = "syntax error in pattern (" + why + ")";
        return false;
      }
      if (glob_ok) {
        kind_ = Kind::kGlob;
        glob_ = std::move(glob);
      }
      break;
    }
  }
  return true;
}

bool Pattern::match(std::string_view path) const {
  switch (kind_) {
    case Kind::kExact:
      return path == cleaned_;
    case Kind::kPrefix:
      return path.starts_with(fixed_);
    case Kind::kSuffix:
      if (path.ends_with(fixed_)) return true;
      // `**/foo` also matches `foo` at the root.
      return !fixed_.empty() && fixed_[0] == '/' && path == std::string_view(fixed_).substr(1);
    case Kind::kRegexp:
    case Kind::kGlob:
      // Both are anchored at both ends and an ASCII rune only matches that
      // byte: a path without the literal head and tail cannot match (most
      // paths, for most rules).
      if (!path.starts_with(literal_head_) || !path.ends_with(literal_tail_)) return false;
      return kind_ == Kind::kGlob ? glob_.match(path) : regexp_.search(path);
  }
  return false;
}

}  // namespace ballast::context

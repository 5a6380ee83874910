// A direct matcher for the .dockerignore patterns whose regexp (as
// patternmatcher writes it, see pattern.h) uses nothing but literal ASCII
// bytes, `[^/]*` (from `*`), `[^/]` (from `?`), `(.*/)?` (from `**`), a
// final `.*` (`**` at the end) and plain ASCII classes (`[cod]`, `[0-4]`,
// `[^a-z]`). Most real patterns are of this shape (`**/*.log`, `*.py[cod]`,
// `docs/**/*.md`), and matching them without the
// regexp NFA is about ten times cheaper per path, which matters because the
// walk matches every path of the context against every rule.
//
// Same answers as the regexp, rune for rune: `?` and `*` step over whole
// runes (Go's utf8 decoding: an invalid byte is one rune), `.` (inside `**`)
// does not match '\n' while `[^/]` does; a negated class takes any rune it
// does not list, '/' and '\n' included. Worst case is bounded: failed
// (token, position) pairs are remembered, so `*a*a*a*b` stays polynomial.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::context {

class GlobMatch {
 public:
  // Built piece by piece by Pattern::compile, in the order it writes the
  // regexp, so both always describe the same language.
  void literal(char ascii);
  void star();      // [^/]*
  void question();  // [^/]
  void dirs();      // (.*/)?
  void rest();      // .*  (at the end)
  // [...] of ASCII bytes: `ascii[c]` for each listed byte.
  void ascii_class(const std::array<bool, 128>& ascii, bool negated);

  // The whole path must match (the regexp is anchored at both ends).
  bool match(std::string_view path) const;

 private:
  enum class Op : std::uint8_t {
    kLiteral,   // text_ bytes [begin, begin + len)
    kStar,      // [^/]*
    kQuestion,  // [^/]
    kDirs,      // (.*/)?
    kRest,      // .*  (only last)
    kClass,     // classes_[begin]
  };
  struct Class {
    std::array<bool, 128> ascii{};
    bool negated = false;
  };
  struct Token {
    Op op;
    std::uint32_t begin = 0, len = 0;
  };

  bool match_from(std::string_view path, std::size_t token, std::size_t pos, std::uint64_t* failed) const;

  std::string text_;  // the literal bytes of all kLiteral tokens
  std::vector<Token> tokens_;
  std::vector<Class> classes_;
  bool repeating_ = false;   // some token repeats (kStar, kDirs)
  bool needs_memo_ = false;  // two or more do: backtracking could multiply
};

}  // namespace ballast::context

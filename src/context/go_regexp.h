// The subset of Go's regexp (RE2 syntax with the Perl flags of
// regexp.Compile) that Docker's pattern matcher can produce. patternmatcher
// turns a wildcard pattern into a regexp *string* and passes `[...]` classes and
// backslash escapes through unchanged, so their exact meaning is RE2's:
// POSIX classes `[[:alpha:]]`, Perl classes `\d \s \w`, escapes `\n \x41 \101`,
// assertions `\A \z \b \B`, `\Q...\E`; `.` never matches '\n' while negated
// classes do; `^`/`$` anchor the whole text. Matching walks the text as Go runes
// (an invalid byte reads as U+FFFD) with a Thompson NFA: linear time, no
// backtracking blow-up on patterns such as `**/**/**/x`.
// Not supported (rejected as a bad pattern, with a clear message): Unicode
// classes `\pL` / `\p{Greek}` and `(?flags)` groups.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ballast::context {

class GoRegexp {
 public:
  // Parses `pattern` (runes). Returns false and sets *error (Go's wording where
  // there is one) when RE2 would refuse it.
  bool compile(const std::u32string& pattern, std::string* error);

  // regexp.MatchString: is there a match anywhere in `text` (UTF-8 bytes)?
  bool search(std::string_view text) const;

 private:
  struct CharClass {
    std::vector<std::pair<char32_t, char32_t>> ranges;
    bool negated = false;
    bool contains(char32_t r) const;
  };
  enum class Op : std::uint8_t { kRune, kAnyNotNL, kClass, kSplit, kJmp, kBegin, kEnd, kWordB, kNotWordB, kMatch };
  struct Inst {
    Op op;
    char32_t rune = 0;
    int x = 0;  // class index, or jump target
    int y = 0;  // second split target
  };

  // Parser state over the rune string.
  struct Parser;

  std::vector<Inst> prog_;
  std::vector<CharClass> classes_;
  int start_ = 0;
  bool anchored_ = false;  // starts with `^`
};

}  // namespace ballast::context

// UTF-8 as Go's unicode/utf8 package reads and writes it (BuildKit's lexer and
// moby's pattern matcher are defined in its terms): only shortest forms, no
// surrogates, nothing above U+10FFFF; an invalid byte decodes as U+FFFD with
// width 1.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ballast::utf8 {

inline constexpr char32_t kRuneError = 0xFFFD;

struct Rune {
  char32_t value;
  std::size_t width;  // bytes consumed (1 for an invalid byte)
};

// utf8.DecodeRuneInString at s[pos]; `pos` must be < s.size().
Rune decode(std::string_view s, std::size_t pos);

// string(rune): appends r's encoding (U+FFFD for surrogates / out of range).
void append(std::string& out, char32_t r);

}  // namespace ballast::utf8

// Go standard-library text behaviour that Docker's .dockerignore handling
// depends on, reproduced byte for byte: strings.TrimSpace, filepath.Clean (Unix)
// and utf8.DecodeRuneInString (an invalid byte decodes as U+FFFD, width 1).
// The pattern matcher and the ignore-file reader are defined in terms of these.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ballast::context {

inline constexpr char32_t kRuneError = 0xFFFD;

// Decodes the rune at `s[pos]` like Go's utf8.DecodeRuneInString; sets *width
// (1 for an invalid byte, which yields kRuneError).
char32_t decode_rune(std::string_view s, std::size_t pos, std::size_t* width);

// Appends the UTF-8 encoding of `r` (as Go's string(rune)).
void append_rune(std::string& out, char32_t r);

// strings.TrimSpace: trims Unicode White_Space (ASCII blanks, U+0085, U+00A0...).
std::string_view go_trim_space(std::string_view s);

// filepath.Clean on Unix: one slash between elements, no "." elements, ".."
// resolved lexically, "" becomes ".", trailing slash dropped.
std::string go_clean(std::string_view path);

}  // namespace ballast::context

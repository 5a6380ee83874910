// The few pieces of Go's utf8/unicode packages the BuildKit parser and lexer
// depend on, so that ballast splits words where BuildKit does: rune decoding
// with U+FFFD for invalid bytes (utf8.DecodeRune), unicode.IsSpace,
// IsLetter/IsDigit (used for variable names).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/utf8.h"

namespace ballast::dockerfile::unicode {

inline constexpr char32_t kRuneError = utf8::kRuneError;

using Rune = utf8::Rune;

// utf8.DecodeRuneInString; `pos` must be < s.size().
Rune decode(std::string_view s, std::size_t pos);

// Appends the UTF-8 encoding of r (U+FFFD for surrogates / out of range).
void append_utf8(std::string& out, char32_t r);

// unicode.IsSpace.
bool is_space(char32_t r);

// unicode.IsSpace applied to a single byte taken as a rune (Latin-1), as
// BuildKit's byte-wise loops do (`rune(line[pos])`): 0x85 and 0xA0 count.
inline bool is_space_byte(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}

// unicode.IsLetter / unicode.IsDigit (exact for ASCII; the C library's
// Unicode tables beyond it).
bool is_letter(char32_t r);
bool is_digit(char32_t r);

// ASCII lower-casing (keywords, flag and mount keys, stage names: BuildKit
// uses strings.ToLower, and all of these are ASCII in valid files).
std::string ascii_lower(std::string_view s);

// strings.TrimSpace / TrimLeftFunc(IsSpace) on UTF-8 text.
std::string_view trim_space(std::string_view s);
std::string_view trim_left_space(std::string_view s);

}  // namespace ballast::dockerfile::unicode

// The Go standard-library text functions whose exact behaviour ballast
// reproduces, written once: BuildKit's Dockerfile parser and moby's
// .dockerignore matcher are defined in their terms (unicode.IsSpace,
// strings.TrimSpace, filepath.Clean), and BuildKit's messages and parse dumps
// quote with strconv.Quote. Rune decoding is util/utf8.h (unicode/utf8).
#pragma once

#include <string>
#include <string_view>

namespace ballast::go_text {

// unicode.IsSpace: the Unicode White_Space property.
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

// strings.ToLower for ASCII text (keywords, flag and mount keys, stage names).
std::string ascii_lower(std::string_view s);

// strings.TrimSpace / strings.TrimLeftFunc(s, unicode.IsSpace) on UTF-8 text;
// an invalid byte is not space.
std::string_view trim_space(std::string_view s);
std::string_view trim_left_space(std::string_view s);

// filepath.Clean on Unix: one slash between elements, no "." elements, ".."
// resolved lexically, "" becomes ".", trailing slash dropped.
std::string clean_path(std::string_view path);

// strconv.Quote: "\"a\\\"b\"" for a"b; control and non-printable characters
// as \n, \t, \x07, \u00a0; invalid UTF-8 bytes as \xff.
std::string quote(std::string_view s);

}  // namespace ballast::go_text

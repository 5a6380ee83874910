// Quoting text that came from a stranger's file into a message: at most a
// short prefix (a line of /etc/shadow must not reach a CI log whole) with
// control characters escaped (no ESC sequences reach the terminal).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/limits.h"

namespace ballast {

// 'text' in single quotes: bytes below 0x20 and 0x7f as \n \t \r or \xHH, a
// backslash or quote escaped, cut after `max_chars` bytes with "..." added.
std::string quoted_excerpt(std::string_view text, std::size_t max_chars = limits::kMaxQuotedLineChars);

}  // namespace ballast

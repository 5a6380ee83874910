// How an error message reaches the terminal: one line, always. Messages quote
// what strangers wrote (a shell word spanning a continuation, a file name, a
// registry's answer); a newline there would make one error read as two, an
// ESC would reach the terminal. Control bytes are escaped as quoted_excerpt()
// does; everything else, UTF-8 included, is kept.
#pragma once

#include <string>
#include <string_view>

namespace ballast {

// `text` with bytes below 0x20 and 0x7f written as \n \t \r or \xHH.
std::string error_line(std::string_view text);

}  // namespace ballast

// File names written one per line for people and scripts (`context --list`):
// a name that could be misread — a newline would make one path look like two,
// an ESC would reach the terminal — is quoted the way `ls --quoting-style=c`
// does, so every line is exactly one name and can be decoded back.
#pragma once

#include <string>
#include <string_view>

namespace ballast {

// The name as is when every byte is printable ASCII or part of valid UTF-8
// outside the control ranges and it holds no '"' or '\'. Otherwise in double
// quotes with C escapes: \a \b \t \n \v \f \r \" \\, and \ooo (three octal
// digits) for every other control byte (ESC is \033), DEL, the bytes of a C1
// control (U+0080-U+009F) and every byte that is not valid UTF-8.
std::string c_quote_name(std::string_view name);

}  // namespace ballast

// One logical line (continuations already joined) -> Instruction, with the
// per-keyword argument rules of BuildKit's parser/line_parsers.go and
// split_command.go. Internal to the parser; errors carry no location (the
// parser adds it).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/instruction.h"

namespace ballast::dockerfile::detail {

class LineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Keyword, flags, arguments and json_form of `line` (and `original` when
// keep_original); lines, heredocs and comments are left for the caller.
// Throws LineError.
Instruction parse_logical_line(std::string_view line, char escape, bool keep_original = true, int depth = 0);

// BuildKit's parseWords: words separated by blanks, quotes and escapes kept
// in the words (used for ENV/LABEL/ARG).
std::vector<std::string> parse_words(std::string_view rest, char escape);

// Splits on runs of [\t\v\f\r ] (BuildKit's reWhitespace), at most `limit`
// parts when limit > 0.
std::vector<std::string> split_ascii_whitespace(std::string_view s, int limit);

}  // namespace ballast::dockerfile::detail

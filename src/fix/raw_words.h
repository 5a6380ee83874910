// The words of an instruction's head as they sit in the file: each with its
// byte range in the original text, so a fix can insert a flag after one word
// or drop another without retyping the line. It reads what BuildKit's parser
// reads (continuation escapes and comment lines inside a continuation skipped)
// and then what the shell reads (quotes, `$(...)`, operators, `#` comments),
// enough to find `apt-get install` or `chown -R`; src/dockerfile/shell_split
// stays the one splitter rules use for meaning.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::fix {

struct RawWord {
  std::size_t begin = 0;  // byte range in the whole text
  std::size_t end = 0;
  std::string text;       // quotes removed (approximately: enough to compare words)
  bool plain = true;      // no quote, `$`, glob, backslash or backquote in it
};

struct RawCommand {
  std::vector<RawWord> words;
  std::string separator;  // "&&", "||", ";", "|", "&", "(" or ")" after it; "" at the end
};

struct RawScan {
  std::vector<RawCommand> commands;
  std::size_t comment_at = std::string::npos;  // a shell `#` comment starts here (to the end)
  bool trailing_separator = false;             // the script ends with an operator (`a;`, `a &&`)
};

// Scans text[begin, end) (an instruction head, keyword included). `escape`
// is the Dockerfile's escape character.
RawScan scan_raw(std::string_view text, std::size_t begin, std::size_t end, char escape);

}  // namespace ballast::fix

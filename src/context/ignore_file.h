// Reading a .dockerignore file the way Docker does (moby/patternmatcher's
// ignorefile.ReadAll, used by the docker CLI and BuildKit), keeping the line
// number of every pattern so reports and errors can point at it:
//  - a UTF-8 BOM at the start of the file is dropped;
//  - lines split on '\n', a trailing '\r' dropped (bufio.ScanLines);
//  - a line starting with `#` in column 1 is a comment (` # x` is a pattern);
//  - lines are trimmed (strings.TrimSpace), blank lines dropped;
//  - a leading `!` marks an exception and is trimmed again after removal;
//  - the rest is cleaned like filepath.Clean (so `dir/` is `dir`) and one
//    leading `/` is removed (`/foo` is `foo`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::context {

struct IgnoreLine {
  int line = 0;          // 1-based line in the file
  std::string raw;       // the line as written (for reports)
  std::string pattern;   // what ReadAll yields, e.g. "!docs/README.md"
};

// Throws InputError naming `filename` for a line longer than Go's scanner
// accepts (64 KiB).
std::vector<IgnoreLine> read_ignore_lines(std::string_view content, const std::string& filename);

}  // namespace ballast::context

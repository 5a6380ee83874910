// The shell patterns of ${v#p} ${v%p} ${v/p/r}, as BuildKit's lexer reads them
// (convertShellPatternToRegex): `*` any run, `?` one character, `\*` `\?` `\\`
// literal, `\}` and `\/` the bare character; no bracket expressions. Like the
// Go regular expression BuildKit builds, `*` and `?` never match a newline.
// Matching is a memoized backtracking walk in the regex's priority order
// (shortest `*` first unless greedy), so results equal BuildKit's and no
// pattern can make it take exponential time.
#pragma once

#include <string>
#include <string_view>

namespace ballast::dockerfile::detail {

// Throws ShellError "invalid pattern (...) in substitution: ..." on a bad escape.
std::string trim_prefix(std::string_view pattern, std::string_view value, bool greedy);
std::string trim_suffix(std::string_view pattern, std::string_view value, bool greedy);
// ${v/p/r} (all = false) and ${v//p/r} (all = true); greedy `*`.
std::string replace_pattern(std::string_view pattern, std::string_view value, std::string_view replacement,
                            bool all);

}  // namespace ballast::dockerfile::detail

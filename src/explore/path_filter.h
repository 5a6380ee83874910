// The explorer's `/` filter: a pattern with *, ? or [ is a shell glob
// matched against the whole absolute path as fnmatch(3) without flags
// matches (no FNM_PATHNAME: "*.so" finds every .so at any depth), by UTF-8
// character and without glibc's per-call locale work (a filter runs over
// every path of a 100k-file tree); anything else is a case-insensitive
// substring of the path.
#pragma once

#include <string>
#include <string_view>

namespace ballast::explore {

class PathFilter {
 public:
  PathFilter() = default;
  explicit PathFilter(std::string pattern);
  bool empty() const { return pattern_.empty(); }
  bool glob() const { return glob_; }
  const std::string& pattern() const { return pattern_; }
  // `path` is absolute ("/usr/lib/x").
  bool matches(std::string_view path) const;

 private:
  std::string pattern_;
  std::string folded_;  // lower-cased, for substrings
  bool glob_ = false;
};

// Text safe to put on a terminal: control characters (C0, DEL, C1) and
// bytes that are not UTF-8 become '?', so a hostile file name cannot move
// the cursor or change the terminal's state.
std::string display_text(std::string_view s);

}  // namespace ballast::explore

// The ordered list of .dockerignore rules and the two ways Docker applies it.
//
// matches_or_parent_matches() is patternmatcher.MatchesOrParentMatches: a path
// is excluded when it or one of its parent directories matches, the last
// matching rule winning, `!` rules re-including.
//
// match_with_parent() is MatchesUsingParentResults, which is what actually
// decides what `docker build` sends: BuildKit's context walker (tonistiigi/
// fsutil) calls it for every path in walk order, passing the per-rule results
// of the parent directory. Rules matched by the parent stay matched; the others
// are tested against the path itself only. It agrees with the first function
// except in rare orders such as `*/c` then `!a`, where `a/c` stays excluded.
//
// can_skip_excluded_dir() is fsutil's shortcut: an excluded directory is not
// entered when no exception rule could match inside it (only checked when no
// exception has wildcards).
//
// Docker Engine 20.10's sender (an older fsutil, checked against the real
// engine by tests/e2e/context_test.sh) differs: it uses
// matches_or_parent_matches() and prunes an excluded directory unless an
// exception *string* starts with "<dir>/" (can_skip_excluded_dir_legacy), so
// `ex` + `!**/keep.txt` never re-includes ex/keep.txt there.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "context/ignore_file.h"
#include "context/pattern.h"

namespace ballast::context {

struct Rule {
  Pattern pattern;
  bool exclusion = false;  // a `!` rule
  int line = 0;            // line in the ignore file, 0 when built from strings
  std::string raw;         // the line as written
};

struct MatchResult {
  bool excluded = false;
  int decided_by = -1;  // index of the last rule that matched, -1 for none
};

class Matcher {
 public:
  Matcher() = default;

  // patternmatcher.New: each entry trimmed, empty ones dropped, cleaned, a
  // leading `!` marks an exception. Throws InputError: Docker's text
  // (`illegal exclusion pattern: "!"`, `syntax error in pattern`) prefixed
  // with `<source>:<line>:` when lines are known.
  // legacy: compile like Docker 20.10 (regexp only, see Pattern::compile).
  static Matcher from_patterns(const std::vector<std::string>& patterns, bool legacy = false);
  static Matcher from_lines(const std::vector<IgnoreLine>& lines, const std::string& source, bool legacy = false);
  static Matcher from_file_content(std::string_view content, const std::string& source, bool legacy = false);

  MatchResult matches_or_parent_matches(std::string_view path) const;

  // The same result for a walk, without re-matching every parent of every
  // path: `path` is clean and relative (as a walk builds it); `parent_any`
  // holds one byte per rule, "the rule matches the parent directory or one of
  // its parents" (nullptr at the root); `out_any`, when not null, receives
  // those bytes for `path` itself (pass it for directories).
  MatchResult match_with_ancestors(std::string_view path, const std::uint8_t* parent_any,
                                   std::uint8_t* out_any) const;

  // `parent` holds one byte per rule for the parent directory (nullptr at the
  // root); `out` receives this path's bytes (size rules().size()).
  MatchResult match_with_parent(std::string_view path, const std::uint8_t* parent, std::uint8_t* out) const;

  bool can_skip_excluded_dir(std::string_view dir) const;
  bool can_skip_excluded_dir_legacy(std::string_view dir) const;

  const std::vector<Rule>& rules() const { return rules_; }
  bool has_exclusions() const { return has_exclusions_; }
  bool empty() const { return rules_.empty(); }

 private:
  void add(std::string_view entry, int line, std::string raw, const std::string& source, bool legacy);

  std::vector<Rule> rules_;
  bool has_exclusions_ = false;
  bool only_prefix_exceptions_ = true;
  std::vector<std::string> exception_prefixes_;  // fsutil: pattern minus /** or /*, plus "/"
  std::vector<std::string> legacy_prefixes_;     // old fsutil: whole pattern plus "/"
};

}  // namespace ballast::context

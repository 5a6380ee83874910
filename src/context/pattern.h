// One .dockerignore pattern, compiled once, matched like moby/patternmatcher's
// Pattern.match (the code path of `docker build` and BuildKit):
//  - no wildcard at all            -> exact string comparison;
//  - `prefix/**` with a plain prefix -> string prefix test (so `abc/**` never
//    matches `abc` itself, only what is below it);
//  - a pattern starting with `**`  -> suffix test when nothing else is special
//    (`**file` matches `dir/myfile` too), plus `**/foo` matching `foo`;
//  - anything else -> the regexp patternmatcher builds: `*` -> `[^/]*`,
//    `?` -> `[^/]`, `**` -> `(.*/)?` (or `.*` at the end), `.+()|{}$` quoted,
//    `\x` and `[...]` passed to Go's regexp unchanged (see go_regexp.h).
//    When that regexp has no escapes, classes or non-ASCII runes (most
//    patterns), a direct matcher with the same answers runs instead
//    (glob_match.h, kGlob).
// The input is the already cleaned pattern without its `!`.
#pragma once

#include <string>
#include <string_view>

#include "context/glob_match.h"
#include "context/go_regexp.h"

namespace ballast::context {

class Pattern {
 public:
  enum class Kind { kExact, kPrefix, kSuffix, kRegexp, kGlob };

  // Returns false and sets *error for a pattern Docker rejects: Go's
  // "syntax error in pattern" (filepath.Match's check or a regexp that does
  // not compile).
  // regexp_only: Docker 20.10's matcher (moby fileutils) had no exact /
  // prefix / suffix shortcuts, so `**x` did not match `myx` there.
  // use_glob: false always runs the regexp (tests compare the two).
  bool compile(std::string cleaned, std::string* error, bool regexp_only = false, bool use_glob = true);

  bool match(std::string_view path) const;

  const std::string& text() const { return cleaned_; }
  Kind kind() const { return kind_; }

 private:
  std::string cleaned_;
  std::string fixed_;  // the prefix or suffix of kPrefix / kSuffix
  std::string literal_head_, literal_tail_;  // kRegexp: bytes every match starts / ends with
  Kind kind_ = Kind::kExact;
  GoRegexp regexp_;
  GlobMatch glob_;
};

}  // namespace ballast::context

// One thing a build reads from the context: a COPY/ADD source or a
// `RUN --mount=type=bind` of the context. It knows its root (relative to the
// context root, "" = all of it; exact, or a Go filepath.Match glob whose every
// match is a root), an optional --parents include pattern and the --exclude
// patterns, both matched like BuildKit's copier (tonistiigi/fsutil copy,
// moby/patternmatcher MatchesUsingParentResults) against the path relative to
// each root. A root itself is never tested against the patterns (fsutil
// starts each resolved source with an empty relative path), so
// `COPY --exclude=*.txt a.txt /` still copies a.txt.
//
// Both the copy-source accounting (which entries of the tree a source reads)
// and `--changed` (does it read this path) go through this one type.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "context/matcher.h"
#include "context/walker.h"

namespace ballast::context {

// Per-tree facts every source needs, computed once: subtree extents (pre-order
// keeps a directory's contents contiguous) and depths.
class TreeIndex {
 public:
  explicit TreeIndex(const ContextTree& tree);

  std::size_t end(std::size_t i) const { return end_[i]; }      // one past i's subtree
  std::uint32_t depth(std::size_t i) const { return depth_[i]; }  // 0 at the top level
  // The entry with this clean relative path, -1 when absent. Visits only the
  // siblings along the path, not the whole tree.
  long find(const ContextTree& tree, std::string_view path) const;

 private:
  std::vector<std::uint32_t> end_, depth_;
};

struct ContextSource {
  int stage = 0;
  int instruction = 0;  // index in ParsedDockerfile::instructions
  int line = 0;
  std::string keyword;  // "COPY" | "ADD" | "RUN --mount"
  std::string source;   // as reported: cleaned; --parents keeps its "/./" pivot
  std::string root;     // cleaned, relative, "" = the whole context
  bool root_glob = false;
  bool parents = false;         // COPY --parents: only what `include` matches
  std::string include;          // --parents: the pattern below the pivot
  std::vector<std::string> excludes;  // --exclude values, as expanded

  // Compiles include/excludes. A pattern patternmatcher rejects makes the
  // build fail on its own; here it is dropped (returns false).
  bool compile();

  // Reads `path` (clean, relative, "." = the whole context).
  bool reaches(std::string_view path) const;

  // Calls visit(i) for each tree entry the source reads, in tree order. A
  // --parents root directory itself is not reported (only what the pattern
  // includes); a plain root is.
  void for_each_reached(const ContextTree& tree, const TreeIndex& index,
                        const std::function<void(std::size_t)>& visit) const;

  // No wildcard anywhere: BuildKit requires it to exist (a --parents source
  // with a wildcard that matches nothing copies nothing, without error).
  bool required() const;

 private:
  bool filtered() const { return parents || !exclude_.empty(); }
  // Decides a path below a root, one component at a time (relative path).
  bool keeps(std::string_view rel) const;

  Matcher include_, exclude_;
};

}  // namespace ballast::context

// `ballast context`: what a build context sends under its .dockerignore, and
// how the Dockerfile uses it. One report object (rendered by
// src/report/context_*.cc); nothing here prints.
//
// For the linter, lint_context() returns only the findings:
//   context.copy-ignored   COPY/ADD (or RUN --mount=type=bind) source excluded
//                          by .dockerignore line N (exceptions `!` handled by
//                          the real matcher)
//   context.copy-missing   COPY/ADD (or bind mount) source not in the context
//   context.no-dockerignore no .dockerignore while the context holds .git,
//                          node_modules or a virtualenv
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "context/walker.h"
#include "model/finding.h"

namespace ballast::context {

struct ContextOptions {
  std::string dockerfile;             // "" = <dir>/Dockerfile when present
  bool use_dockerfile = true;         // false: ignore any Dockerfile
  Engine engine = Engine::kBuildKit;
  std::vector<std::string> changed;   // --changed paths, relative to the context
  bool list = false;                  // keep the sorted list of sent paths
  std::size_t top = 10;
  std::uint64_t big_file_bytes = 50ull * 1024 * 1024;
  unsigned walk_threads = 0;          // 0 = default_walk_threads() (walker.h)
  WalkProgress progress;              // entries walked so far, now and then
};

struct SizeItem {
  std::string path;
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
};

struct RuleEffect {
  int line = 0;
  std::string text;      // as written
  std::string pattern;   // cleaned, without `!`
  bool exception = false;
  std::uint64_t files = 0;  // files whose fate this line decided
  std::uint64_t bytes = 0;
  bool matches_nothing = false;  // no path of the context matches it
};

// A COPY/ADD source or a RUN --mount=type=bind of the context.
struct CopySource {
  int stage = 0;
  int line = 0;
  std::string instruction;  // "COPY" / "ADD" / "RUN --mount"
  std::string source;       // expanded and cleaned, relative to the context
                            // (--parents: "root/./pattern", or the pattern)
  std::vector<std::string> excludes;  // --exclude patterns, expanded
  bool parents = false;               // COPY --parents
  std::uint64_t files = 0;  // sent files it reaches
  std::uint64_t bytes = 0;
  std::string status;       // "ok" | "excluded" | "missing" | "empty" (a wildcard
                            // source that matches nothing sent: copies nothing)
  int excluded_by_line = 0;
};

struct InvalidatedStage {
  int stage = 0;
  std::string name;
  int first_line = 0;
  std::vector<int> lines;  // start lines of the invalidated instructions
};

struct Invalidation {
  std::string changed;
  bool sent = false;
  int excluded_by_line = 0;
  std::vector<InvalidatedStage> stages;
};

struct ContextReport {
  std::string root;
  std::string dockerfile;   // "" when none
  std::string ignore_file;  // "" when none
  Engine engine = Engine::kBuildKit;
  std::uint64_t sent_files = 0, sent_bytes = 0, sent_dirs = 0;
  std::uint64_t excluded_files = 0, excluded_bytes = 0;
  std::vector<SizeItem> largest_files, largest_dirs;
  std::vector<RuleEffect> rules;
  std::vector<CopySource> copy_sources;
  bool copies_everything = false;  // some source reads the whole context (no --exclude)
  SizeItem unreachable;            // totals of sent files no source reaches
  std::vector<SizeItem> unreachable_top;
  std::vector<Invalidation> invalidations;
  std::vector<WalkWarning> warnings;
  std::vector<model::Finding> findings;
  std::vector<std::string> sent;   // with `list`: sent paths, dirs with a trailing '/'
};

// Throws InputError for an unreadable directory, a bad .dockerignore (with its
// line) or a Dockerfile that does not parse.
ContextReport analyze_context(const std::string& dir, const ContextOptions& options);

// The findings the linter shows when a context is available.
std::vector<model::Finding> lint_context(const std::string& dir, const std::string& dockerfile);

// Where Docker reads the ignore rules: `<Dockerfile>.dockerignore` next to the
// Dockerfile when it exists, else `<dir>/.dockerignore`; "" when neither.
std::string find_ignore_file(const std::string& dir, const std::string& dockerfile);

}  // namespace ballast::context

// What lint may know about the build context, filled by src/context/ (the
// .dockerignore matching lives there, not here). Optional: without it the
// context-aware rules (BA1018, BA2006, BA4022, BA4023) stay silent.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::lint {

struct ContextInfo {
  bool has_dockerignore = false;
  // Heavy entries present at the top of the context (".git", "node_modules",
  // "venv", ".venv" ...), whether or not .dockerignore excludes them.
  std::vector<std::string> heavy_entries;
  // .dockerignore verdict for a slash-separated path relative to the context
  // root ("src/app.py"); null when unknown.
  std::function<bool(std::string_view path)> is_excluded;

  // What `ballast context` finds for one Dockerfile (by its path) after
  // walking the context: COPY/ADD/RUN --mount sources the build cannot find,
  // excluded (with `!` exceptions decided on the real tree) or missing. Null
  // when unknown; the rules then fall back to is_excluded on plain sources.
  struct SourceProblem {
    int line = 0;           // the instruction's first line
    bool excluded = false;  // false: missing
    std::string message, fix;
  };
  std::function<std::vector<SourceProblem>(const std::string& dockerfile)> source_problems;

  // The devDependencies of the context's package.json, sorted (BA1018);
  // empty when there is none or it declares none.
  std::vector<std::string> node_dev_dependencies;
  // Yarn 2 or later manages the project (a .yarnrc.yml at the root, or a
  // yarn.lock with a `__metadata:` block): its `yarn install` has no
  // --production; Yarn 1's has (BA1018's fix).
  bool yarn_berry = false;
};

}  // namespace ballast::lint

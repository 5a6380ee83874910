// What lint may know about the build context, filled by src/context/ (the
// .dockerignore matching lives there, not here). Optional: without it the
// context-aware rules (BA2006, BA4022) stay silent.
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
};

}  // namespace ballast::lint

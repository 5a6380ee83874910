#include "lint/context_from_dir.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "context/analysis.h"
#include "context/matcher.h"
#include "util/bounded_json.h"
#include "util/error.h"

namespace ballast::lint {

std::vector<std::string> node_dev_dependencies(const std::string& dir) {
  std::ifstream in(dir + "/package.json", std::ios::binary);
  if (!in) return {};
  // A manifest is small; a huge one is not read (a hostile context).
  constexpr std::size_t kMaxManifest = 4 << 20;
  std::string text(kMaxManifest + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxManifest) return {};
  nlohmann::json doc = parse_bounded_json(text, dir + "/package.json");
  std::vector<std::string> out;
  if (!doc.is_object() || !doc.contains("devDependencies") || !doc["devDependencies"].is_object()) return out;
  for (const auto& [name, version] : doc["devDependencies"].items()) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

bool yarn_berry(const std::string& dir) {
  struct stat st {};
  if (::stat((dir + "/.yarnrc.yml").c_str(), &st) == 0) return true;
  // Yarn 1's lock file starts "# yarn lockfile v1"; Yarn 2+ writes a
  // `__metadata:` block near its top: the first 4 KiB tell.
  std::ifstream in(dir + "/yarn.lock", std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find("\n__metadata:") != std::string::npos || head.starts_with("__metadata:");
}

ContextInfo context_from_dir(const std::string& dir, const std::string& dockerfile) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw InputError(dir + ": build context is not a directory");
  ContextInfo info;
  // Entries that make a context heavy when nothing excludes them.
  static constexpr std::array kHeavy = {".git", "node_modules", "venv", ".venv", "__pycache__"};
  for (const char* name : kHeavy) {
    struct stat e {};
    if (::lstat((dir + "/" + name).c_str(), &e) == 0) info.heavy_entries.emplace_back(name);
  }
  info.node_dev_dependencies = node_dev_dependencies(dir);
  info.yarn_berry = yarn_berry(dir);
  info.source_problems = [dir](const std::string& file) {
    std::vector<ContextInfo::SourceProblem> out;
    for (const auto& f : context::lint_context(dir, file)) {
      if (f.id != "context.copy-ignored" && f.id != "context.copy-missing") continue;
      out.push_back({f.location ? f.location->line : 0, f.id == "context.copy-ignored", f.message, f.fix});
    }
    return out;
  };
  std::string ignore = context::find_ignore_file(dir, dockerfile);
  if (ignore.empty()) return info;
  info.has_dockerignore = true;
  std::ifstream in(ignore, std::ios::binary);
  if (!in) throw InputError(ignore + ": cannot read");
  std::stringstream content;
  content << in.rdbuf();
  auto matcher = std::make_shared<context::Matcher>(context::Matcher::from_file_content(content.str(), ignore));
  info.is_excluded = [matcher](std::string_view path) {
    return matcher->matches_or_parent_matches(path).excluded;
  };
  return info;
}

}  // namespace ballast::lint

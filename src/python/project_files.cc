#include "python/project_files.h"

#include <algorithm>
#include <system_error>

#include "context/matcher.h"

namespace ballast::python {

namespace fs = std::filesystem;

namespace {

bool is_skipped_dir_name(const std::string& name) {
  static const std::set<std::string> kNames = {
      ".git", ".hg", ".svn", "node_modules", "__pycache__", "site-packages", "dist-packages", ".tox", ".nox",
      ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", ".idea", ".vscode", ".ipynb_checkpoints"};
  return kNames.count(name) > 0 || (name.size() > 9 && name.substr(name.size() - 9) == ".egg-info");
}

std::string generic(const fs::path& p) { return p.generic_string(); }

std::string stem_of(std::string_view file) {
  size_t slash = file.rfind('/');
  std::string_view base = slash == std::string_view::npos ? file : file.substr(slash + 1);
  return std::string(base.substr(0, base.rfind('.')));
}

std::string dir_of(std::string_view file) {
  size_t slash = file.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(file.substr(0, slash));
}

}  // namespace

bool is_requirements_file(std::string_view rel) {
  size_t slash = rel.rfind('/');
  std::string_view base = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
  std::string_view dir = slash == std::string_view::npos ? "" : rel.substr(0, slash);
  std::string_view parent = dir.substr(dir.rfind('/') == std::string_view::npos ? 0 : dir.rfind('/') + 1);
  bool txt = base.size() > 4 && base.substr(base.size() - 4) == ".txt";
  if (!txt) return false;
  if (base.rfind("requirements", 0) == 0) return true;
  return parent == "requirements";
}

bool is_test_file(std::string_view rel) {
  std::string path = "/" + std::string(rel);
  if (path.find("/tests/") != std::string::npos || path.find("/test/") != std::string::npos) return true;
  std::string base = stem_of(rel);
  return base.rfind("test_", 0) == 0 || (base.size() > 5 && base.substr(base.size() - 5) == "_test") ||
         base == "conftest";
}

ProjectFiles find_project_files(const fs::path& root, const WalkOptions& options) {
  ProjectFiles out;
  std::vector<std::string> patterns;
  for (const auto& p : options.excludes) patterns.push_back(p.find('/') == std::string::npos ? "**/" + p : p);
  context::Matcher excludes = context::Matcher::from_patterns(patterns);

  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    out.warnings.push_back({{generic(root)}, "cannot read directory: " + ec.message()});
    return out;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      out.warnings.push_back({{generic(it->path())}, "cannot read: " + ec.message()});
      ec.clear();
      continue;
    }
    const fs::directory_entry& entry = *it;
    std::string rel = generic(entry.path().lexically_relative(root));
    std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_symlink(type_ec)) continue;  // never followed: loops and out-of-tree targets
    if (entry.is_directory(type_ec)) {
      bool venv = fs::exists(entry.path() / "pyvenv.cfg", type_ec) || fs::exists(entry.path() / "conda-meta", type_ec);
      if (venv || is_skipped_dir_name(name)) {
        if (venv || name == "site-packages" || name == "dist-packages" || name == "node_modules") out.skipped.push_back(rel);
        it.disable_recursion_pending();
        continue;
      }
      if (!excludes.empty() && excludes.matches_or_parent_matches(rel).excluded) {
        out.skipped.push_back(rel);
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!entry.is_regular_file(type_ec)) continue;
    if (!excludes.empty() && excludes.matches_or_parent_matches(rel).excluded) continue;
    if (name.size() > 3 && name.substr(name.size() - 3) == ".py") {
      if (options.dockerignore && options.dockerignore->matches_or_parent_matches(rel).excluded) continue;
      out.python_files.push_back(rel);
    } else if (is_requirements_file(rel)) {
      out.requirements_files.push_back(rel);
    } else if (name == "pyproject.toml") {
      out.pyproject_files.push_back(rel);
    } else if (name == "setup.cfg") {
      out.setup_cfg_files.push_back(rel);
    }
  }
  for (auto* v : {&out.python_files, &out.requirements_files, &out.pyproject_files, &out.setup_cfg_files,
                  &out.skipped})
    std::sort(v->begin(), v->end());
  return out;
}

FirstParty::FirstParty(const std::vector<std::string>& files) {
  std::set<std::string> dirs_with_init;
  for (const auto& f : files) {
    if (stem_of(f) == "__init__") dirs_with_init.insert(dir_of(f));
  }
  for (const auto& f : files) {
    std::string dir = dir_of(f);
    std::string first = f.substr(0, f.find('/'));
    // Root layout: top-level module or package directory.
    global_.insert(f.find('/') == std::string::npos ? stem_of(f) : first);
    // src layout: src/<package>/... or src/<module>.py
    if (first == "src" && f.find('/') != std::string::npos) {
      std::string rest = f.substr(4);
      global_.insert(rest.find('/') == std::string::npos ? stem_of(rest) : rest.substr(0, rest.find('/')));
    }
    // Every name anywhere: a module or a directory holding Python files.
    anywhere_.insert(stem_of(f));
    for (size_t pos = 0; pos < dir.size();) {
      size_t slash = dir.find('/', pos);
      if (slash == std::string::npos) slash = dir.size();
      anywhere_.insert(dir.substr(pos, slash - pos));
      pos = slash + 1;
    }
    // A script's own directory is on sys.path when it is run directly; that
    // matters for directories that are not packages.
    if (!dir.empty() && !dirs_with_init.count(dir)) local_[dir].insert(stem_of(f));
    for (std::string child = dir; !child.empty();) {
      std::string parent = dir_of(child);
      if (!parent.empty() && !dirs_with_init.count(parent))
        local_[parent].insert(child.substr(child.rfind('/') + 1));
      child = parent;
    }
  }
}

bool FirstParty::is_first_party(std::string_view module, std::string_view file) const {
  std::string m(module);
  if (global_.count(m)) return true;
  auto it = local_.find(dir_of(file));
  return it != local_.end() && it->second.count(m);
}

}  // namespace ballast::python

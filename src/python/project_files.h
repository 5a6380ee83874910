// Finding a project's Python sources and manifests, and its own (first-party)
// module names. Skips what is not the project: virtual environments (a
// `pyvenv.cfg`, a conda `conda-meta/`), site-packages, VCS and tool caches,
// node_modules, `--exclude` globs and, when asked, what .dockerignore keeps
// out of the image. Symlinks are not followed.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "python/diagnostic.h"

namespace ballast::context {
class Matcher;
}

namespace ballast::python {

struct WalkOptions {
  // Docker-style globs (`**` allowed); a pattern without '/' matches that
  // name at any depth ("tests" skips every tests/ directory).
  std::vector<std::string> excludes;
  // Only .py files the build context sends (nullptr: all).
  const context::Matcher* dockerignore = nullptr;
};

struct ProjectFiles {
  std::vector<std::string> python_files;  // relative, '/'-separated, sorted
  std::vector<std::string> requirements_files;
  std::vector<std::string> pyproject_files;
  std::vector<std::string> setup_cfg_files;
  std::vector<std::string> skipped;  // environments and caches left out (for the report)
  std::vector<Diagnostic> warnings;
};

ProjectFiles find_project_files(const std::filesystem::path& root, const WalkOptions& options);

// requirements.txt, requirements-dev.txt, requirements_prod.txt,
// requirements/base.txt (any .txt under a directory named requirements).
bool is_requirements_file(std::string_view relative_path);

// The project's own top-level modules. Python puts the project root (and
// src/ in a src layout) on sys.path, and the directory of a script run
// directly; names defined anywhere else in the tree are "maybe first-party".
class FirstParty {
 public:
  explicit FirstParty(const std::vector<std::string>& python_files);

  // `module` is a top-level name, `file` the importing file (relative).
  bool is_first_party(std::string_view module, std::string_view file) const;
  bool is_project_name(std::string_view module) const { return anywhere_.count(std::string(module)) > 0; }
  const std::set<std::string>& global() const { return global_; }

 private:
  std::set<std::string> global_;
  std::map<std::string, std::set<std::string>> local_;  // script directory -> names beside it
  std::set<std::string> anywhere_;
};

// True for tests (tests/ or test/ directories, test_*.py, *_test.py, conftest.py).
bool is_test_file(std::string_view relative_path);

}  // namespace ballast::python

// Everything a project declares about its dependencies, gathered from all of
// its manifests: requirements files (with their -r/-c hierarchy),
// pyproject.toml, setup.cfg. The analysis compares this against the imports.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/finding.h"
#include "python/diagnostic.h"
#include "python/requirement.h"

namespace ballast::python {

// --index-url / --extra-index-url / --find-links of a requirements file (or of
// a `pip install` line): tells whether torch comes from the CPU-only index.
struct PackageIndex {
  std::string url;
  bool extra = false;       // --extra-index-url
  bool find_links = false;  // -f / --find-links
  model::SourceLocation location;
};

// A [project.scripts] / [tool.poetry.scripts] entry "name = module:function".
struct ConsoleScript {
  std::string name;
  std::string module;  // "pkg.cli"
  model::SourceLocation location;
};

struct Declarations {
  std::vector<Requirement> requirements;
  std::vector<PackageIndex> indexes;
  std::vector<ConsoleScript> scripts;
  std::vector<std::string> project_names;  // normalised [project] / poetry names: the project itself
  std::vector<std::string> files;          // manifests read, relative to the project
  // -r/-c edges between requirements files (including file, included file),
  // as shown in `files`: which files a `pip install -r X` really installs.
  std::vector<std::pair<std::string, std::string>> includes;
  std::vector<Diagnostic> warnings;
};

// The download.pytorch.org CPU wheel index (or any "/whl/cpu" mirror of it).
bool is_cpu_torch_index(std::string_view url);

}  // namespace ballast::python

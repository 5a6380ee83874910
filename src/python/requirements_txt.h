// pip's requirements file format (pip docs, "Requirements File Format"):
// one requirement or option per line, `\` continuations, `#` comments,
// -r/-c includes relative to the including file, per-requirement --hash,
// index options, -e, URLs, VCS links with #egg=, local paths and archives.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "python/declarations.h"

namespace ballast::python {

class RequirementsReader {
 public:
  // Paths in locations are shown relative to `root`.
  explicit RequirementsReader(std::filesystem::path root) : root_(std::move(root)) {}

  // Reads `path` and what it includes into `out`. Returns false when `path`
  // itself cannot be read. A file already read (through another include) is
  // skipped; an include cycle is a warning.
  bool read(const std::filesystem::path& path, Declarations& out);

  // Parses one file's text as if read from `path` (for tests and fuzzing);
  // includes are still resolved on disk relative to `path`.
  void read_text(const std::filesystem::path& path, std::string_view text, bool constraint,
                 Declarations& out);

 private:
  bool read_file(const std::filesystem::path& path, bool constraint, Declarations& out,
                 const model::SourceLocation* included_from);
  void parse_line(const std::filesystem::path& path, std::string_view line, int line_no,
                  bool constraint, bool dev, Declarations& out);
  std::string display_path(const std::filesystem::path& path) const;
  // Under root_ or the directory of a file passed to read().
  bool inside_allowed(const std::filesystem::path& path) const;

  std::filesystem::path root_;
  std::vector<std::filesystem::path> allowed_;
  std::set<std::string> done_;
  std::vector<std::string> stack_;
};

// A requirements file whose name says it is for development, tests, docs or
// linting ("requirements-dev.txt", "requirements/test.txt").
bool is_dev_requirements_name(const std::filesystem::path& path);

// The same test for a group name ("dev", "test-tools", "docs"): used for
// optional-dependencies keys and poetry / PEP 735 groups.
bool is_dev_group_name(std::string_view name);

// The project name of a URL or file requirement: "#egg=name", or the name
// part of a wheel / sdist file name; "" when it cannot be known.
std::string name_from_url(std::string_view url);

}  // namespace ballast::python

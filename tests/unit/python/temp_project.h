// A throw-away project directory for tests: files are written from the test
// itself so each fixture and its expected findings sit side by side.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace ballast::python::testing {

class TempProject {
 public:
  TempProject() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ballast-deps-XXXXXX").string();
    root_ = mkdtemp(tmpl.data());
  }
  ~TempProject() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;

  void write(std::string_view rel, std::string_view content) const {
    std::filesystem::path p = root_ / std::filesystem::path(rel);
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
  }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace ballast::python::testing

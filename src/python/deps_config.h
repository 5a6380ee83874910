// The `deps:` section of .ballast.yaml (schema: config/schema.h): what a
// project always passes to `ballast deps`. Command-line flags override it.
//
//   deps:
//     python_version: "3.12"
//     exclude: [tests/**, scripts/**]
//     dockerignore: true
//     fail_on: [missing, unused]
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ballast::config {
class ConfigFile;
}

namespace ballast::python {

struct DepsSettings {
  std::optional<int> python_minor;                  // 3.<minor>
  std::optional<std::vector<std::string>> excludes;
  std::optional<bool> dockerignore;
  std::optional<std::vector<std::string>> fail_on;  // finding ids
};

// Throws InputError "file:line: ..." on a bad value.
DepsSettings deps_settings(const config::ConfigFile& file);

}  // namespace ballast::python

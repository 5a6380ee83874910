// Node packages: every node_modules/<name>/package.json (or
// node_modules/@scope/<name>/package.json) makes that directory one package
// that owns all files below it (npm's layout; nested node_modules are their
// own packages, and the deepest package directory wins).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "attribution/package.h"

namespace ballast::attribution {

// The package directory when `path` is a package's own package.json.
std::optional<std::string_view> node_package_dir(std::string_view path);

// Name (from the JSON, else the directory) and version of a package.json;
// unparseable JSON keeps the directory name and adds a warning.
PackageFiles parse_node_package(std::string_view package_json_path, const std::string* contents,
                                std::vector<std::string>* warnings);

}  // namespace ballast::attribution

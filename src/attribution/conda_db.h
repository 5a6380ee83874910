// conda's per-package records, <prefix>/conda-meta/<name>-<version>-<build>.json:
// "name", "version" and "files" (paths relative to the prefix, the directory
// holding conda-meta).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attribution/package.h"

namespace ballast::attribution {

// nullopt-like: an empty name when the record is unusable (then a warning).
PackageFiles parse_conda_meta(std::string_view path, const std::string& contents,
                              std::vector<std::string>* warnings);

}  // namespace ballast::attribution

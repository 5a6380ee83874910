// User category rules from a YAML file (`ballast analyze --categories FILE`,
// format in docs/attribution.md#custom-categories):
//   rules:
//     - category: app
//       path: "srv/**"
//     - category: ml-models
//       package: "my-weights-*"
//       manager: python
// They are tried before the built-in table.
#pragma once

#include <string>
#include <vector>

#include "attribution/categories.h"

namespace ballast::report {

// Throws InputError naming the file (and the rule) when it is malformed.
std::vector<attribution::CategoryRule> load_category_rules(const std::string& path);

}  // namespace ballast::report

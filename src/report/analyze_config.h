// What users configure about `ballast analyze`, from YAML:
//  - `--categories FILE`: a file with a top-level `rules:` list;
//  - the `analyze:` section of .ballast.yaml (config/config_file.h), found
//    upward from the current directory or given with --config:
//      analyze:
//        base_layers: 2          # leading layers that are the base image
//        categories:             # same rule format as --categories
//          - category: app
//            path: "srv/**"
//          - category: ml-models
//            package: "my-weights-*"
//            manager: python
// Rules (format in docs/attribution.md#custom-categories) are tried before
// the built-in table: --categories first, then the config file's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attribution/categories.h"

namespace ballast::config {
class ConfigFile;
}

namespace ballast::report {

// Both throw InputError naming the file (and the rule or line) when it is malformed.
std::vector<attribution::CategoryRule> load_category_rules(const std::string& path);

struct AnalyzeConfig {
  std::vector<attribution::CategoryRule> categories;
  std::optional<int> base_layers;
  std::optional<std::uint64_t> max_memory;      // metadata budget (docs/limits.md)
  std::optional<std::uint64_t> max_layer_size;  // decompressed bytes of one layer
  std::string source;  // the file read
};
// The `analyze:` section of a checked file (config/config_file.h); a file
// without one gives an empty AnalyzeConfig.
AnalyzeConfig analyze_config(const config::ConfigFile& file);
AnalyzeConfig load_analyze_config(const std::string& path);

}  // namespace ballast::report

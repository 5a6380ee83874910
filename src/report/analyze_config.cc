#include "report/analyze_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <memory>

#include "config/config_file.h"
#include "util/byte_size.h"
#include "util/error.h"

namespace ballast::report {
namespace {

YAML::Node load_yaml(const std::string& path, const char* what) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(path + ": cannot read the " + what);
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

std::vector<attribution::CategoryRule> parse_rules(const std::vector<config::Value>& rules, const std::string& path) {
  std::vector<attribution::CategoryRule> out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const config::Value& r = rules[i];
    std::string where = path + ": rule " + std::to_string(i + 1) + " (line " + std::to_string(r.line()) + ")";
    if (!r.is_map()) throw InputError(where + ": expected a mapping");
    attribution::CategoryRule rule;
    for (const auto& [key_value, value_node] : r.entries("a rule")) {
      const std::string key = key_value.string("a key");
      if (!value_node.is_scalar()) throw InputError(where + ": '" + key + "' must be a string");
      const std::string value = value_node.string(key);
      if (key == "category") rule.category = value;
      else if (key == "path") rule.path = value.starts_with('/') ? value.substr(1) : value;
      else if (key == "package") rule.package = value;
      else if (key == "manager") rule.manager = value;
      else if (key == "layers") {
        if (value == "base") rule.layers = attribution::LayerScope::kBase;
        else if (value == "copy") rule.layers = attribution::LayerScope::kCopy;
        else if (value == "workdir") rule.layers = attribution::LayerScope::kWorkdir;
        else if (value != "any") throw InputError(where + ": layers must be any, base, copy or workdir");
      } else if (key == "beside") rule.beside = value;
      else if (key == "why") rule.why = value;
      else throw InputError(where + ": unknown key '" + key + "' (category, path, package, manager, layers, beside, why)");
    }
    if (rule.category.empty()) throw InputError(where + ": no 'category'");
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace

std::vector<attribution::CategoryRule> load_category_rules(const std::string& path) {
  YAML::Node doc = load_yaml(path, "categories file");
  // Subscripting a scalar document (any text file, e.g. /etc/hostname) makes
  // yaml-cpp throw its own exception; say what was expected instead.
  if (!doc.IsMap()) {
    throw InputError(path + ":" + std::to_string(std::max(doc.Mark().line, 0) + 1) +
                     ": not a categories file (expected a mapping with a top-level 'rules:' list)");
  }
  try {
    YAML::Node rules = doc["rules"];
    if (!rules || !rules.IsSequence()) throw InputError(path + ": expected a top-level 'rules:' list");
    auto file = std::make_shared<const std::string>(path);
    return parse_rules(config::Value(std::make_shared<YAML::Node>(rules), file).items("rules"), path);
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

AnalyzeConfig analyze_config(const config::ConfigFile& file) {
  AnalyzeConfig config;
  config.source = file.path();
  const std::optional<config::Section> section = file.section("analyze");
  if (!section) return config;
  for (const auto& [key, value] : section->keys()) {
    if (key == "categories") {
      if (!value.is_list()) value.fail("analyze.categories: expected a list of rules");
      config.categories = parse_rules(value.items("analyze.categories"), file.path());
    } else if (key == "base_layers") {
      config.base_layers = static_cast<int>(std::min<std::uint64_t>(value.count("analyze.base_layers"), 1u << 30));
    } else if (key == "max_memory" || key == "max_layer_size") {
      std::string text = value.string("analyze." + key);
      auto bytes = parse_byte_size(text);
      if (!bytes) value.fail("analyze." + key + ": not a size ('" + text + "'; e.g. 4GiB, 500MB)");
      (key == "max_memory" ? config.max_memory : config.max_layer_size) = *bytes;
    }
  }
  return config;
}

AnalyzeConfig load_analyze_config(const std::string& path) { return analyze_config(config::ConfigFile::load(path)); }

}  // namespace ballast::report

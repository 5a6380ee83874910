#include "report/analyze_config.h"

#include <yaml-cpp/yaml.h>

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

std::vector<attribution::CategoryRule> parse_rules(const YAML::Node& rules, const std::string& path) {
  std::vector<attribution::CategoryRule> out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const YAML::Node& r = rules[i];
    std::string where = path + ": rule " + std::to_string(i + 1) + " (line " + std::to_string(r.Mark().line + 1) + ")";
    if (!r.IsMap()) throw InputError(where + ": expected a mapping");
    attribution::CategoryRule rule;
    for (const auto& kv : r) {
      std::string key = kv.first.as<std::string>();
      if (!kv.second.IsScalar()) throw InputError(where + ": '" + key + "' must be a string");
      std::string value = kv.second.as<std::string>();
      if (key == "category") rule.category = value;
      else if (key == "path") rule.path = value.starts_with('/') ? value.substr(1) : value;
      else if (key == "package") rule.package = value;
      else if (key == "manager") rule.manager = value;
      else if (key == "layers") {
        if (value == "base") rule.layers = attribution::LayerScope::kBase;
        else if (value == "copy") rule.layers = attribution::LayerScope::kCopy;
        else if (value == "workdir") rule.layers = attribution::LayerScope::kWorkdir;
        else if (value != "any") throw InputError(where + ": layers must be any, base, copy or workdir");
      } else if (key == "why") rule.why = value;
      else throw InputError(where + ": unknown key '" + key + "' (category, path, package, manager, layers, why)");
    }
    if (rule.category.empty()) throw InputError(where + ": no 'category'");
    out.push_back(std::move(rule));
  }
  return out;
}

// The `analyze:` section; yaml_input() turns yaml-cpp's exceptions into InputError.
AnalyzeConfig parse_analyze_config(const std::string& path) {
  AnalyzeConfig config;
  config.source = path;
  YAML::Node doc = load_yaml(path, "configuration file");
  if (!doc.IsMap()) return config;
  YAML::Node section = doc["analyze"];
  if (!section) return config;
  if (!section.IsMap()) throw InputError(path + ":" + std::to_string(section.Mark().line + 1) + ": 'analyze' must be a mapping");
  for (const auto& kv : section) {
    std::string key = kv.first.as<std::string>();
    std::string where = path + ":" + std::to_string(kv.first.Mark().line + 1) + ": analyze." + key;
    if (key == "categories") {
      if (!kv.second.IsSequence()) throw InputError(where + ": expected a list of rules");
      config.categories = parse_rules(kv.second, path);
    } else if (key == "base_layers") {
      int n = -1;
      try {
        n = kv.second.as<int>();
      } catch (const YAML::Exception&) {
      }
      if (n < 0) throw InputError(where + ": expected a layer count (0 or more)");
      config.base_layers = n;
    } else {
      throw InputError(where + ": unknown key (categories, base_layers)");
    }
  }
  return config;
}

// yaml-cpp throws on conversions too (a key that is a list): that is bad input as well.
template <typename F>
auto yaml_input(const std::string& path, F&& parse) {
  try {
    return parse();
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace

std::vector<attribution::CategoryRule> load_category_rules(const std::string& path) {
  return yaml_input(path, [&] {
    YAML::Node doc = load_yaml(path, "categories file");
    YAML::Node rules = doc["rules"];
    if (!rules || !rules.IsSequence()) throw InputError(path + ": expected a top-level 'rules:' list");
    return parse_rules(rules, path);
  });
}

AnalyzeConfig load_analyze_config(const std::string& path) {
  return yaml_input(path, [&] { return parse_analyze_config(path); });
}

}  // namespace ballast::report

#include "report/breakdown_categories.h"

#include <yaml-cpp/yaml.h>

#include "util/error.h"

namespace ballast::report {

std::vector<attribution::CategoryRule> load_category_rules(const std::string& path) {
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(path + ": cannot read the categories file");
  } catch (const YAML::Exception& e) {
    throw InputError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  YAML::Node rules = doc["rules"];
  if (!rules || !rules.IsSequence()) throw InputError(path + ": expected a top-level 'rules:' list");
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

}  // namespace ballast::report

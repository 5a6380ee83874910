#include "lint/config.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include <yaml-cpp/yaml.h>

#include "lint/rule.h"
#include "util/error.h"

namespace ballast::lint {

std::optional<FailureThreshold> parse_failure_threshold(std::string_view text) {
  if (text == "info") return FailureThreshold::kInfo;
  if (text == "warning") return FailureThreshold::kWarning;
  if (text == "error") return FailureThreshold::kError;
  if (text == "none") return FailureThreshold::kNone;
  return std::nullopt;
}

bool reaches(model::Severity severity, FailureThreshold threshold) {
  switch (threshold) {
    case FailureThreshold::kNone: return false;
    case FailureThreshold::kInfo: return true;
    case FailureThreshold::kWarning: return severity >= model::Severity::kWarning;
    case FailureThreshold::kError: return severity == model::Severity::kError;
  }
  return false;
}

std::vector<std::string> resolve_rule_name(std::string_view name) {
  std::vector<std::string> ids;
  if (const RuleInfo* r = find_rule(name)) {
    ids.emplace_back(r->id);
  } else if (const RuleInfo* bk = find_rule_by_buildkit(name)) {
    ids.emplace_back(bk->id);
  } else {
    for (const RuleInfo* dl : rules_for_hadolint(name)) ids.emplace_back(dl->id);
  }
  return ids;
}

namespace {

[[noreturn]] void fail(const std::string& source, const YAML::Node& node, const std::string& what) {
  std::string where = source;
  if (node.Mark().line >= 0) where += ":" + std::to_string(node.Mark().line + 1);
  throw InputError(where + ": " + what);
}

std::vector<std::string> string_list(const std::string& source, const YAML::Node& node, const char* key) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!item.IsScalar()) fail(source, item, std::string("lint.") + key + " must be a list of strings");
      out.push_back(item.as<std::string>());
    }
  } else if (!node.IsNull()) {
    fail(source, node, std::string("lint.") + key + " must be a list of strings");
  }
  return out;
}

std::vector<std::string> rule_ids(const std::string& source, const YAML::Node& node, const std::string& name,
                                  const char* key) {
  auto ids = resolve_rule_name(name);
  if (ids.empty()) fail(source, node, "unknown rule '" + name + "' in lint." + key);
  return ids;
}

}  // namespace

Config parse_config(std::string_view yaml_text, const std::string& source) {
  Config config;
  config.source = source;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw InputError(source + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) fail(source, root, "expected a mapping at the top level");
  // Other sections (context:, deps: ...) belong to other subcommands.
  YAML::Node lint = root["lint"];
  if (!lint || lint.IsNull()) return config;
  if (!lint.IsMap()) fail(source, lint, "'lint' must be a mapping");

  try {
    for (const auto& entry : lint) {
      std::string key = entry.first.as<std::string>();
      const YAML::Node& value = entry.second;
      if (key == "ignore" || key == "enable") {
        auto& target = key == "ignore" ? config.ignored : config.enabled;
        for (const auto& name : string_list(source, value, key.c_str())) {
          for (auto& id : rule_ids(source, value, name, key.c_str())) target.insert(id);
        }
      } else if (key == "severity") {
        if (!value.IsMap()) fail(source, value, "lint.severity must map rule ids to error|warning|info|off");
        for (const auto& item : value) {
          std::string name = item.first.as<std::string>();
          std::string level = item.second.as<std::string>();
          for (auto& id : rule_ids(source, item.first, name, "severity")) {
            if (level == "off") {
              config.ignored.insert(id);
            } else if (auto sev = model::parse_severity(level)) {
              config.severity[id] = *sev;
              config.enabled.insert(id);  // giving a severity turns an off-by-default rule on
            } else {
              fail(source, item.second, "severity of " + name + " must be error|warning|info|off, not '" + level + "'");
            }
          }
        }
      } else if (key == "trusted_registries") {
        config.trusted_registries = string_list(source, value, "trusted_registries");
      } else if (key == "failure_threshold") {
        std::string text = value.IsScalar() ? value.as<std::string>() : "";
        auto threshold = parse_failure_threshold(text);
        if (!threshold) fail(source, value, "lint.failure_threshold must be error|warning|info|none");
        config.failure_threshold = threshold;
      } else {
        fail(source, entry.first, "unknown key 'lint." + key + "'");
      }
    }
  } catch (const YAML::Exception& e) {
    throw InputError(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return config;
}

Config load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot read config file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string());
}

}  // namespace ballast::lint

#include "lint/config.h"

#include "config/config_file.h"
#include "lint/rule.h"

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

std::vector<std::string> rule_ids(const config::Value& where, const std::string& name, const char* key) {
  auto ids = resolve_rule_name(name);
  if (ids.empty()) where.fail("unknown rule '" + name + "' in lint." + key);
  return ids;
}

}  // namespace

Config lint_config(const config::ConfigFile& file) {
  Config config;
  config.source = file.path();
  const std::optional<config::Section> lint = file.section("lint");
  if (!lint) return config;
  for (const auto& [key, value] : lint->keys()) {
    if (key == "ignore" || key == "enable") {
      auto& target = key == "ignore" ? config.ignored : config.enabled;
      for (const auto& name : value.string_list("lint." + key)) {
        for (auto& id : rule_ids(value, name, key.c_str())) target.insert(id);
      }
    } else if (key == "severity") {
      if (!value.is_map()) value.fail("lint.severity must map rule ids to error|warning|info|off");
      for (const auto& [rule, level_value] : value.entries("lint.severity")) {
        const std::string name = rule.string("a rule name");
        const std::string level = level_value.string("lint.severity." + name);
        for (auto& id : rule_ids(rule, name, "severity")) {
          if (level == "off") {
            config.ignored.insert(id);
          } else if (auto sev = model::parse_severity(level)) {
            config.severity[id] = *sev;
            config.enabled.insert(id);  // giving a severity turns an off-by-default rule on
          } else {
            level_value.fail("severity of " + name + " must be error|warning|info|off, not '" + level + "'");
          }
        }
      }
    } else if (key == "trusted_registries") {
      config.trusted_registries = value.string_list("lint.trusted_registries");
    } else if (key == "failure_threshold") {
      auto threshold = parse_failure_threshold(value.is_scalar() ? value.string(key) : "");
      if (!threshold) value.fail("lint.failure_threshold must be error|warning|info|none");
      config.failure_threshold = threshold;
    }
  }
  return config;
}

Config parse_config(std::string_view yaml_text, const std::string& source) {
  return lint_config(config::ConfigFile::parse(yaml_text, source));
}

Config load_config(const std::filesystem::path& path) { return lint_config(config::ConfigFile::load(path)); }

}  // namespace ballast::lint

#include "check/dive_ci.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include "config/schema.h"
#include "util/byte_size.h"
#include "util/error.h"

namespace ballast::check {
namespace {

struct Spelling {
  std::string_view lower_camel;  // dive's key, lowercased (viper folds case)
  std::string_view kebab;        // dive 0.13
  DiveRule rule;
};
constexpr std::array kSpellings = {
    Spelling{"lowestefficiency", "lowest-efficiency", DiveRule::kLowestEfficiency},
    Spelling{"highestwastedbytes", "highest-wasted-bytes", DiveRule::kHighestWastedBytes},
    Spelling{"highestuserwastedpercent", "highest-user-wasted-percent", DiveRule::kHighestUserWastedPercent},
};

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// strconv.ParseFloat for the decimal forms people write (no hex floats).
std::optional<double> parse_float(const std::string& text) {
  std::string_view s = text;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string_view dive_rule_name(DiveRule r) {
  switch (r) {
    case DiveRule::kLowestEfficiency: return "lowestEfficiency";
    case DiveRule::kHighestWastedBytes: return "highestWastedBytes";
    case DiveRule::kHighestUserWastedPercent: return "highestUserWastedPercent";
  }
  return "";
}

DiveCi parse_dive_ci(std::string_view yaml_text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw InputError(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  DiveCi ci;
  ci.file = file;
  // dive's defaults (cmd/root.go: rules.lowestEfficiency 0.9,
  // highestWastedBytes disabled, highestUserWastedPercent 0.1).
  ci.rules = {DiveCiRule{DiveRule::kLowestEfficiency, false, true, 0.9, 0, 0},
              DiveCiRule{DiveRule::kHighestWastedBytes, true, true, 0, 0, 0},
              DiveCiRule{DiveRule::kHighestUserWastedPercent, false, true, 0.1, 0, 0}};
  if (!root || root.IsNull()) return ci;
  if (!root.IsMap()) throw InputError(file + ":" + std::to_string(root.Mark().line + 1) + ": expected a mapping with `rules:`");
  YAML::Node rules;
  for (const auto& kv : root)
    if (lower(kv.first.as<std::string>()) == "rules") rules = kv.second;
  if (!rules || rules.IsNull()) return ci;
  if (!rules.IsMap()) throw InputError(file + ":" + std::to_string(rules.Mark().line + 1) + ": `rules` must be a mapping");
  std::array<int, 3> seen_line = {0, 0, 0};
  for (const auto& kv : rules) {
    const std::string key = kv.first.as<std::string>();
    const int line = kv.first.Mark().line + 1;
    const std::string where = file + ":" + std::to_string(line) + ": rules." + key;
    const std::string folded = lower(key);
    const Spelling* spelling = nullptr;
    for (const Spelling& s : kSpellings)
      if (s.lower_camel == folded || s.kebab == folded) spelling = &s;
    if (!spelling) {
      std::vector<std::string_view> known;
      for (const Spelling& s : kSpellings) known.push_back(dive_rule_name(s.rule));
      for (const Spelling& s : kSpellings) known.push_back(s.kebab);
      std::string_view near = config::closest(key, known);
      throw InputError(where + ": unknown rule (lowestEfficiency, highestWastedBytes, highestUserWastedPercent)",
                       near.empty() ? std::string() : "did you mean '" + std::string(near) + "'?");
    }
    const auto index = static_cast<std::size_t>(spelling->rule);
    if (seen_line[index])
      throw InputError(where + ": " + std::string(dive_rule_name(spelling->rule)) + " is already set on line " +
                       std::to_string(seen_line[index]));
    seen_line[index] = line;
    DiveCiRule& rule = ci.rules[index];
    rule.defaulted = false;
    rule.line = line;
    rule.disabled = false;
    const YAML::Node& v = kv.second;
    if (!v || v.IsNull()) {
      rule.disabled = true;
      continue;
    }
    if (!v.IsScalar()) throw InputError(where + ": must be a number, a size or `disabled`");
    const std::string text = v.Scalar();
    if (text.empty() || text == "disabled" || text == "off") {
      rule.disabled = true;
      continue;
    }
    if (spelling->rule == DiveRule::kHighestWastedBytes) {
      auto bytes = parse_humanize_bytes(text);
      if (!bytes) throw InputError(where + ": invalid size '" + text + "' (like 20MB, 1.5GiB, or disabled)");
      rule.bytes = *bytes;
    } else {
      auto value = parse_float(text);
      if (!value) throw InputError(where + ": invalid number '" + text + "' (a fraction like 0.9, or disabled)");
      rule.threshold = *value;
    }
  }
  return ci;
}

DiveCi load_dive_ci(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the dive CI configuration");
  std::stringstream text;
  text << in.rdbuf();
  return parse_dive_ci(text.str(), path);
}

}  // namespace ballast::check

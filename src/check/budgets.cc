#include "check/budgets.h"

#include <charconv>
#include <cmath>

#include "config/config_file.h"
#include "util/byte_size.h"

namespace ballast::check {
namespace {

std::uint64_t size_value(const config::Value& v, const std::string& name) {
  const std::string text = v.string(name);
  auto bytes = parse_byte_size(text);
  if (!bytes) v.fail(name + " must be a size like 200MB or 1.5GiB, not '" + text + "'");
  return *bytes;
}

double percent_value(const config::Value& v, const std::string& name) {
  const std::string text = v.string(name);
  auto p = parse_percent(text);
  if (!p) v.fail(name + " must be a percentage like 5 or 5%, not '" + text + "'");
  return *p;
}

double plain_number(const config::Value& v, const std::string& name, const char* example) {
  const std::string text = v.string(name);
  auto d = parse_non_negative(text);
  if (!d) v.fail(name + " must be a number >= 0 like " + example + ", not '" + text + "'");
  return *d;
}

}  // namespace

std::string_view to_string(SizeMetric m) {
  switch (m) {
    case SizeMetric::kStored: return "stored";
    case SizeMetric::kFinal: return "final";
    case SizeMetric::kCompressed: return "compressed";
  }
  return "";
}

bool Budgets::empty() const {
  return !max_stored && !max_final && !max_compressed && !max_layers && !max_reclaimable &&
         !max_reclaimable_percent && max_category.empty() && max_package.empty() && !forbid_severity &&
         forbid_findings.empty() && !max_growth && !max_growth_percent && !needs_cost();
}

std::optional<double> parse_percent(std::string_view text) {
  if (!text.empty() && text.back() == '%') text.remove_suffix(1);
  return parse_non_negative(text);
}

std::optional<double> parse_non_negative(std::string_view text) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !(v >= 0) || !std::isfinite(v))
    return std::nullopt;
  return v;
}

Budgets budgets_from_config(const config::ConfigFile& file) {
  Budgets b;
  const std::optional<config::Section> section = file.section("check");
  if (!section) return b;
  for (const auto& [key, value] : section->keys()) {
    const std::string name = "check." + key;
    if (key == "max_stored") b.max_stored = size_value(value, name);
    else if (key == "max_final") b.max_final = size_value(value, name);
    else if (key == "max_compressed") b.max_compressed = size_value(value, name);
    else if (key == "max_layers") b.max_layers = value.count(name);
    else if (key == "max_reclaimable") b.max_reclaimable = size_value(value, name);
    else if (key == "max_reclaimable_percent") b.max_reclaimable_percent = percent_value(value, name);
    else if (key == "max_category" || key == "max_package") {
      auto& target = key == "max_category" ? b.max_category : b.max_package;
      for (const auto& [k, v] : value.entries(name)) target[k.string(name)] = size_value(v, name + "." + k.string(name));
    } else if (key == "forbid_severity") {
      const std::string text = value.string(name);
      b.forbid_severity = model::parse_severity(text);
      if (!b.forbid_severity) value.fail(name + " must be info, warning or error, not '" + text + "'");
    } else if (key == "forbid_findings") b.forbid_findings = value.string_list(name);
    else if (key == "baseline") b.baseline = value.string(name);
    else if (key == "max_growth") b.max_growth = size_value(value, name);
    else if (key == "max_growth_percent") b.max_growth_percent = percent_value(value, name);
    else if (key == "max_monthly_cost") b.max_monthly_cost = plain_number(value, name, "25 or 0.5");
    else if (key == "max_pull_seconds") b.max_pull_seconds = plain_number(value, name, "30");
    else if (key == "growth_of") {
      const std::string text = value.string(name);
      if (text == "stored") b.growth_of = SizeMetric::kStored;
      else if (text == "final") b.growth_of = SizeMetric::kFinal;
      else if (text == "compressed") b.growth_of = SizeMetric::kCompressed;
      else value.fail(name + " must be stored, final or compressed, not '" + text + "'");
    } else if (key == "growth_requires") {
      const std::string text = value.string(name);
      if (text == "both") b.growth_requires_both = true;
      else if (text == "either") b.growth_requires_both = false;
      else value.fail(name + " must be both or either, not '" + text + "'");
    }
  }
  return b;
}

}  // namespace ballast::check

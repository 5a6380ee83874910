// The budgets `ballast check` holds an image to: absolute sizes, per
// category and package, reclaimable bytes, layer count, forbidden findings,
// growth against a baseline. Read from the `check:` section of .ballast.yaml
// (budgets_from_config) and then overridden by the CLI's flags, which set
// the same fields. Sizes are parse_byte_size()'s (util/byte_size.h);
// percentages are numbers of percent ("10" or "10%" = a tenth).
// docs/check.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/severity.h"

namespace ballast::config {
class ConfigFile;
}

namespace ballast::check {

enum class SizeMetric { kStored, kFinal, kCompressed };
std::string_view to_string(SizeMetric m);

struct Budgets {
  std::optional<std::uint64_t> max_stored, max_final, max_compressed;
  std::optional<std::uint64_t> max_layers;
  std::optional<std::uint64_t> max_reclaimable;
  std::optional<double> max_reclaimable_percent;  // of stored bytes
  std::map<std::string, std::uint64_t> max_category;  // category name -> bytes (stored)
  std::map<std::string, std::uint64_t> max_package;   // label ("pypi:torch") or name -> bytes (stored)
  std::optional<model::Severity> forbid_severity;     // a finding at or above it fails
  std::vector<std::string> forbid_findings;           // finding ids
  // Growth of `growth_of` against the baseline. With both limits set a
  // growth fails only when it crosses both (require_both), so a small image
  // does not fail on a few kB of noise nor a big one on a small percentage.
  std::string baseline;  // an image reference or a saved JSON report
  std::optional<std::uint64_t> max_growth;
  std::optional<double> max_growth_percent;
  SizeMetric growth_of = SizeMetric::kStored;
  bool growth_requires_both = true;
  // What the image costs (docs/cost.md#check), at the `cost:` rates:
  // money a month (storage + egress, in the rates' currency) and seconds of
  // one pull (the layers above a shared base).
  std::optional<double> max_monthly_cost, max_pull_seconds;

  bool empty() const;
  bool needs_cost() const { return max_monthly_cost || max_pull_seconds; }
};

// The `check:` section (absent: no budgets). InputError "file:line: ..." on
// a bad value.
Budgets budgets_from_config(const config::ConfigFile& file);

// "10", "10%", "2.5" -> percent; nullopt when not a number >= 0.
std::optional<double> parse_percent(std::string_view text);

// "25", "0.5" -> the number; nullopt when not a finite number >= 0 (money, seconds).
std::optional<double> parse_non_negative(std::string_view text);

}  // namespace ballast::check

#include "config/schema.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "util/closest_name.h"

namespace ballast::config {
namespace {

// Key order is the order of the "unknown key (...)" list.
constexpr std::array kAnalyzeKeys = {
    KeySpec{"categories", ValueKind::kRuleList},
    KeySpec{"base_layers", ValueKind::kCount},
    KeySpec{"max_memory", ValueKind::kString},      // "4GiB": docs/limits.md
    KeySpec{"max_layer_size", ValueKind::kString},
};
// Sizes are scalars ("200MB", "1.5GiB"), percentages numbers ("5", "5%"):
// check/budgets.cc reads them.
// The layer cache's size cap (cache/cache_config.h), a size like max_stored.
constexpr std::array kCacheKeys = {
    KeySpec{"max_size", ValueKind::kString},
};
constexpr std::array kCheckKeys = {
    KeySpec{"max_stored", ValueKind::kString},
    KeySpec{"max_final", ValueKind::kString},
    KeySpec{"max_compressed", ValueKind::kString},
    KeySpec{"max_layers", ValueKind::kCount},
    KeySpec{"max_reclaimable", ValueKind::kString},
    KeySpec{"max_reclaimable_percent", ValueKind::kString},
    KeySpec{"max_category", ValueKind::kStringMap},
    KeySpec{"max_package", ValueKind::kStringMap},
    KeySpec{"forbid_severity", ValueKind::kString},
    KeySpec{"forbid_findings", ValueKind::kStringList},
    KeySpec{"baseline", ValueKind::kString},
    KeySpec{"max_growth", ValueKind::kString},
    KeySpec{"max_growth_percent", ValueKind::kString},
    KeySpec{"growth_of", ValueKind::kString},
    KeySpec{"max_monthly_cost", ValueKind::kString},  // money a month at the cost: rates (docs/cost.md#check)
    KeySpec{"max_pull_seconds", ValueKind::kString},
    KeySpec{"growth_requires", ValueKind::kString},
};
// The rates of cost/rates.h (numbers as scalars: cost_config.cc reads them).
constexpr std::array kCostKeys = {
    KeySpec{"enabled", ValueKind::kBool},
    KeySpec{"storage_per_gb_month", ValueKind::kString},
    KeySpec{"egress_per_gb", ValueKind::kString},
    KeySpec{"pulls_per_day", ValueKind::kString},
    KeySpec{"bandwidth_mbps", ValueKind::kString},
    KeySpec{"base_shared", ValueKind::kBool},
    KeySpec{"currency", ValueKind::kString},
};
constexpr std::array kContextKeys = {
    KeySpec{"engine", ValueKind::kString},
    KeySpec{"top", ValueKind::kCount},
    KeySpec{"big_file_mb", ValueKind::kCount},
    KeySpec{"walk_threads", ValueKind::kCount},
    KeySpec{"strict", ValueKind::kBool},
};
constexpr std::array kDepsKeys = {
    KeySpec{"python_version", ValueKind::kString},
    KeySpec{"exclude", ValueKind::kStringList},
    KeySpec{"dockerignore", ValueKind::kBool},
    KeySpec{"fail_on", ValueKind::kStringList},
};
// The history store (history/location.h): a SQLite path or a postgresql:// URI.
constexpr std::array kHistoryKeys = {
    KeySpec{"url", ValueKind::kString},
};
constexpr std::array kLintKeys = {
    KeySpec{"ignore", ValueKind::kStringList},
    KeySpec{"enable", ValueKind::kStringList},
    KeySpec{"severity", ValueKind::kStringMap},
    KeySpec{"trusted_registries", ValueKind::kStringList},
    KeySpec{"failure_threshold", ValueKind::kString},
};

constexpr std::array kSections = {
    SectionSpec{"analyze", kAnalyzeKeys}, SectionSpec{"cache", kCacheKeys}, SectionSpec{"check", kCheckKeys}, SectionSpec{"context", kContextKeys},
    SectionSpec{"cost", kCostKeys},
    SectionSpec{"deps", kDepsKeys},       SectionSpec{"history", kHistoryKeys}, SectionSpec{"lint", kLintKeys},
};

}  // namespace

std::span<const SectionSpec> sections() { return kSections; }

const SectionSpec* find_section(std::string_view name) {
  for (const SectionSpec& s : kSections)
    if (s.name == name) return &s;
  return nullptr;
}

const KeySpec* find_key(const SectionSpec& section, std::string_view key) {
  for (const KeySpec& k : section.keys)
    if (k.name == key) return &k;
  return nullptr;
}

std::string_view closest(std::string_view name, std::span<const std::string_view> known) {
  return closest_name(name, known);
}

}  // namespace ballast::config

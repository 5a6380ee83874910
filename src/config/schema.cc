#include "config/schema.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace ballast::config {
namespace {

// Key order is the order of the "unknown key (...)" list.
constexpr std::array kAnalyzeKeys = {
    KeySpec{"categories", ValueKind::kRuleList},
    KeySpec{"base_layers", ValueKind::kCount},
};
// Sizes are scalars ("200MB", "1.5GiB"), percentages numbers ("5", "5%"):
// check/budgets.cc reads them.
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
    KeySpec{"growth_requires", ValueKind::kString},
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
    SectionSpec{"analyze", kAnalyzeKeys}, SectionSpec{"check", kCheckKeys}, SectionSpec{"context", kContextKeys},
    SectionSpec{"deps", kDepsKeys},       SectionSpec{"history", kHistoryKeys}, SectionSpec{"lint", kLintKeys},
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

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
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view k : known) {
    const std::size_t d = edit_distance(name, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace ballast::config

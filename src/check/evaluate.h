// evaluate(): one image's snapshot (and a baseline's) against the budgets
// and the .dive-ci rules, as data: one result per rule, PASS/FAIL/SKIP with
// the value and the threshold. Renderers (report/check_*.cc) format it; the
// CLI turns `failed()` into exit 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/snapshot.h"
#include "check/budgets.h"
#include "check/dive_ci.h"
#include "cost/image_cost.h"

namespace ballast::check {

enum class Status { kPass, kFail, kSkip };
std::string_view to_string(Status s);  // "PASS", "FAIL", "SKIP"

enum class Unit { kBytes, kCount, kPercent, kFraction, kMoney, kSeconds };

struct RuleResult {
  std::string rule;     // "max_stored", "max_category.caches", "dive.lowestEfficiency"
  Status status = Status::kSkip;
  Unit unit = Unit::kBytes;
  double value = 0;      // measured (bytes as a double: exact below 2^53)
  double threshold = 0;
  bool at_least = false;  // the threshold is a floor (efficiency), not a ceiling
  // Growth: the second measure and limit (percent) beside bytes.
  std::optional<double> value_percent, threshold_percent;
  std::string note;       // why it was skipped, which findings, ...
  std::string currency;   // kMoney: the rates' currency
};

struct CheckReport {
  std::string image;
  std::string baseline;  // "" without one
  std::vector<RuleResult> results;
  int passed = 0, failed_count = 0, skipped = 0;
  std::optional<cost::ImageCost> cost;  // when priced (rates given, or a cost budget)
  bool failed() const { return failed_count > 0; }
};

// `rates`: price the image (CheckReport::cost); the cost budgets price it at
// cost/rates.h's defaults when null.
CheckReport evaluate(const analysis::ImageSnapshot& image, const analysis::ImageSnapshot* baseline,
                     const Budgets& budgets, const DiveCi* dive_ci, const cost::CostRates* rates = nullptr);

}  // namespace ballast::check

// evaluate() on hand-built snapshots: each budget at, below and above its
// limit (a limit is a ceiling: equal passes), dive's pass/fail semantics at
// the boundary, and growth needing bytes AND percent (or either).
#include "check/evaluate.h"

#include <gtest/gtest.h>

namespace ballast::check {
namespace {

using analysis::ImageSnapshot;

ImageSnapshot image() {
  ImageSnapshot s;
  s.source = "img";
  s.stored_bytes = 3510;
  s.final_bytes = 2510;
  s.compressed_bytes = 9000;
  s.reclaimable_bytes = 1000;
  s.layers.resize(2);
  s.dive.efficiency = 1510.0 / 3510.0;
  s.dive.wasted_bytes = 3000;
  s.dive.user_size = 2500;
  s.dive.user_wasted_percent = 3000.0 / 2500.0;
  s.attributed = true;
  s.categories = {{"app", "", 510, 510}, {"ml-models", "", 3000, 2000}};
  s.packages = {{"pypi:torch", "2.1.0", 2000, 2000}, {"deb:torch", "1", 100, 100}};
  s.has_findings = true;
  model::Finding f;
  f.id = "image.cache.pip";
  f.severity = model::Severity::kWarning;
  s.findings = {f};
  return s;
}

const RuleResult& only(const CheckReport& r) {
  EXPECT_EQ(r.results.size(), 1u);
  return r.results.at(0);
}

Status status_of(const Budgets& b, const ImageSnapshot* baseline = nullptr) {
  return only(evaluate(image(), baseline, b, nullptr)).status;
}

// The cost budgets on image() with two layers of 1e9 and 5e8 compressed
// bytes, the base (1 layer) shared. Default rates:
//   storage 1.5 GB * $0.10 = $0.15; a pull fetches 0.5 GB: $0.045, * 10 * 30
//   = $13.50 egress; $13.65/month; 5e8 B * 8 / 1e8 bit/s = 40 s a pull.
TEST(Evaluate, CostBudgets) {
  ImageSnapshot s = image();
  cost::LayerCost base, app;
  base.compressed_bytes = 1'000'000'000;
  app.compressed_bytes = 500'000'000;
  s.cost_layers = {base, app};
  s.base_layers = 1;
  Budgets b;
  b.max_monthly_cost = 13.70;
  CheckReport r = evaluate(s, nullptr, b, nullptr);
  ASSERT_TRUE(r.cost);
  EXPECT_NEAR(r.cost->per_month, 13.65, 1e-9);
  EXPECT_EQ(only(r).unit, Unit::kMoney);
  EXPECT_EQ(only(r).status, Status::kPass);
  b.max_monthly_cost = 13.60;  // positive control: the same image over a lower budget
  EXPECT_EQ(only(evaluate(s, nullptr, b, nullptr)).status, Status::kFail);
  b.max_monthly_cost.reset();
  b.max_pull_seconds = 40;  // a ceiling: equal passes
  EXPECT_EQ(only(evaluate(s, nullptr, b, nullptr)).status, Status::kPass);
  b.max_pull_seconds = 39.9;
  EXPECT_EQ(only(evaluate(s, nullptr, b, nullptr)).status, Status::kFail);
  // At 200 Mbit/s the same pull takes 20 s: within 39.9.
  const cost::CostRates fast = cost::parse_rates("bandwidth=200");
  EXPECT_EQ(only(evaluate(s, nullptr, b, nullptr, &fast)).status, Status::kPass);
  // Rates without a cost budget: priced, no rule.
  Budgets stored;
  stored.max_stored = 10'000;
  CheckReport priced = evaluate(s, nullptr, stored, nullptr, &fast);
  ASSERT_TRUE(priced.cost);
  EXPECT_EQ(priced.results.size(), 1u);
  EXPECT_FALSE(evaluate(s, nullptr, stored, nullptr).cost);
}

TEST(Evaluate, AbsoluteBudgetsAreCeilings) {
  Budgets b;
  b.max_stored = 3510;
  EXPECT_EQ(status_of(b), Status::kPass);
  b.max_stored = 3509;
  EXPECT_EQ(status_of(b), Status::kFail);
  b = {};
  b.max_final = 2509;
  EXPECT_EQ(status_of(b), Status::kFail);
  b = {};
  b.max_compressed = 9000;
  EXPECT_EQ(status_of(b), Status::kPass);
  b = {};
  b.max_layers = 1;
  EXPECT_EQ(status_of(b), Status::kFail);
  b = {};
  b.max_reclaimable = 1000;
  EXPECT_EQ(status_of(b), Status::kPass);
  b = {};
  b.max_reclaimable_percent = 28.0;  // 1000 / 3510 = 28.49 %
  const RuleResult r = only(evaluate(image(), nullptr, b, nullptr));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_NEAR(r.value, 28.49, 0.01);
  b.max_reclaimable_percent = 28.5;
  EXPECT_EQ(status_of(b), Status::kPass);
}

TEST(Evaluate, CategoriesAndPackages) {
  Budgets b;
  b.max_category["ml-models"] = 2999;
  EXPECT_EQ(status_of(b), Status::kFail);
  b.max_category["ml-models"] = 3000;
  EXPECT_EQ(status_of(b), Status::kPass);
  b = {};
  b.max_package["pypi:torch"] = 1999;
  EXPECT_EQ(status_of(b), Status::kFail);
  b = {};
  b.max_package["torch"] = 2099;  // a bare name sums both managers: 2100
  EXPECT_EQ(status_of(b), Status::kFail);
  b.max_package["torch"] = 2100;
  EXPECT_EQ(status_of(b), Status::kPass);
  b = {};
  b.max_package["numpy"] = 0;  // not installed: 0 bytes, within budget
  const RuleResult r = only(evaluate(image(), nullptr, b, nullptr));
  EXPECT_EQ(r.status, Status::kPass);
  EXPECT_EQ(r.note, "not installed");
}

TEST(Evaluate, ForbiddenFindings) {
  Budgets b;
  b.forbid_findings = {"image.cache.pip"};
  EXPECT_EQ(status_of(b), Status::kFail);
  b.forbid_findings = {"image.cache.apt"};  // positive control beside it
  EXPECT_EQ(status_of(b), Status::kPass);
  b = {};
  b.forbid_severity = model::Severity::kWarning;
  EXPECT_EQ(status_of(b), Status::kFail);
  b.forbid_severity = model::Severity::kError;
  EXPECT_EQ(status_of(b), Status::kPass);
  ImageSnapshot bare = image();
  bare.has_findings = false;
  EXPECT_EQ(only(evaluate(bare, nullptr, b, nullptr)).status, Status::kSkip);
}

TEST(Evaluate, GrowthNeedsBothByDefault) {
  ImageSnapshot before = image();
  before.stored_bytes = 2510;  // +1000 B = +39.84 %
  Budgets b;
  b.max_growth = 999;
  b.max_growth_percent = 50;
  EXPECT_EQ(status_of(b, &before), Status::kPass);  // bytes crossed, percent not
  b.growth_requires_both = false;
  EXPECT_EQ(status_of(b, &before), Status::kFail);
  b.growth_requires_both = true;
  b.max_growth_percent = 39;
  const RuleResult r = only(evaluate(image(), &before, b, nullptr));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_EQ(r.value, 1000);
  EXPECT_NEAR(*r.value_percent, 39.84, 0.01);
  b.max_growth = 1000;  // bytes not crossed (equal)
  EXPECT_EQ(status_of(b, &before), Status::kPass);
  Budgets percent_only;
  percent_only.max_growth_percent = 39;
  EXPECT_EQ(status_of(percent_only, &before), Status::kFail);
  EXPECT_EQ(status_of(percent_only, nullptr), Status::kSkip);
  Budgets compressed;
  compressed.growth_of = SizeMetric::kCompressed;
  compressed.max_growth = 0;
  EXPECT_EQ(status_of(compressed, &before), Status::kPass);  // 9000 -> 9000
}

TEST(Evaluate, DiveSemanticsAtTheBoundary) {
  // efficiency 1510/3510 = 0.43019..., wasted 3000, user wasted 3000/2500 = 1.2.
  auto run = [](const std::string& yaml) {
    DiveCi ci = parse_dive_ci(yaml, "f");
    return evaluate(image(), nullptr, Budgets{}, &ci);
  };
  CheckReport pass = run("rules:\n  lowestEfficiency: 0.43\n  highestWastedBytes: 3KB\n  highestUserWastedPercent: 1.2\n");
  ASSERT_EQ(pass.results.size(), 3u);
  for (const auto& r : pass.results) EXPECT_EQ(r.status, Status::kPass) << r.rule;
  EXPECT_FALSE(pass.failed());
  CheckReport fail = run("rules:\n  lowestEfficiency: 0.44\n  highestWastedBytes: 2999\n  highestUserWastedPercent: 1.19\n");
  for (const auto& r : fail.results) EXPECT_EQ(r.status, Status::kFail) << r.rule;
  EXPECT_EQ(fail.failed_count, 3);
  EXPECT_EQ(fail.results[0].rule, "dive.lowestEfficiency");
  EXPECT_TRUE(fail.results[0].at_least);
  // Defaults: 0.9 efficiency fails, wasted bytes skipped, 0.1 user-wasted fails.
  CheckReport defaults = run("");
  EXPECT_EQ(defaults.results[0].status, Status::kFail);
  EXPECT_EQ(defaults.results[1].status, Status::kSkip);
  EXPECT_EQ(defaults.results[2].status, Status::kFail);
  EXPECT_EQ(defaults.skipped, 1);
}

}  // namespace
}  // namespace ballast::check

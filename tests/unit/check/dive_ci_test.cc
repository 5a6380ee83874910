// .dive-ci parsed as dive parses it; every rule, spelling, disabling form
// and misconfiguration, with the outcome worked out by hand from dive's
// runtime/ci rules (efficiency fails below, the others above).
#include "check/dive_ci.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace ballast::check {
namespace {

struct Failure {
  std::string message, hint;
};
template <typename F>
Failure failure_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return {e.what(), e.hint()};
  }
  return {"(no error)", ""};
}

TEST(DiveCi, DefaultsAreDives) {
  DiveCi ci = parse_dive_ci("", ".dive-ci");
  ASSERT_EQ(ci.rules.size(), 3u);
  EXPECT_EQ(ci.rules[0].rule, DiveRule::kLowestEfficiency);
  EXPECT_DOUBLE_EQ(ci.rules[0].threshold, 0.9);
  EXPECT_TRUE(ci.rules[0].defaulted);
  EXPECT_TRUE(ci.rules[1].disabled);  // highestWastedBytes: disabled by default
  EXPECT_DOUBLE_EQ(ci.rules[2].threshold, 0.1);
  EXPECT_FALSE(ci.rules[2].disabled);
}

TEST(DiveCi, CamelCaseValues) {
  DiveCi ci = parse_dive_ci("rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n"
                            "  highestUserWastedPercent: 0.20\n",
                            ".dive-ci");
  EXPECT_DOUBLE_EQ(ci.rules[0].threshold, 0.95);
  EXPECT_EQ(ci.rules[0].line, 2);
  EXPECT_FALSE(ci.rules[1].disabled);
  EXPECT_EQ(ci.rules[1].bytes, 20'000'000u);  // go-humanize: MB is 1000^2
  EXPECT_DOUBLE_EQ(ci.rules[2].threshold, 0.2);
  for (const auto& r : ci.rules) EXPECT_FALSE(r.defaulted);
}

TEST(DiveCi, KebabCaseAndFoldedCase) {
  DiveCi ci = parse_dive_ci("rules:\n  lowest-efficiency: 0.5\n  HIGHESTWASTEDBYTES: 1.5 KiB\n"
                            "  highest-user-wasted-percent: 0.3\n",
                            "f");
  EXPECT_DOUBLE_EQ(ci.rules[0].threshold, 0.5);
  EXPECT_EQ(ci.rules[1].bytes, 1536u);
  EXPECT_DOUBLE_EQ(ci.rules[2].threshold, 0.3);
}

TEST(DiveCi, DisabledOffAndEmpty) {
  DiveCi ci = parse_dive_ci("rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: off\n"
                            "  highestUserWastedPercent:\n",
                            "f");
  for (const auto& r : ci.rules) {
    EXPECT_TRUE(r.disabled);
    EXPECT_FALSE(r.defaulted);
  }
}

TEST(DiveCi, Misconfigurations) {
  EXPECT_EQ(failure_of([] { parse_dive_ci("rules:\n  lowestEfficiency: high\n", ".dive-ci"); }).message,
            ".dive-ci:2: rules.lowestEfficiency: invalid number 'high' (a fraction like 0.9, or disabled)");
  EXPECT_EQ(failure_of([] { parse_dive_ci("rules:\n  highestWastedBytes: 1e3\n", ".dive-ci"); }).message,
            ".dive-ci:2: rules.highestWastedBytes: invalid size '1e3' (like 20MB, 1.5GiB, or disabled)");
  EXPECT_EQ(failure_of([] { parse_dive_ci("rules:\n\n  highestUserWastedPercent: [1]\n", "x"); }).message,
            "x:3: rules.highestUserWastedPercent: must be a number, a size or `disabled`");
  Failure typo = failure_of([] { parse_dive_ci("rules:\n  lowestEfficency: 0.9\n", ".dive-ci"); });
  EXPECT_EQ(typo.message,
            ".dive-ci:2: rules.lowestEfficency: unknown rule (lowestEfficiency, highestWastedBytes, "
            "highestUserWastedPercent)");
  EXPECT_EQ(typo.hint, "did you mean 'lowestEfficiency'?");
  EXPECT_EQ(failure_of([] { parse_dive_ci("rules:\n  lowestEfficiency: 0.9\n  lowest-efficiency: 0.8\n", "f"); }).message,
            "f:3: rules.lowest-efficiency: lowestEfficiency is already set on line 2");
  EXPECT_EQ(failure_of([] { parse_dive_ci("rules: 3\n", "f"); }).message, "f:1: `rules` must be a mapping");
  EXPECT_EQ(failure_of([] { parse_dive_ci("rules: [\n", "f"); }).message.rfind("f:", 0), 0u);
  EXPECT_EQ(failure_of([] { load_dive_ci("/nonexistent/.dive-ci"); }).message,
            "/nonexistent/.dive-ci: cannot read the dive CI configuration");
}

}  // namespace
}  // namespace ballast::check

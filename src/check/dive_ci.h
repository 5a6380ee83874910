// dive's CI configuration (`.dive-ci`, or `dive --ci-config FILE`), read as
// dive reads it, so `ballast check` is a drop-in for `dive --ci`:
//   rules:
//     lowestEfficiency: 0.95           # fails when efficiency < 0.95
//     highestWastedBytes: 20MB         # fails when wasted bytes > 20 MB (go-humanize sizes)
//     highestUserWastedPercent: 0.20   # a fraction; fails when above
// Keys match dive's case-insensitively (viper), and dive 0.13's kebab-case
// spellings (lowest-efficiency, ...) too. A rule left out takes dive's
// default (0.9, disabled, 0.1); "disabled" (dive), "off" or an empty value
// skips it. A value dive would call misconfigured is an InputError naming
// file:line:key (ballast exits 2 where dive prints "CI Misconfigured").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::check {

enum class DiveRule { kLowestEfficiency, kHighestWastedBytes, kHighestUserWastedPercent };
std::string_view dive_rule_name(DiveRule r);  // dive's camelCase key

struct DiveCiRule {
  DiveRule rule = DiveRule::kLowestEfficiency;
  bool disabled = false;
  bool defaulted = false;     // not in the file: dive's default
  double threshold = 0;       // efficiency / user-wasted fraction
  std::uint64_t bytes = 0;    // highestWastedBytes
  int line = 0;               // where the file sets it; 0 when defaulted
};

struct DiveCi {
  std::string file;
  std::vector<DiveCiRule> rules;  // the three rules, in dive's order
};

DiveCi parse_dive_ci(std::string_view yaml_text, const std::string& file);
// InputError when the file cannot be read.
DiveCi load_dive_ci(const std::string& path);

}  // namespace ballast::check

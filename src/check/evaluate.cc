#include "check/evaluate.h"

#include <algorithm>

namespace ballast::check {
namespace {

using analysis::ImageSnapshot;

std::uint64_t metric(const ImageSnapshot& s, SizeMetric m) {
  switch (m) {
    case SizeMetric::kStored: return s.stored_bytes;
    case SizeMetric::kFinal: return s.final_bytes;
    case SizeMetric::kCompressed: return s.compressed_bytes;
  }
  return 0;
}

RuleResult ceiling(std::string rule, Unit unit, double value, double limit) {
  RuleResult r;
  r.rule = std::move(rule);
  r.unit = unit;
  r.value = value;
  r.threshold = limit;
  r.status = value > limit ? Status::kFail : Status::kPass;
  return r;
}

RuleResult skipped(std::string rule, Unit unit, double limit, std::string why) {
  RuleResult r;
  r.rule = std::move(rule);
  r.unit = unit;
  r.threshold = limit;
  r.status = Status::kSkip;
  r.note = std::move(why);
  return r;
}

const analysis::SnapshotTotal* find_total(const std::vector<analysis::SnapshotTotal>& v, const std::string& name) {
  for (const auto& t : v)
    if (t.name == name) return &t;
  return nullptr;
}

// A package budget names a label ("pypi:torch") or a bare name ("torch"):
// a bare name sums every package of that name (the same name in two managers).
std::optional<std::uint64_t> package_bytes(const ImageSnapshot& s, const std::string& name) {
  if (const auto* t = find_total(s.packages, name)) return t->stored_bytes;
  std::optional<std::uint64_t> sum;
  for (const auto& p : s.packages) {
    const auto colon = p.name.find(':');
    if (colon != std::string::npos && p.name.compare(colon + 1, std::string::npos, name) == 0)
      sum = sum.value_or(0) + p.stored_bytes;
  }
  return sum;
}

void dive_rules(const ImageSnapshot& s, const DiveCi& ci, std::vector<RuleResult>& out) {
  for (const DiveCiRule& d : ci.rules) {
    RuleResult r;
    r.rule = "dive." + std::string(dive_rule_name(d.rule));
    if (d.defaulted) r.note = "dive's default";
    switch (d.rule) {
      case DiveRule::kLowestEfficiency:
        // dive: fails when lowestEfficiency > efficiency.
        r.unit = Unit::kFraction;
        r.value = s.dive.efficiency;
        r.threshold = d.threshold;
        r.at_least = true;
        r.status = d.threshold > s.dive.efficiency ? Status::kFail : Status::kPass;
        break;
      case DiveRule::kHighestWastedBytes:
        // dive: fails when wastedBytes > highestWastedBytes.
        r.unit = Unit::kBytes;
        r.value = static_cast<double>(s.dive.wasted_bytes);
        r.threshold = static_cast<double>(d.bytes);
        r.status = s.dive.wasted_bytes > d.bytes ? Status::kFail : Status::kPass;
        break;
      case DiveRule::kHighestUserWastedPercent:
        // dive: fails when highestUserWastedPercent < userWastedPercent (a fraction).
        r.unit = Unit::kFraction;
        r.value = s.dive.user_wasted_percent;
        r.threshold = d.threshold;
        r.status = d.threshold < s.dive.user_wasted_percent ? Status::kFail : Status::kPass;
        break;
    }
    if (d.disabled) {
      r.status = Status::kSkip;
      r.note = d.defaulted ? "disabled (dive's default)" : "disabled";
    }
    out.push_back(std::move(r));
  }
}

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::kPass: return "PASS";
    case Status::kFail: return "FAIL";
    case Status::kSkip: return "SKIP";
  }
  return "";
}

CheckReport evaluate(const ImageSnapshot& s, const ImageSnapshot* baseline, const Budgets& b, const DiveCi* ci,
                     const cost::CostRates* rates) {
  CheckReport report;
  report.image = s.source;
  if (baseline) report.baseline = baseline->source;
  auto& out = report.results;
  auto bytes = [](std::uint64_t v) { return static_cast<double>(v); };
  if (rates || b.needs_cost()) report.cost = analysis::snapshot_cost(s, rates ? *rates : cost::CostRates{});
  if (b.max_stored) out.push_back(ceiling("max_stored", Unit::kBytes, bytes(s.stored_bytes), bytes(*b.max_stored)));
  if (b.max_final) out.push_back(ceiling("max_final", Unit::kBytes, bytes(s.final_bytes), bytes(*b.max_final)));
  if (b.max_compressed)
    out.push_back(ceiling("max_compressed", Unit::kBytes, bytes(s.compressed_bytes), bytes(*b.max_compressed)));
  if (b.max_layers)
    out.push_back(ceiling("max_layers", Unit::kCount, static_cast<double>(s.layers.size()), bytes(*b.max_layers)));
  if (b.max_reclaimable)
    out.push_back(ceiling("max_reclaimable", Unit::kBytes, bytes(s.reclaimable_bytes), bytes(*b.max_reclaimable)));
  if (b.max_reclaimable_percent) {
    const double pct = s.stored_bytes ? 100.0 * bytes(s.reclaimable_bytes) / bytes(s.stored_bytes) : 0.0;
    out.push_back(ceiling("max_reclaimable_percent", Unit::kPercent, pct, *b.max_reclaimable_percent));
  }
  for (const auto& [name, limit] : b.max_category) {
    const std::string rule = "max_category." + name;
    if (!s.attributed) out.push_back(skipped(rule, Unit::kBytes, bytes(limit), "no attribution in this report"));
    else if (const auto* t = find_total(s.categories, name))
      out.push_back(ceiling(rule, Unit::kBytes, bytes(t->stored_bytes), bytes(limit)));
    else out.push_back(ceiling(rule, Unit::kBytes, 0, bytes(limit)));  // no such bytes: within budget
  }
  for (const auto& [name, limit] : b.max_package) {
    const std::string rule = "max_package." + name;
    if (!s.attributed) out.push_back(skipped(rule, Unit::kBytes, bytes(limit), "no attribution in this report"));
    else {
      auto found = package_bytes(s, name);
      RuleResult r = ceiling(rule, Unit::kBytes, bytes(found.value_or(0)), bytes(limit));
      if (!found) r.note = "not installed";
      out.push_back(std::move(r));
    }
  }
  auto forbid = [&](std::string rule, auto matches) {
    if (!s.has_findings) {
      out.push_back(skipped(std::move(rule), Unit::kCount, 0, "no findings in this report"));
      return;
    }
    RuleResult r = ceiling(std::move(rule), Unit::kCount, 0, 0);
    std::vector<std::string> ids;
    for (const auto& f : s.findings)
      if (matches(f)) {
        r.value += 1;
        if (std::find(ids.begin(), ids.end(), f.id) == ids.end()) ids.push_back(f.id);
      }
    r.status = r.value > 0 ? Status::kFail : Status::kPass;
    for (const auto& id : ids) r.note += (r.note.empty() ? "" : ", ") + id;
    out.push_back(std::move(r));
  };
  if (b.forbid_severity)
    forbid("forbid_severity." + std::string(model::to_string(*b.forbid_severity)),
           [&](const model::Finding& f) { return f.severity >= *b.forbid_severity; });
  for (const auto& id : b.forbid_findings)
    forbid("forbid_findings." + id, [&](const model::Finding& f) { return f.id == id; });

  if (b.max_growth || b.max_growth_percent) {
    RuleResult r;
    r.rule = "max_growth." + std::string(to_string(b.growth_of));
    r.unit = Unit::kBytes;
    if (b.max_growth) r.threshold = bytes(*b.max_growth);
    if (b.max_growth_percent) r.threshold_percent = *b.max_growth_percent;
    if (!baseline) {
      r.status = Status::kSkip;
      r.note = "no baseline";
    } else {
      const double now = bytes(metric(s, b.growth_of));
      const double before = bytes(metric(*baseline, b.growth_of));
      r.value = now - before;
      r.value_percent = before > 0 ? 100.0 * (now - before) / before : (now > 0 ? 100.0 : 0.0);
      const bool over_bytes = b.max_growth && r.value > r.threshold;
      const bool over_percent = b.max_growth_percent && *r.value_percent > *r.threshold_percent;
      bool fail;
      if (b.max_growth && b.max_growth_percent)
        fail = b.growth_requires_both ? over_bytes && over_percent : over_bytes || over_percent;
      else fail = over_bytes || over_percent;
      r.status = fail ? Status::kFail : Status::kPass;
      if (b.max_growth && b.max_growth_percent) r.note = b.growth_requires_both ? "fails when both are crossed" : "fails when either is crossed";
    }
    out.push_back(std::move(r));
  }
  if (b.max_monthly_cost) {
    RuleResult r = ceiling("max_monthly_cost", Unit::kMoney, report.cost->per_month, *b.max_monthly_cost);
    r.currency = report.cost->rates.currency;
    out.push_back(std::move(r));
  }
  if (b.max_pull_seconds)
    out.push_back(ceiling("max_pull_seconds", Unit::kSeconds, report.cost->seconds_per_pull, *b.max_pull_seconds));
  if (ci) dive_rules(s, *ci, out);
  for (const auto& r : out) {
    if (r.status == Status::kPass) ++report.passed;
    else if (r.status == Status::kFail) ++report.failed_count;
    else ++report.skipped;
  }
  return report;
}

}  // namespace ballast::check

#include <cstdio>
#include <sstream>

#include "check/evaluate.h"
#include "model/json_envelope.h"
#include "report/check_report.h"
#include "report/cost_report.h"
#include "report/findings_github.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using check::RuleResult;
using check::Status;
using check::Unit;

std::string signed_bytes(double v, bool exact) {
  const auto magnitude = static_cast<std::uint64_t>(v < 0 ? -v : v);
  return std::string(v < 0 ? "-" : "+") + format_bytes(magnitude, exact);
}

std::string number(Unit unit, double v, bool exact) {
  char buf[64];
  switch (unit) {
    case Unit::kBytes: return format_bytes(static_cast<std::uint64_t>(v < 0 ? 0 : v), exact);
    case Unit::kCount: std::snprintf(buf, sizeof buf, "%.0f", v); return buf;
    case Unit::kPercent: std::snprintf(buf, sizeof buf, "%.2f%%", v); return buf;
    case Unit::kFraction: std::snprintf(buf, sizeof buf, "%.4f", v); return buf;
    case Unit::kMoney: return format_money(v, "USD");
    case Unit::kSeconds: return format_seconds(v);
  }
  return {};
}

std::string signed_percent(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.2f%%", v);
  return buf;
}

bool is_growth(const RuleResult& r) { return r.rule.rfind("max_growth.", 0) == 0; }

std::string summary_line(const check::CheckReport& report) {
  std::ostringstream out;
  out << "Result: " << (report.failed() ? "FAIL" : "PASS") << " [Total:" << report.results.size()
      << "] [Passed:" << report.passed << "] [Failed:" << report.failed_count << "] [Skipped:" << report.skipped
      << "]";
  return out.str();
}

}  // namespace

std::string check_value_text(const RuleResult& r, bool exact) {
  if (r.status == Status::kSkip && r.value == 0 && !r.value_percent) return "-";
  if (is_growth(r)) {
    std::string s = signed_bytes(r.value, exact);
    if (r.value_percent) s += " (" + signed_percent(*r.value_percent) + ")";
    return s;
  }
  if (r.unit == Unit::kMoney) return format_money(r.value, r.currency) + "/month";
  return number(r.unit, r.value, exact);
}

std::string check_threshold_text(const RuleResult& r, bool exact) {
  if (is_growth(r)) {
    std::string s;
    if (r.threshold > 0 || !r.threshold_percent) s = signed_bytes(r.threshold, exact);
    if (r.threshold_percent) s += (s.empty() ? "" : " and ") + signed_percent(*r.threshold_percent);
    return "<= " + s;
  }
  if (r.unit == Unit::kMoney) return "<= " + format_money(r.threshold, r.currency) + "/month";
  return std::string(r.at_least ? ">= " : "<= ") + number(r.unit, r.threshold, exact);
}

std::string render_check_text(const check::CheckReport& report, bool exact) {
  std::ostringstream out;
  out << "ballast check " << report.image;
  if (!report.baseline.empty()) out << " (baseline " << report.baseline << ")";
  out << "\n";
  if (report.cost) out << render_cost_text(*report.cost, exact);
  std::size_t width = 4;
  for (const auto& r : report.results) width = std::max(width, r.rule.size());
  for (const auto& r : report.results) {
    char line[512];
    std::snprintf(line, sizeof line, "  %s  %-*s  %14s  %s", std::string(check::to_string(r.status)).c_str(),
                  static_cast<int>(width), r.rule.c_str(), check_value_text(r, exact).c_str(),
                  check_threshold_text(r, exact).c_str());
    out << line;
    if (!r.note.empty()) out << "  (" << r.note << ")";
    out << "\n";
  }
  out << summary_line(report) << "\n";
  return out.str();
}

nlohmann::json check_to_json(const check::CheckReport& report) {
  nlohmann::json doc = model::make_envelope("check");
  doc["image"] = report.image;
  doc["baseline"] = report.baseline.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.baseline);
  doc["result"] = report.failed() ? "fail" : "pass";
  doc["summary"] = {{"total", report.results.size()},
                    {"passed", report.passed},
                    {"failed", report.failed_count},
                    {"skipped", report.skipped}};
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : report.results) {
    static const char* kUnits[] = {"bytes", "count", "percent", "fraction", "money", "seconds"};
    nlohmann::json j = {{"rule", r.rule},
                        {"status", std::string(check::to_string(r.status))},
                        {"unit", kUnits[static_cast<int>(r.unit)]},
                        {"value", r.value},
                        {"threshold", r.threshold},
                        {"comparison", r.at_least ? ">=" : "<="},
                        {"note", r.note}};
    if (r.unit == Unit::kBytes || r.unit == Unit::kCount) {
      j["value"] = static_cast<std::int64_t>(r.value);
      j["threshold"] = static_cast<std::int64_t>(r.threshold);
    }
    if (r.value_percent) j["value_percent"] = *r.value_percent;
    if (r.threshold_percent) j["threshold_percent"] = *r.threshold_percent;
    rules.push_back(std::move(j));
  }
  doc["rules"] = std::move(rules);
  if (report.cost) doc["cost"] = cost_to_json(*report.cost, nullptr);
  return doc;
}

std::string render_check_markdown(const check::CheckReport& report) {
  std::ostringstream out;
  out << kCheckCommentMarker << "\n";
  out << "### ballast check: " << (report.failed() ? "❌ failed" : "✅ passed") << "\n\n";
  out << "`" << report.image << "`";
  if (!report.baseline.empty()) out << " against `" << report.baseline << "`";
  out << "\n\n| | rule | value | threshold |\n|---|---|---|---|\n";
  for (const auto& r : report.results) {
    out << "| " << check::to_string(r.status) << " | `" << r.rule << "` | " << check_value_text(r, false) << " | "
        << check_threshold_text(r, false);
    if (!r.note.empty()) out << " (" << r.note << ")";
    out << " |\n";
  }
  out << "\n" << report.passed << " passed, " << report.failed_count << " failed, " << report.skipped << " skipped\n";
  return out.str();
}

std::string render_check_github(const check::CheckReport& report) {
  std::ostringstream out;
  for (const auto& r : report.results) {
    if (r.status != Status::kFail) continue;
    out << "::error title=" << github_escape_property("ballast check " + r.rule) << "::"
        << github_escape_data(r.rule + ": " + check_value_text(r, false) + " (threshold " +
                              check_threshold_text(r, false) + ")" + (r.note.empty() ? "" : " " + r.note))
        << "\n";
  }
  out << "::notice title=ballast check::" << github_escape_data(summary_line(report)) << "\n";
  return out.str();
}

}  // namespace ballast::report

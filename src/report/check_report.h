// Renderers of `ballast check`'s CheckReport (check/evaluate.h): one line
// per rule (PASS/FAIL/SKIP, value, threshold) and a summary; JSON kind
// "check" (docs/json-schema.md); a Markdown table for a pull-request comment;
// GitHub workflow annotations, one ::error per failed rule.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ballast::check {
struct CheckReport;
struct RuleResult;
}

namespace ballast::report {

// Marks ballast's check comment so a CI step can find and update its own.
inline constexpr const char* kCheckCommentMarker = "<!-- ballast-check -->";

std::string render_check_text(const check::CheckReport& report, bool exact_bytes);
nlohmann::json check_to_json(const check::CheckReport& report);
std::string render_check_markdown(const check::CheckReport& report);
std::string render_check_github(const check::CheckReport& report);

// "212 MB", "0.9812", "4.2%", "+12 MB (+4.2%)": the value column.
std::string check_value_text(const check::RuleResult& r, bool exact_bytes);
// "<= 200 MB", ">= 0.9", "+10 MB and +5.0%".
std::string check_threshold_text(const check::RuleResult& r, bool exact_bytes);

}  // namespace ballast::report

#include "report/lint_sarif.h"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>

#include "lint/rule.h"
#include "report/json_writer.h"
#include "util/version.h"

namespace ballast::report {
namespace {

// SARIF 2.1.0 §3.27.10: level is none | note | warning | error.
std::string level(model::Severity s) {
  switch (s) {
    case model::Severity::kError: return "error";
    case model::Severity::kWarning: return "warning";
    case model::Severity::kInfo: return "note";
  }
  return "warning";
}

// SARIF artifact locations are URIs: relative paths with '/' and
// percent-encoded reserved characters.
std::string to_uri(const std::string& file) {
  std::string out;
  for (unsigned char c : file) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      static const char* kHex = "0123456789ABCDEF";
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string to_lower_id(std::string_view id) {
  std::string out(id);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

nlohmann::json lint_to_sarif(const lint::LintReport& report) {
  nlohmann::json rules = nlohmann::json::array();
  auto table = lint::rules();
  for (const auto& r : table) {
    nlohmann::json rule = {
        {"id", std::string(r.id)},
        {"shortDescription", {{"text", std::string(r.message)}}},
        {"help", {{"text", "docs/rules.md#" + to_lower_id(r.id)}}},
        {"defaultConfiguration", {{"level", level(r.severity)}, {"enabled", r.default_enabled}}},
    };
    nlohmann::json props = nlohmann::json::object();
    if (!r.hadolint.empty()) props["hadolint"] = std::string(r.hadolint);
    if (!r.buildkit.empty()) {
      props["buildkit"] = std::string(r.buildkit);
      rule["name"] = std::string(r.buildkit);
    }
    if (!props.empty()) rule["properties"] = props;
    rules.push_back(rule);
  }

  nlohmann::json results = nlohmann::json::array();
  for (const auto& f : report.findings) {
    nlohmann::json result = {{"ruleId", f.id}, {"level", level(f.severity)}, {"message", {{"text", f.message}}}};
    if (const lint::RuleInfo* rule = lint::find_rule(f.id)) result["ruleIndex"] = rule - table.data();
    if (f.location) {
      nlohmann::json region = {{"startLine", std::max(1, f.location->line)},
                               {"startColumn", std::max(1, f.location->column)}};
      if (f.location->end_line >= f.location->line && f.location->end_line > 0) {
        region["endLine"] = f.location->end_line;
      }
      result["locations"] = nlohmann::json::array(
          {{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(f.location->file)}}}, {"region", region}}}}});
    }
    if (!f.fix.empty()) result["properties"] = {{"fix", f.fix}};
    results.push_back(result);
  }

  nlohmann::json notifications = nlohmann::json::array();
  for (const auto& e : report.errors) {
    notifications.push_back({{"level", "error"},
                             {"message", {{"text", e.message}}},
                             {"locations", nlohmann::json::array({{{"physicalLocation",
                                                                    {{"artifactLocation", {{"uri", to_uri(e.file)}}}}}}})}});
  }

  nlohmann::json run = {
      {"tool",
       {{"driver",
         {{"name", "ballast"},
          {"version", kVersion},
          {"rules", rules}}}}},
      {"results", results},
      {"invocations",
       nlohmann::json::array({{{"executionSuccessful", report.errors.empty()},
                               {"toolExecutionNotifications", notifications}}})},
  };
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({run})}};
}

void render_lint_sarif(const lint::LintReport& report, std::ostream& out) {
  write_json(lint_to_sarif(report), out);
}

}  // namespace ballast::report

#include "report/findings_sarif.h"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>

#include "report/docs_url.h"
#include "report/json_writer.h"
#include "util/version.h"

namespace ballast::report {
namespace {

using nlohmann::json;

// SARIF 2.1.0 §3.27.10: level is none | note | warning | error.
std::string level(model::Severity s) {
  switch (s) {
    case model::Severity::kError: return "error";
    case model::Severity::kWarning: return "warning";
    case model::Severity::kInfo: return "note";
  }
  return "warning";
}

// SARIF artifact locations are URIs (§3.4.3): relative paths with '/' and
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

json rule_json(const RuleDescription& r) {
  json rule = {{"id", r.id}};
  if (!r.name.empty()) rule["name"] = r.name;
  if (!r.summary.empty()) rule["shortDescription"] = {{"text", r.summary}};
  if (!r.help.empty()) {
    rule["helpUri"] = docs_url(r.help);
    rule["help"] = {{"text", r.help}};
  }
  rule["defaultConfiguration"] = {{"level", level(r.level)}, {"enabled", r.enabled}};
  if (!r.properties.empty()) {
    json props = json::object();
    for (const auto& [k, v] : r.properties) props[k] = v;
    rule["properties"] = props;
  }
  return rule;
}

json result_json(const model::Finding& f, const std::vector<RuleDescription>& rules) {
  json result = {{"ruleId", f.id}, {"level", level(f.severity)}, {"message", {{"text", f.message}}}};
  auto rule = std::find_if(rules.begin(), rules.end(), [&](const RuleDescription& r) { return r.id == f.id; });
  if (rule != rules.end()) result["ruleIndex"] = rule - rules.begin();
  if (f.location && !f.location->file.empty()) {
    json region = {{"startLine", std::max(1, f.location->line)}, {"startColumn", std::max(1, f.location->column)}};
    if (f.location->end_line >= f.location->line && f.location->end_line > 0) region["endLine"] = f.location->end_line;
    result["locations"] = json::array(
        {{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(f.location->file)}}}, {"region", region}}}}});
  } else if (!f.paths.empty()) {
    // Paths inside an image or a context are not files of the repository:
    // logical locations (§3.33) name them without claiming a source file.
    json logical = json::array();
    for (const auto& p : f.paths) logical.push_back({{"fullyQualifiedName", p}, {"kind", "resource"}});
    result["locations"] = json::array({{{"logicalLocations", logical}}});
  }
  json props = json::object();
  if (!f.fix.empty()) props["fix"] = f.fix;
  if (f.bytes_saved > 0) props["bytesSaved"] = f.bytes_saved;
  if (!f.layers.empty()) props["layers"] = f.layers;
  if (!props.empty()) result["properties"] = props;
  return result;
}

}  // namespace

json findings_to_sarif(const FindingsDocument& doc) {
  const std::vector<RuleDescription> rules = rules_of(doc);
  json rules_json = json::array();
  for (const auto& r : rules) rules_json.push_back(rule_json(r));

  json results = json::array();
  if (doc.findings != nullptr)
    for (const auto& f : *doc.findings) results.push_back(result_json(f, rules));

  json notifications = json::array();
  for (const auto& p : doc.problems) {
    notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", p.message}}},
         {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(p.file)}}}}}}})}});
  }

  json run = {
      {"tool", {{"driver", {{"name", "ballast"}, {"version", kVersion}, {"rules", rules_json}}}}},
      {"results", results},
      {"invocations",
       json::array({{{"executionSuccessful", doc.problems.empty()}, {"toolExecutionNotifications", notifications}}})},
  };
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({run})}};
}

void render_findings_sarif(const FindingsDocument& doc, std::ostream& out) {
  write_json(findings_to_sarif(doc), out);
}

}  // namespace ballast::report

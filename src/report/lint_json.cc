#include "report/lint_json.h"

#include <ostream>

#include "model/json_envelope.h"
#include "report/json_writer.h"

namespace ballast::report {
namespace {

std::string threshold_name(lint::FailureThreshold t) {
  switch (t) {
    case lint::FailureThreshold::kInfo: return "info";
    case lint::FailureThreshold::kWarning: return "warning";
    case lint::FailureThreshold::kError: return "error";
    case lint::FailureThreshold::kNone: return "none";
  }
  return "warning";
}

}  // namespace

nlohmann::json lint_to_json(const lint::LintReport& report) {
  nlohmann::json j = model::make_envelope("lint");
  j["files"] = report.files;
  j["findings"] = nlohmann::json::array();
  int counts[3] = {0, 0, 0};
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const auto& f = report.findings[i];
    nlohmann::json fj = model::to_json(f);
    if (auto it = report.compose.find(i); it != report.compose.end()) {
      fj["compose"] = {{"service", it->second.service}, {"file", it->second.file}, {"line", it->second.line}};
    }
    j["findings"].push_back(std::move(fj));
    ++counts[static_cast<int>(f.severity)];
  }
  j["errors"] = nlohmann::json::array();
  for (const auto& e : report.errors) j["errors"].push_back({{"file", e.file}, {"message", e.message}});
  j["summary"] = {{"error", counts[2]}, {"warning", counts[1]}, {"info", counts[0]}};
  j["failure_threshold"] = threshold_name(report.threshold);
  j["failed"] = report.failed;
  j["exit_code"] = report.exit_code();
  return j;
}

void render_lint_json(const lint::LintReport& report, std::ostream& out) { write_json(lint_to_json(report), out); }

}  // namespace ballast::report

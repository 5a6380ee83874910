#include "report/lint_findings.h"

#include <cctype>

#include "lint/rule.h"

namespace ballast::report {

FindingsDocument lint_findings(const lint::LintReport& report) {
  FindingsDocument doc;
  doc.command = "lint";
  doc.findings = &report.findings;
  for (const auto& r : lint::rules()) {
    RuleDescription d;
    d.id = std::string(r.id);
    d.name = std::string(r.buildkit);
    d.summary = std::string(r.message);
    std::string anchor(r.id);
    for (char& c : anchor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    d.help = "docs/rules.md#" + anchor;
    d.level = r.severity;
    d.enabled = r.default_enabled;
    if (!r.hadolint.empty()) d.properties.emplace_back("hadolint", std::string(r.hadolint));
    if (!r.buildkit.empty()) d.properties.emplace_back("buildkit", std::string(r.buildkit));
    doc.rules.push_back(std::move(d));
  }
  for (const auto& e : report.errors) doc.problems.push_back({e.file, e.message});
  return doc;
}

}  // namespace ballast::report

#include "report/deps_findings.h"

#include "python/finding_codes.h"

namespace ballast::report {

FindingsDocument deps_findings(const python::DepsReport& report, const std::string& dir) {
  FindingsDocument doc;
  doc.command = "deps";
  doc.subject = dir;
  doc.findings = &report.findings;
  for (const auto& code : python::finding_codes()) {
    RuleDescription r;
    r.id = std::string(code.id);
    r.name = std::string(code.name);
    r.summary = std::string(code.summary);
    r.help = "docs/deps.md";
    doc.rules.push_back(std::move(r));
  }
  return doc;
}

}  // namespace ballast::report

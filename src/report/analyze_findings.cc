#include "report/analyze_findings.h"

namespace ballast::report {

FindingsDocument analyze_findings(const analysis::AnalyzeReport& report, const std::string& image) {
  FindingsDocument doc;
  doc.command = "analyze";
  doc.subject = image;
  doc.findings = &report.waste.findings;  // empty without attribution
  doc.help_page = "docs/findings.md";
  return doc;
}

}  // namespace ballast::report

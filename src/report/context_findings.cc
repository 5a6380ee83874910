#include "report/context_findings.h"

namespace ballast::report {

FindingsDocument context_findings(const context::ContextReport& report, const std::string& dir) {
  FindingsDocument doc;
  doc.command = "context";
  doc.subject = dir;
  doc.findings = &report.findings;
  doc.help_page = "docs/context.md";
  return doc;
}

}  // namespace ballast::report

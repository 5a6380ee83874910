// `ballast lint`'s report as a findings document: every rule of the table
// (docs/rules.md) for SARIF, files that could not be linted as problems.
#pragma once

#include "lint/report.h"
#include "report/findings_document.h"

namespace ballast::report {

// `report` must outlive the document (it points at its findings).
FindingsDocument lint_findings(const lint::LintReport& report);

}  // namespace ballast::report

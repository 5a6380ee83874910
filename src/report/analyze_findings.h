// `ballast analyze`'s waste findings (docs/findings.md) as a findings
// document, read from the AnalyzeReport: each carries its bytes saved, the
// image paths and layers concerned.
#pragma once

#include <string>

#include "analysis/analyze_report.h"
#include "report/findings_document.h"

namespace ballast::report {

// `report` must outlive the document; `image` names what was analysed.
FindingsDocument analyze_findings(const analysis::AnalyzeReport& report, const std::string& image);

}  // namespace ballast::report

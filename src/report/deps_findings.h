// `ballast deps`'s findings as a findings document: the DEPxxx table
// (python/finding_codes.h, docs/deps.md) is the rule list.
#pragma once

#include <string>

#include "python/deps_analysis.h"
#include "report/findings_document.h"

namespace ballast::report {

// `report` must outlive the document; `dir` is the project directory examined.
FindingsDocument deps_findings(const python::DepsReport& report, const std::string& dir);

}  // namespace ballast::report

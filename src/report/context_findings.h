// `ballast context`'s findings as a findings document (docs/context.md).
#pragma once

#include <string>

#include "context/analysis.h"
#include "report/findings_document.h"

namespace ballast::report {

// `report` must outlive the document; `dir` is the context directory examined.
FindingsDocument context_findings(const context::ContextReport& report, const std::string& dir);

}  // namespace ballast::report

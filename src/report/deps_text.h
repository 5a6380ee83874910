// Text rendering of a `ballast deps` report: one block per finding
// ("file:line: ID severity: message" + the fix), then the input warnings and
// a summary line.
#pragma once

#include <string>

#include "python/deps_analysis.h"
#include "report/text_style.h"

namespace ballast::report {

std::string render_deps_text(const python::DepsReport& report, const TextStyle& style = {});

}  // namespace ballast::report

// `ballast lint --format text`: one line per finding,
// `file:line:col severity id message`, then the files that could not be linted.
#pragma once

#include <iosfwd>

#include "lint/report.h"

namespace ballast::report {

void render_lint_text(const lint::LintReport& report, std::ostream& out);

}  // namespace ballast::report

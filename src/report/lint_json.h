// `ballast lint --format json`: the shared envelope (kind "lint") with the
// findings, the files that could not be linted and a summary; schema in
// docs/lint.md.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "lint/report.h"

namespace ballast::report {

nlohmann::json lint_to_json(const lint::LintReport& report);
void render_lint_json(const lint::LintReport& report, std::ostream& out);

}  // namespace ballast::report

// `ballast lint --format sarif`: SARIF 2.1.0 for code scanning (GitHub,
// GitLab, Azure DevOps). One run; tool.driver.rules lists every rule of the
// table (id, short description, default level, where docs/rules.md documents it);
// results carry ruleId, ruleIndex, level (error|warning|note), the message and
// a physical location; files that could not be linted become tool execution
// notifications.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "lint/report.h"

namespace ballast::report {

nlohmann::json lint_to_sarif(const lint::LintReport& report);
void render_lint_sarif(const lint::LintReport& report, std::ostream& out);

}  // namespace ballast::report

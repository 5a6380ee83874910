// `ballast lint --format github`: GitHub Actions workflow commands, one per
// finding, which the runner turns into annotations on the pull request:
//   ::warning file=Dockerfile,line=3,col=1,endLine=3,title=BA1001::message
// (error -> ::error, warning -> ::warning, info -> ::notice).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "lint/report.h"

namespace ballast::report {

void render_lint_github(const lint::LintReport& report, std::ostream& out);

// Workflow-command escaping: data escapes % CR LF; property values also : and ,.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace ballast::report

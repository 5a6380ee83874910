// `--format github`: GitHub Actions workflow commands, one per finding,
// which the runner turns into annotations on the pull request
// (docs.github.com "Workflow commands for GitHub Actions"):
//   ::warning file=Dockerfile,line=3,col=1,endLine=3,title=BA1001::message
// error -> ::error, warning -> ::warning, info -> ::notice. A finding with
// no file (an image path, a context directory) is an annotation without
// file=, shown on the workflow run.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "report/findings_document.h"

namespace ballast::report {

void render_findings_github(const FindingsDocument& doc, std::ostream& out);

// Workflow-command escaping: data escapes % CR LF; property values also : and ,.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace ballast::report

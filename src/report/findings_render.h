// The formats every command offers for its findings, whatever it examined:
// sarif, github and markdown (findings_sarif.h, findings_github.h,
// findings_markdown.h); text and json stay each command's own report.
#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>

#include "report/findings_document.h"

namespace ballast::report {

enum class FindingsFormat { kSarif, kGithub, kMarkdown };

// "sarif", "github", "markdown"; nullopt for any other name.
std::optional<FindingsFormat> parse_findings_format(std::string_view name);

void render_findings(FindingsFormat format, const FindingsDocument& doc, std::ostream& out);

}  // namespace ballast::report

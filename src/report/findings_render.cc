#include "report/findings_render.h"

#include "report/findings_github.h"
#include "report/findings_markdown.h"
#include "report/findings_sarif.h"

namespace ballast::report {

std::optional<FindingsFormat> parse_findings_format(std::string_view name) {
  if (name == "sarif") return FindingsFormat::kSarif;
  if (name == "github") return FindingsFormat::kGithub;
  if (name == "markdown") return FindingsFormat::kMarkdown;
  return std::nullopt;
}

void render_findings(FindingsFormat format, const FindingsDocument& doc, std::ostream& out) {
  switch (format) {
    case FindingsFormat::kSarif: render_findings_sarif(doc, out); return;
    case FindingsFormat::kGithub: render_findings_github(doc, out); return;
    case FindingsFormat::kMarkdown: render_findings_markdown(doc, out); return;
  }
}

}  // namespace ballast::report

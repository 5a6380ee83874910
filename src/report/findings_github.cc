#include "report/findings_github.h"

#include <ostream>

namespace ballast::report {

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out.push_back(c);
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

void render_findings_github(const FindingsDocument& doc, std::ostream& out) {
  if (doc.findings != nullptr) {
    for (const auto& f : *doc.findings) {
      const char* command = f.severity == model::Severity::kError     ? "error"
                            : f.severity == model::Severity::kWarning ? "warning"
                                                                      : "notice";
      out << "::" << command << ' ';
      if (f.location && !f.location->file.empty()) {
        out << "file=" << github_escape_property(f.location->file) << ",line=" << f.location->line
            << ",col=" << f.location->column;
        if (f.location->end_line > 0) out << ",endLine=" << f.location->end_line;
        out << ',';
      }
      out << "title=" << github_escape_property(f.id) << "::" << github_escape_data(f.message) << '\n';
    }
  }
  for (const auto& p : doc.problems) {
    out << "::error file=" << github_escape_property(p.file) << ",title=parse error::"
        << github_escape_data(p.message) << '\n';
  }
}

}  // namespace ballast::report

#include "report/lint_github.h"

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

void render_lint_github(const lint::LintReport& report, std::ostream& out) {
  for (const auto& f : report.findings) {
    const char* command = f.severity == model::Severity::kError     ? "error"
                          : f.severity == model::Severity::kWarning ? "warning"
                                                                    : "notice";
    out << "::" << command << ' ';
    if (f.location) {
      out << "file=" << github_escape_property(f.location->file) << ",line=" << f.location->line
          << ",col=" << f.location->column;
      if (f.location->end_line > 0) out << ",endLine=" << f.location->end_line;
      out << ',';
    }
    out << "title=" << github_escape_property(f.id) << "::" << github_escape_data(f.message) << '\n';
  }
  for (const auto& e : report.errors) {
    out << "::error file=" << github_escape_property(e.file) << ",title=parse error::"
        << github_escape_data(e.message) << '\n';
  }
}

}  // namespace ballast::report

#include "report/deps_text.h"

#include "util/human_bytes.h"

namespace ballast::report {

namespace {

std::string where(const model::SourceLocation& l) {
  std::string out = l.file;
  if (l.line) out += ":" + std::to_string(l.line);
  return out;
}

}  // namespace

std::string render_deps_text(const python::DepsReport& report) {
  std::string out;
  int errors = 0, warnings = 0, infos = 0;
  for (const model::Finding& f : report.findings) {
    if (f.severity == model::Severity::kError) ++errors;
    else if (f.severity == model::Severity::kWarning) ++warnings;
    else ++infos;
    out += (f.location ? where(*f.location) : std::string("-")) + ": " + f.id + " " +
           std::string(model::to_string(f.severity)) + ": " + f.message;
    if (f.bytes_saved) out += " [" + human_bytes(f.bytes_saved) + "]";
    out += "\n";
    if (!f.fix.empty()) out += "    fix: " + f.fix + "\n";
  }
  if (!report.warnings.empty()) {
    out += report.findings.empty() ? "" : "\n";
    for (const auto& w : report.warnings) out += "warning: " + where(w.location) + ": " + w.message + "\n";
  }
  if (!out.empty()) out += "\n";
  out += std::to_string(report.requirements.size()) + " requirements in " + std::to_string(report.manifests.size()) +
         " manifest(s), " + std::to_string(report.python_files) + " Python file(s), " +
         std::to_string(report.imports) + " import(s) (Python 3." + std::to_string(report.python_minor) + "): ";
  if (report.findings.empty()) {
    out += "no findings";
  } else {
    out += std::to_string(report.findings.size()) + " finding(s): " + std::to_string(errors) + " error(s), " +
           std::to_string(warnings) + " warning(s), " + std::to_string(infos) + " info";
  }
  if (report.bytes_saved) out += "; removing the unused packages saves " + human_bytes(report.bytes_saved);
  out += "\n";
  if (!report.image.empty())
    out += "Installed: " + std::to_string(report.installed.size()) + " Python distribution(s) in " + report.image + "\n";
  return out;
}

}  // namespace ballast::report

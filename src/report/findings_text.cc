#include "report/findings_text.h"

#include <ostream>

namespace ballast::report {

void render_findings_text(const FindingsDocument& doc, std::ostream& out) {
  if (doc.findings != nullptr) {
    for (const auto& f : *doc.findings) {
      const auto& loc = f.location;
      out << (loc ? loc->file : std::string("-")) << ':' << (loc ? loc->line : 0) << ':' << (loc ? loc->column : 0)
          << ' ' << model::to_string(f.severity) << ' ' << f.id << ' ' << f.message << '\n';
    }
  }
  for (const auto& p : doc.problems) out << p.message << '\n';
}

}  // namespace ballast::report

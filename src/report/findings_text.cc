#include "report/findings_text.h"

#include <ostream>

namespace ballast::report {

void render_findings_text(const FindingsDocument& doc, std::ostream& out, const TextStyle& style, bool fixes) {
  if (doc.findings != nullptr) {
    for (const auto& f : *doc.findings) {
      const auto& loc = f.location;
      out << (loc ? loc->file : std::string("-")) << ':' << (loc ? loc->line : 0) << ':' << (loc ? loc->column : 0)
          << ' ' << severity_word(style, f.severity) << ' ' << f.id << ' ' << f.message << '\n';
      if (fixes && !f.fix.empty()) out << "    fix: " << f.fix << '\n';
    }
  }
  for (const auto& p : doc.problems) out << p.message << '\n';
}

}  // namespace ballast::report

#include "report/lint_text.h"

#include <ostream>

#include "model/severity.h"

namespace ballast::report {

void render_lint_text(const lint::LintReport& report, std::ostream& out) {
  for (const auto& f : report.findings) {
    const auto& loc = f.location;
    out << (loc ? loc->file : std::string("-")) << ':' << (loc ? loc->line : 0) << ':' << (loc ? loc->column : 0)
        << ' ' << model::to_string(f.severity) << ' ' << f.id << ' ' << f.message << '\n';
  }
  for (const auto& e : report.errors) out << e.message << '\n';
}

}  // namespace ballast::report

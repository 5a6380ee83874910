// Text renderers of attribution for `ballast analyze`: the -d breakdown
// tree (bloaty-style: indented rows, STORED and FINAL columns), size by
// category and by package, and the findings with their savings.
#pragma once

#include <cstddef>
#include <string>

#include "report/text_style.h"

namespace ballast::attribution {
struct BreakdownNode;
struct WasteReport;
}  // namespace ballast::attribution
namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::report {

std::string render_breakdown_text(const attribution::BreakdownNode& root, bool exact);
std::string render_category_table(const analysis::AnalyzeReport& report, bool exact);
std::string render_package_table(const analysis::AnalyzeReport& report, std::size_t top, bool exact);
// "You could save X (Y% of the stored bytes)" and the findings.
// The style paints the headline, the savings and the severities.
std::string render_savings_headline(const attribution::WasteReport& w, bool exact, const TextStyle& style = {});
std::string render_findings_text(const attribution::WasteReport& w, std::size_t top, bool exact,
                                 const TextStyle& style = {});

}  // namespace ballast::report

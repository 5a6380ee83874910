// `ballast analyze --format html`: one self-contained page (docs/html.md).
// The numbers are real HTML tables, readable without JavaScript and in print;
// a small inline script draws a zoomable treemap of the final filesystem and
// of the reclaimable bytes from a compact tree embedded as JSON. Nothing is
// loaded from anywhere: a Content-Security-Policy forbids every request.
#pragma once

#include <cstddef>
#include <string>

namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::report {

struct HtmlRenderOptions {
  std::size_t top = 10;            // rows of the top-N tables (largest, reclaimable, duplicates)
  std::size_t tree_children = 64;  // per directory in the embedded tree; the rest fold
  std::size_t package_rows = 500;  // the package table's cap (all are in --format json)
};

std::string render_analyze_html(const analysis::AnalyzeReport& report, const HtmlRenderOptions& options);

// The inline assets (html_style.cc, html_script.cc).
extern const char* const kHtmlStyle;
extern const char* const kHtmlScript;

}  // namespace ballast::report

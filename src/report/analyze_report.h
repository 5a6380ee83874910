// Renderers of the image model for `ballast analyze`: text (a `docker
// history`-like table, reclaimable bytes, duplicates, largest files) and
// JSON (schema: docs/json-schema.md, kind "analyze"). With an attribution
// (docs/attribution.md) they also lead with the savings, list the findings
// (docs/findings.md), size by category and package, and the -d breakdown.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "report/text_style.h"

namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::report {

struct AnalyzeRenderOptions {
  bool exact_bytes = false;    // --bytes
  std::size_t top = 10;        // --top N rows per list
  bool include_files = false;  // --files: the whole final filesystem (JSON)
  TextStyle style;             // text: colour and width (the CLI reads the terminal)
};

// Without attribution (AnalyzeReport::attributed false) the savings,
// findings, categories and packages are left out; the breakdown only when
// the report has one.
std::string render_analyze_text(const analysis::AnalyzeReport& report, const AnalyzeRenderOptions& options);
nlohmann::json analyze_to_json(const analysis::AnalyzeReport& report, const AnalyzeRenderOptions& options);

}  // namespace ballast::report

// Renderers of the image model for `ballast analyze`: text (a `docker
// history`-like table, reclaimable bytes, duplicates, largest files) and
// JSON (schema: docs/json-schema.md, kind "analyze"). With an attribution
// (docs/attribution.md) they also lead with the savings, list the findings
// (docs/findings.md), size by category and package, and the -d breakdown.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace ballast::image {
struct ImageModel;
}
namespace ballast::attribution {
struct Attribution;
struct BreakdownNode;
struct WasteReport;
}

namespace ballast::report {

struct AnalyzeRenderOptions {
  bool exact_bytes = false;    // --bytes
  std::size_t top = 10;        // --top N rows per list
  bool include_files = false;  // --files: the whole final filesystem (JSON)
};

// What attribution adds to the report; each part may be absent.
struct AttributionView {
  const attribution::Attribution* attribution = nullptr;
  const attribution::WasteReport* waste = nullptr;
  const attribution::BreakdownNode* breakdown = nullptr;  // only with -d
  std::string dimensions;                                 // "layer,category" as given to -d
};

std::string render_analyze_text(const image::ImageModel& model, const AnalyzeRenderOptions& options,
                                const AttributionView& view = {});
nlohmann::json analyze_to_json(const image::ImageModel& model, const AnalyzeRenderOptions& options,
                               const AttributionView& view = {});

}  // namespace ballast::report

// Renderers of the image model for `ballast analyze`: text (a `docker
// history`-like table, reclaimable bytes, duplicates, largest files) and
// JSON (schema: docs/json-schema.md, kind "analyze").
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace ballast::image {
struct ImageModel;
}

namespace ballast::report {

struct AnalyzeRenderOptions {
  bool exact_bytes = false;    // --bytes
  std::size_t top = 10;        // --top N rows per list
  bool include_files = false;  // --files: the whole final filesystem (JSON)
};

std::string render_analyze_text(const image::ImageModel& model, const AnalyzeRenderOptions& options);
nlohmann::json analyze_to_json(const image::ImageModel& model, const AnalyzeRenderOptions& options);

}  // namespace ballast::report

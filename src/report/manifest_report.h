// Renderers of `analyze --manifest-only` / `--all-platforms`
// (analysis::ManifestReport): a text table per platform, or side by side for
// several; JSON kind "manifest" (docs/json-schema.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ballast::analysis {
struct ManifestReport;
}

namespace ballast::report {

std::string render_manifest_text(const analysis::ManifestReport& report, bool exact_bytes);
nlohmann::json manifest_to_json(const analysis::ManifestReport& report);

}  // namespace ballast::report

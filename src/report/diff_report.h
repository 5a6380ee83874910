// Renderers of `ballast diff`'s ImageDiff (diff/image_diff.h): text (the
// header, the change tree in bloaty's diff style, packages, files, config,
// findings), JSON kind "diff" (docs/json-schema.md) and a compact Markdown
// pull-request comment that starts with a hidden marker line.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ballast::diff {
struct ImageDiff;
}

namespace ballast::report {

// A CI step finds its own earlier comment by this line and updates it.
inline constexpr const char* kDiffCommentMarker = "<!-- ballast-diff -->";

std::string render_diff_text(const diff::ImageDiff& diff, bool exact_bytes, std::size_t top);
nlohmann::json diff_to_json(const diff::ImageDiff& diff);
std::string render_diff_markdown(const diff::ImageDiff& diff, std::size_t top);

// "+1.00 kB", "-3.51 MB", "0 B".
std::string signed_bytes_text(std::int64_t delta, bool exact);

}  // namespace ballast::report

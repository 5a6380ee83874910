// Breakdown views (bloaty's -d): a tree of the image's bytes grouped by any
// sequence of dimensions, e.g. layer, then category, then package. Every
// level's rows add up to their parent, and the root to the image: stored
// bytes (Σ of every layer's regular files, ImageModel::stored_bytes) and
// final bytes (visible in the final filesystem, ImageModel::final_bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/attribution.h"
#include "image/image_model.h"

namespace ballast::attribution {

enum class Dimension { kLayer, kCategory, kPackage, kDir, kFile, kExt };
std::string_view to_string(Dimension d);
// "layer,category,package" -> dimensions; InputError names a bad one.
std::vector<Dimension> parse_dimensions(std::string_view csv);

struct BreakdownNode {
  std::string name;
  std::uint64_t stored = 0;
  std::uint64_t final = 0;
  std::uint64_t files = 0;      // regular-file entries
  std::uint64_t folded = 0;     // rows folded into this "[N others]" row (0: a real row)
  std::vector<BreakdownNode> children;
};

struct BreakdownOptions {
  std::vector<Dimension> dimensions;
  std::size_t top = 10;       // rows kept per level; the rest fold into "[N others]"
  bool sort_by_final = false; // default: by stored bytes
};

inline constexpr std::string_view kUnownedLabel = "[unowned]";

// Root is named "TOTAL".
BreakdownNode build_breakdown(const image::ImageModel& model, const Attribution& attribution,
                              const BreakdownOptions& options);

}  // namespace ballast::attribution

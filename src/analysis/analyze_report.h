// What `ballast analyze` knows about an image, as one value: everything a
// renderer prints and a later comparison (diff, check, history) reads, with
// nothing left to compute. Made by analyze() (analyze.h); move-only (the
// attribution owns its compiled category table).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/image_analysis.h"
#include "analysis/largest.h"
#include "attribution/attribution.h"
#include "attribution/breakdown.h"
#include "attribution/findings.h"
#include "cost/image_cost.h"
#include "image/image_model.h"

namespace ballast::analysis {

// Regular-file bytes of one category over all layers.
struct CategoryTotal {
  std::string name;
  std::uint64_t stored_bytes = 0;
  std::uint64_t final_bytes = 0;  // of those visible in the final filesystem
  std::uint64_t files = 0;
};

struct Breakdown {
  std::string dimensions;                // as requested: "layer,category"
  std::vector<std::string> dimension_names;  // its comma-separated parts
  attribution::BreakdownNode tree;       // root "TOTAL"
};

// Seconds spent in each stage (the attribution bench reads them).
struct AnalyzeTimings {
  double read = 0;  // analyze_image(): every layer, merge, hashing
  double attribute = 0;
  double findings = 0;
  double breakdown = 0;
};

struct AnalyzeReport {
  // Identity (description, name, config), layers and history, the layer
  // tables and final filesystem, reclaimable bytes, duplicates, dive metrics
  // and the image's own warnings.
  image::ImageModel image;
  std::vector<PathSize> largest_files;        // the request's top N
  std::vector<PathSize> largest_directories;  // the request's top N

  bool attributed = false;  // false: the three below are empty
  attribution::Attribution attribution;       // owner and category of every entry, packages
  std::vector<CategoryTotal> categories;      // every category, in table order
  std::vector<std::uint32_t> packages_by_size;  // into attribution.packages: most stored bytes first, then label

  bool has_findings = false;
  attribution::WasteReport waste;             // findings (most bytes saved first), savings, notes

  std::optional<Breakdown> breakdown;         // only when requested
  std::optional<cost::ImageCost> cost;        // only when requested (AnalyzeRequest::cost)

  // The image's warnings, then the attribution's (unreadable databases).
  std::vector<std::string> warnings;

  AnalyzeStats stats;
  AnalyzeTimings timings;
};

}  // namespace ballast::analysis

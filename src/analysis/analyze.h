// analyze(): the one call that turns an image reference into an
// AnalyzeReport (analyze_report.h). It runs the whole pipeline that
// `ballast analyze`, `ballast deps --image`, the benches and the tests share:
// read every layer once with the attribution capture (analyze_image), then
// attribution, the waste findings and the -d breakdown. Knows no command
// line: what the user chose arrives as an AnalyzeRequest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/read_progress.h"
#include "analysis/analyze_report.h"
#include "analysis/image_analysis.h"
#include "image/resolved_image.h"
#include "attribution/breakdown.h"
#include "attribution/categories.h"
#include "cost/rates.h"

namespace ballast::analysis {

struct AnalyzeRequest {
  std::string image;       // a reference image::parse_image_reference() accepts
  std::string image_name;  // NAME:TAG inside an archive holding several images
  std::string platform = "linux/amd64";
  bool platform_required = false;  // asked for: a single image of another platform is an error
  image::registry::Options registry;  // how to reach a docker:// image's registry
  unsigned threads = 0;    // layers read in parallel; 0: one per core
  VerifyMode verify = VerifyMode::kCompressed;
  bool find_duplicates = true;
  bool use_toc = true;     // read eStargz layers from their table of contents
  image::EngineLayers engine_layers = image::EngineLayers::kAuto;  // docker-daemon: directories or stream
  bool pipeline_layers = true;  // inflate on a second thread while parsing (same result)
  bool hash_files = false; // hash every final regular file (diff, --files)
  std::uint64_t max_metadata_bytes = limits::kMaxMetadataBytes;  // docs/limits.md; 0 = none
  std::uint64_t max_layer_tar_bytes = limits::kMaxLayerTarBytes;

  // Package/category attribution; without it there are no packages,
  // categories, findings or breakdown.
  bool attribution = true;
  bool findings = true;    // the waste findings (needs attribution)
  bool elf = false;        // also read ELF files for the unstripped-binaries finding
  std::optional<int> base_layers;            // nullopt: guessed (docs/attribution.md#base-layers)
  std::vector<attribution::CategoryRule> category_rules;  // tried before the built-in table

  // The -d breakdown: dimensions as the user wrote them ("layer,category");
  // empty: none. Parsed here, so a bad one is an InputError.
  std::string breakdown;
  bool sort_by_final = false;  // breakdown rows by final instead of stored bytes
  std::size_t top = 10;        // rows per top-N list (largest files, breakdown levels)
  bool largest = true;         // the largest files and directories (a snapshot holds none)

  // Layers and bytes read so far (for a progress line): called from worker
  // threads, but one call at a time and in order (read_progress.h).
  ProgressCallback on_progress;
  // Called once every layer has been read (and stored in the cache), before
  // the merge (snapshot_pair.h starts the second image there).
  std::function<void()> on_layers_read;

  // Price the image at these rates (cost/image_cost.h); also estimates the
  // gzip size of uncompressed layers. nullopt: no cost.
  std::optional<cost::CostRates> cost;

  // The layer cache (docs/cache.md); null: every layer is read. Used unless
  // `elf` (its shared budget makes a layer's capture depend on the others).
  std::shared_ptr<cache::LayerCache> cache;
};

// Throws InputError for bad input (an unreadable image, a bad dimension, a
// rule without condition).
AnalyzeReport analyze(const AnalyzeRequest& request);

// How the request picks its image out of what it names (image name,
// platform, registry access): for a caller that resolves the same image
// again (slim's write pass and --verify's load).
image::ResolveOptions resolve_options(const AnalyzeRequest& request);

}  // namespace ballast::analysis

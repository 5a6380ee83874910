// analyze_image(): locate an image, read every layer once (in parallel),
// merge them and account for every byte. The entry point of `ballast
// analyze` and of every later image analysis (attribution, diff, check).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "analysis/read_progress.h"
#include "analysis/content_hasher.h"
#include "image/image_model.h"
#include "image/image_reference.h"
#include "image/registry/options.h"

namespace ballast::analysis {

enum class VerifyMode {
  kCompressed,  // default: verify blobs that are read in full anyway (compressed)
  kAll,         // --verify: also hash uncompressed layers (forgoes seeking)
  kNone,        // --no-verify
};

struct AnalyzeOptions {
  std::string image_name;              // NAME:TAG / ref name inside the archive
  std::string platform = "linux/amd64";
  // The platform was asked for (not a default): an image of one other
  // platform is then an error naming what it is, not silently analysed.
  bool platform_required = false;
  image::registry::Options registry;   // docker:// sources
  VerifyMode verify = VerifyMode::kCompressed;
  unsigned threads = 0;                // 0: one per core
  HashOptions hashing;
  // Read eStargz layers from their table of contents when the layer's
  // toc.digest annotation matches (estargz_toc.h); false (--no-toc) reads
  // every compressed layer in full. --verify (VerifyMode::kAll) also reads
  // them in full, since only that checks the blob digest.
  bool use_toc = true;
  // Which files' contents to keep in memory (see LayerReadOptions::capture).
  std::function<bool(std::string_view path, std::uint64_t size)> capture;
  // Layers and bytes read so far (for a progress line): called from worker
  // threads, but one call at a time and in order (read_progress.h).
  ProgressCallback on_progress;
};

struct AnalyzeStats {
  HashStats hashing;
  std::uint64_t layers_streamed = 0;
  std::uint64_t layers_seeked = 0;
  std::uint64_t layers_toc = 0;  // read from an eStargz table of contents
};

image::ImageModel analyze_image(const image::ImageReference& ref, const AnalyzeOptions& options,
                         AnalyzeStats* stats = nullptr);

}  // namespace ballast::analysis

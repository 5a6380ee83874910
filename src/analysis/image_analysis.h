// analyze_image(): locate an image, read every layer once (in parallel),
// merge them and account for every byte. The entry point of `ballast
// analyze` and of every later image analysis (attribution, diff, check).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "analysis/content_hasher.h"
#include "image/image_model.h"
#include "image/image_reference.h"
#include "image/stream_archive.h"
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
  image::registry::Options registry;   // docker:// sources
  VerifyMode verify = VerifyMode::kCompressed;
  unsigned threads = 0;                // 0: one per core
  HashOptions hashing;
  // Read eStargz layers from their table of contents when the layer's
  // toc.digest annotation matches (estargz_toc.h); false (--no-toc) reads
  // every compressed layer in full. --verify (VerifyMode::kAll) also reads
  // them in full, since only that checks the blob digest.
  bool use_toc = true;
  // docker-daemon: layer directories or the engine's tar stream. --verify
  // (VerifyMode::kAll) reads the stream under kAuto: only it can be hashed
  // against the diff IDs.
  image::EngineLayers engine_layers = image::EngineLayers::kAuto;
  // Which files' contents to keep in memory (see LayerReadOptions::capture).
  std::function<bool(std::string_view path, std::uint64_t size)> capture;
  // Called from worker threads as layers finish (for a progress line).
  std::function<void(std::size_t layers_done, std::size_t layers_total)> on_layer_done;
};

struct AnalyzeStats {
  HashStats hashing;
  std::uint64_t layers_streamed = 0;
  std::uint64_t layers_seeked = 0;
  std::uint64_t layers_toc = 0;  // read from an eStargz table of contents
  std::uint64_t layers_directory = 0;  // walked in the engine's layer directories
};

image::ImageModel analyze_image(const image::ImageReference& ref, const AnalyzeOptions& options,
                         AnalyzeStats* stats = nullptr);

}  // namespace ballast::analysis

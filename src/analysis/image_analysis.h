// analyze_image(): locate an image, read every layer once (in parallel),
// merge them and account for every byte. The entry point of `ballast
// analyze` and of every later image analysis (attribution, diff, check).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "analysis/read_progress.h"
#include "analysis/content_hasher.h"
#include "image/image_model.h"
#include "image/image_reference.h"
#include "image/stream_archive.h"
#include "image/registry/options.h"
#include "util/limits.h"

namespace ballast::cache {
class LayerCache;
}

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
  // Estimate the registry (gzip) size of uncompressed layers by compressing
  // them once more with ISA-L (image/gzip_estimate.h): the cost's input for
  // docker save archives. Only layers read from a file can be re-read; the
  // engine's stream and stdin are not (their estimate stays 0).
  bool estimate_compressed = false;
  // Hostile-input ceilings (docs/limits.md); 0 = no limit.
  std::uint64_t max_metadata_bytes = limits::kMaxMetadataBytes;  // all layers' tables together
  std::uint64_t max_layer_tar_bytes = limits::kMaxLayerTarBytes;  // one layer, decompressed
  // docker-daemon: layer directories or the engine's tar stream. --verify
  // (VerifyMode::kAll) reads the stream under kAuto: only it can be hashed
  // against the diff IDs.
  image::EngineLayers engine_layers = image::EngineLayers::kAuto;
  // Inflate on a second thread while the tar is parsed (layer_reader.h).
  bool pipeline_layers = true;
  // Which files' contents to keep in memory (see LayerReadOptions::capture).
  std::function<bool(std::string_view path, std::uint64_t size)> capture;
  // Layers and bytes read so far (for a progress line): called from worker
  // threads, but one call at a time and in order (read_progress.h).
  ProgressCallback on_progress;
  // Called once every layer has been read (and stored in the cache), before
  // the merge: nothing after it looks up or stores a cache entry.
  std::function<void()> on_layers_read;
  // Names the capture rules for the layer cache: layers are cached only when
  // there is no capture or it has a name (a capture whose answer depends on
  // other layers, like the shared ELF budget, has none).
  std::string capture_profile;
  // The layer cache (cache/layer_cache.h); null reads every layer. Files and
  // registry blobs are looked up by content address before they are read;
  // streamed sources (the engine, stdin) and eStargz TOC reads bypass it.
  std::shared_ptr<cache::LayerCache> cache;
};

struct AnalyzeStats {
  HashStats hashing;
  std::uint64_t layers_streamed = 0;
  std::uint64_t layers_seeked = 0;
  std::uint64_t layers_toc = 0;  // read from an eStargz table of contents
  std::uint64_t layers_directory = 0;  // walked in the engine's layer directories
  std::uint64_t layers_cached = 0;  // taken from the layer cache, not read (counted in the four above too)
  std::uint64_t layers_read = 0;    // actually read from their blobs
};

image::ImageModel analyze_image(const image::ImageReference& ref, const AnalyzeOptions& options,
                         AnalyzeStats* stats = nullptr);

}  // namespace ballast::analysis

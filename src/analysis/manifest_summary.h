// `analyze --manifest-only`: what the manifest and config alone say, with
// no layer read — each layer's stored (compressed) size and the instruction
// that made it, per platform; with every platform, the bytes the platforms
// share counted once. A registry answers it with a handful of small GETs,
// whatever the image's size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/registry/options.h"

namespace ballast::analysis {

struct ManifestLayer {
  std::string digest;
  std::string media_type;
  std::uint64_t stored_size = 0;
  std::uint64_t platforms = 1;  // how many platforms' manifests list this blob
};

struct ManifestHistoryRow {
  std::string instruction;
  std::string created;
  int layer = -1;  // index into PlatformManifest::layers, -1 for empty_layer rows
};

struct PlatformManifest {
  std::string platform;  // os/arch[/variant] from the config
  std::string description;
  std::vector<ManifestLayer> layers;
  std::vector<ManifestHistoryRow> history;
  std::uint64_t stored_bytes = 0;
  std::uint64_t unique_bytes = 0;  // in no other platform's layers
};

struct ManifestReport {
  std::string source;
  std::vector<PlatformManifest> platforms;
  std::uint64_t distinct_layers = 0;
  std::uint64_t distinct_bytes = 0;  // every platform's layers, shared ones once
  std::vector<std::string> warnings;
};

struct ManifestRequest {
  std::string image;
  std::string image_name;
  std::string platform = "linux/amd64";
  bool all_platforms = false;
  image::registry::Options registry;
};

ManifestReport summarize_manifests(const ManifestRequest& request);

}  // namespace ballast::analysis

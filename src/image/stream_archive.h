// Reading an image archive (`docker save` output, legacy or Docker >= 25 with
// an OCI layout inside, or an OCI archive) from a stream that cannot seek:
// standard input, or the engine's GET /images/{name}/get body. Nothing is
// written to disk and nothing big is kept in memory: each layer member is
// read by read_layer() as it passes (its stored bytes sha256-hashed on the
// way), every other member is a small JSON document kept in memory. The
// manifest may come last (Docker 20.10 writes members in name order), so
// layers are read first and placed once the manifest is known; the manifest
// is then followed by the same resolvers as for files (resolved_image.h).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "image/layer_reader.h"
#include "image/resolved_image.h"

namespace ballast::image {

// How `docker-daemon:` layers are read (engine/overlay_image.h): the layer
// directories on disk when the engine's overlay2 store is readable here
// (kAuto), always as the engine's tar stream, or only from the directories.
enum class EngineLayers { kAuto, kStream, kDirectory };

struct StreamReadOptions {
  ResolveOptions resolve;
  LayerReadOptions layer;  // capture and content hashing; expected_digest is ignored
  // Check each layer's stored bytes against its digest (always hashed anyway).
  bool verify = true;
  // Also hash each decompressed tar and check it against the config's diff ID.
  bool verify_diff_ids = false;
  // Layers the stream is expected to hold (for progress); 0 = unknown.
  std::size_t expected_layers = 0;
  EngineLayers engine_layers = EngineLayers::kAuto;
  unsigned threads = 0;  // layer directories read in parallel; 0: one per core
  std::function<void(std::size_t layers_done, std::size_t layers_total)> on_layer_done;
};

struct StreamedImage {
  // The image as resolve_image() would give it for the same archive on disk,
  // except that layer sources are placeholders of the right size whose bytes
  // are gone (only their first bytes remain, for sniffing).
  ResolvedImage image;
  std::vector<LayerReadResult> layers;  // in image.layers order
};

// Reads the archive from `fd` to its end. `name` is used in messages and as
// the store name ("-", "docker-daemon:app"). Throws InputError for a corrupt
// or truncated stream, a layer the manifest names that is not in it, or a
// digest mismatch.
StreamedImage read_image_stream(int fd, const std::string& name, const StreamReadOptions& options);

}  // namespace ballast::image

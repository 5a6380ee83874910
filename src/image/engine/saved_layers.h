// An engine image's layers read a second time (`ballast slim` copies the
// kept base layers and re-reads those above them after the analysis), with
// nothing written to disk: each layer is found again in the `docker save`
// stream of the image ID, GET /images/{id}/get, by the archive member the
// first read found it at (LayerBlob::member; the engine names the members of
// one image ID the same way every time), and read as it passes.
//
// One stream is open at a time and only walked forward: a layer asked for
// after it has passed opens a new stream, so layers asked for in the order
// the stream holds them cost one transfer, any other order one per layer at
// most. A layer read to its end is checked against its sha256 when one is
// given (the engine saves layers uncompressed: their diff IDs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "image/byte_source.h"

namespace ballast::image::engine {

class SavedLayers {
 public:
  // `image_id` "sha256:<hex>" pins the image; `shown` names it in messages.
  // The engine is the one read_daemon_image() talks to (endpoint.h).
  SavedLayers(std::string image_id, std::string shown);
  ~SavedLayers();
  SavedLayers(const SavedLayers&) = delete;
  SavedLayers& operator=(const SavedLayers&) = delete;

  // The layer stored as `member`, `size` bytes; `sha256_hex` empty: unchecked.
  // The source is not seekable and is read from one thread at a time (all
  // sources of one SavedLayers share its stream).
  ByteSourcePtr layer(const std::string& member, std::uint64_t size, const std::string& sha256_hex);

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace ballast::image::engine

// What an uncompressed layer would weigh in a registry. `docker save`
// archives (and the engine's stream) hold layers as plain tar, but registries
// store and hosts pull them gzip-compressed: docker push and buildah/podman
// push compress with Go's compress/gzip at its default level (6). ballast
// estimates that size by compressing the tar with ISA-L at level 3, its
// closest ratio to zlib's level 6 (docs/cost.md#compressed-sizes measures
// the gap against real gzip -6), counting the output bytes without keeping them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "image/byte_source.h"

namespace ballast::image {

// Streams a compressed-size count: feed() the bytes in order, then finish().
class GzipSizeEstimator {
 public:
  GzipSizeEstimator();
  ~GzipSizeEstimator();
  GzipSizeEstimator(const GzipSizeEstimator&) = delete;
  GzipSizeEstimator& operator=(const GzipSizeEstimator&) = delete;

  void feed(const void* data, std::size_t size);
  // The gzip member's size in bytes (header and trailer included).
  std::uint64_t finish();

 private:
  struct State;
  State* state_;
};

// The estimate for a whole source (read in 1 MiB pieces).
std::uint64_t estimate_gzip_size(const ByteSource& source);

}  // namespace ballast::image

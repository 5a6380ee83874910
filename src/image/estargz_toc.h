// eStargz layers (containerd/stargz-snapshotter docs/estargz.md) carry a table
// of contents: `stargz.index.json`, the last tar entry, in its own gzip member,
// located by a 51-byte footer member whose gzip Extra field says
// "%016xSTARGZ" (the TOC member's offset). When the manifest's layer
// descriptor states the TOC's sha256 (annotation
// containerd.io/snapshot/stargz/toc.digest) and it matches, the layer's
// entries are taken from the TOC, without inflating file data; contents that
// are needed later (captured package databases, duplicate candidates) are
// inflated chunk by chunk from their own gzip members (toc_index.h).
//
// Anything unexpected (no footer, legacy 47-byte stargz footer, digest
// mismatch, malformed JSON, hostile or inconsistent entries) is not an error
// here: the caller gets the reason and reads the layer in full instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "image/layer_reader.h"

namespace ballast::image {

inline constexpr const char* kTocDigestAnnotation = "containerd.io/snapshot/stargz/toc.digest";
inline constexpr const char* kUncompressedSizeAnnotation = "io.containers.estargz.uncompressed-size";
inline constexpr const char* kTocName = "stargz.index.json";

struct TocReadOptions {
  std::string toc_digest;  // "sha256:<hex>" from the layer descriptor
  // io.containers.estargz.uncompressed-size, when stated: the tar's size.
  std::optional<std::uint64_t> uncompressed_size;
  // As LayerReadOptions::capture.
  std::function<bool(std::string_view path, std::uint64_t size)> capture;
};

// The layer as read_layer() would see it (same paths, types, sizes, modes,
// links, whiteouts), with method kToc and `toc` set; or nullopt with *why set
// when the TOC cannot be used.
std::optional<LayerReadResult> read_estargz_layer(const ByteSourcePtr& blob,
                                                  const TocReadOptions& options, std::string* why);

}  // namespace ballast::image

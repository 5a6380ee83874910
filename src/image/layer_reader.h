// Reads one layer blob into a LayerTable in a single pass.
//
// Two paths, chosen per layer:
//  - seek: an uncompressed tar in a file, no digest requested. Only the tar
//    headers are read; contents are skipped with pread offsets (libarchive's
//    skip callback) and their offsets recorded so that the few files that
//    can be duplicates are hashed later (analysis/content_hasher.h).
//  - stream: compressed (or verified) blobs are read once, decompressed,
//    sha256-hashed as stored, and each regular file's contents are xxh3-hashed
//    on the way, since those bytes pass through memory anyway.
// eStargz layers may instead be read from their table of contents
// (estargz_toc.h), which returns the same LayerReadResult.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "image/blob_reader.h"
#include "image/byte_source.h"
#include "image/layer_table.h"
#include "image/read_method.h"
#include "image/toc_index.h"
#include "image/metadata_budget.h"
#include "util/limits.h"

namespace ballast::image {

struct LayerReadOptions {
  // "sha256:<hex>" the stored blob must match; empty = don't verify.
  std::string expected_digest;
  // "sha256:<hex>" the decompressed tar must match (the config's diff ID);
  // empty = don't check. Hashing the tar reads every byte (no seeking).
  std::string expected_diff_id;
  // Hash the decompressed tar even without an expected diff ID (the stream
  // reader learns the diff IDs only after the layers): tar_sha256 is set.
  bool hash_tar = false;
  // Decompression-bomb ceilings (BlobReader::set_output_limits); 0 = none.
  std::uint64_t max_tar_bytes = limits::kMaxLayerTarBytes;
  std::uint64_t max_ratio = limits::kMaxDecompressionRatio;
  // Entries one layer may hold.
  std::size_t max_entries = limits::kMaxLayerEntries;
  // The image's metadata budget, shared by the layers read in parallel; null = none.
  MetadataBudget* metadata = nullptr;
  // Hash file contents while streaming (needed for duplicate detection).
  bool hash_contents = true;
  // Files whose contents later analyses need (package databases: dpkg status,
  // RECORD, apk installed...) are kept in memory when this says so. Called
  // with the cleaned path and size of each regular file.
  std::function<bool(std::string_view path, std::uint64_t size)> capture;
  // Inflate and hash a file's blob on a second thread while its tar is
  // parsed (blob_reader.h); the result is the same either way.
  bool pipeline = true;
};

// Contents of captured files, by entry index in the layer's table.
using CapturedFiles = std::vector<std::pair<std::uint32_t, std::string>>;

struct LayerReadResult {
  LayerTable table;
  Compression compression = Compression::kNone;
  std::uint64_t tar_size = 0;   // uncompressed tar bytes
  bool seeked = false;          // contents were skipped, not read
  bool verified = false;        // stored bytes matched expected_digest
  bool diff_id_verified = false;  // decompressed tar matched expected_diff_id
  std::string tar_sha256;       // hex, when the tar was hashed (hash_tar or a diff ID)
  ReadMethod method = ReadMethod::kStream;
  // Layers read from an eStargz TOC (estargz_toc.h): where each regular
  // file's chunks are, for reading contents later; null otherwise.
  std::shared_ptr<const TocIndex> toc;
  CapturedFiles captured;
  std::uint64_t estimated_gzip_size = 0;  // filled by the analysis (LayerSummary's)
};

LayerReadResult read_layer(ByteSourcePtr blob, const LayerReadOptions& options);

// Throws InputError naming `layer` when the hex sha256 of its decompressed tar
// is not the config's diff ID ("sha256:<hex>").
void check_diff_id(const std::string& layer, const std::string& expected, const std::string& tar_hex);

}  // namespace ballast::image

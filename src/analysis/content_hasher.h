// Hash only what can be a duplicate. Contents of streamed layers were hashed
// on the way; for layers read by seeking, only files that share their size
// with another file (and overwrites by a file of the same size) are read:
// first a 4 KiB head hash, then the full xxh3 for those whose heads collide.
// Classifies same-content rewrites and finds duplicate files.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "image/byte_source.h"
#include "image/image_model.h"
#include "image/toc_index.h"

namespace ballast::analysis {

struct HashOptions {
  bool find_duplicates = true;
  // Smaller files are not worth reporting as duplicates (and there are many).
  std::uint64_t duplicate_min_size = 1024;
  // Hash every regular file of the final filesystem (diff compares contents
  // by hash; streamed layers have theirs already, seeked ones are read now).
  bool hash_final_files = false;
};

struct HashStats {
  std::uint64_t files_hashed = 0;  // by reading contents after the fact
  std::uint64_t bytes_read = 0;
};

// layer_sources[i] is the blob of layer i (offsets in TarEntry::data_offset
// refer to it). layer_tocs[i], when present and non-null, says that layer i
// was read from an eStargz TOC: data_offset is then a chunk index and contents
// are inflated chunk by chunk (toc_index.h), so hashes equal those of the
// same bytes in any other layer. Updates entry hashes, reclassifies
// kOverwritten items whose replacement has the same bytes, fills
// model.duplicates.
HashStats hash_candidates(image::ImageModel& model, const std::vector<image::ByteSourcePtr>& layer_sources,
                          const HashOptions& options,
                          const std::vector<std::shared_ptr<const image::TocIndex>>& layer_tocs = {});

}  // namespace ballast::analysis

// The image model every image analysis reads and every renderer formats:
// layers with their history, the merged final filesystem, the bytes stored
// but not visible (reclaimable, with the reason), duplicate contents and
// dive-compatible metrics. Built by analysis::analyze_image()
// (analysis/image_analysis.h); nothing in here prints. The type lives here,
// beside the layer tables it points into, because attribution reads it and
// analysis runs attribution: analysis -> attribution -> image, no cycle.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "image/compression.h"
#include "image/image_config.h"
#include "image/layer_table.h"
#include "image/read_method.h"
#include "image/verify_gap.h"

namespace ballast::image {

struct LayerSummary {
  int index = 0;
  std::string digest;       // stored blob digest, when the format states one
  std::string diff_id;
  std::string media_type;
  Compression compression = Compression::kNone;
  std::uint64_t stored_size = 0;  // blob bytes as stored (compressed size)
  std::uint64_t tar_size = 0;     // uncompressed tar bytes
  // For an uncompressed blob (docker save): its gzip size estimated with
  // ISA-L (gzip_estimate.h), when AnalyzeOptions::estimate_compressed asked
  // and the blob could be read again; 0 otherwise.
  std::uint64_t estimated_gzip_size = 0;
  // Bytes of regular files the layer adds (a hardlinked inode once): what
  // `docker history` shows as SIZE for layers BuildKit made.
  std::uint64_t files_size = 0;
  // Symlink target lengths. The engine counts them too when it measures an
  // unpacked directory (`docker import`, the classic builder), not for
  // BuildKit's layers: docs/analyze.md#layer-sizes.
  std::uint64_t symlink_bytes = 0;
  std::uint64_t file_count = 0;      // non-directory, non-whiteout entries
  std::uint64_t whiteout_count = 0;  // whiteouts and opaque markers
  std::uint64_t reclaimable = 0;     // bytes added here but not visible at the end
  int history_index = -1;            // into ImageModel::history
  bool verified = false;             // stored bytes checked against digest
  bool diff_id_verified = false;     // decompressed tar checked against the config's diff ID
  VerifyGap not_verified = VerifyGap::kNone;  // what was left unchecked, and why
  bool seeked = false;               // contents skipped (header-only read)
  ReadMethod read_via = ReadMethod::kStream;  // seek, stream, or an eStargz TOC
  std::string member;  // read from a stream: the archive member that held it (LayerBlob::member)
};

// config.history in order, each mapped to the layer it made (-1: empty_layer).
struct HistoryRow {
  HistoryEntry entry;
  int layer = -1;
};

// An entry of one layer's table.
struct EntryRef {
  std::int32_t layer = -1;
  std::uint32_t entry = 0;
  bool valid() const { return layer >= 0; }
};

enum class ShadowReason {
  kDeleted,               // whiteout of the path or a parent directory (rm, rm -rf)
  kOpaque,                // hidden by an opaque directory marker
  kOverwritten,           // replaced by different content or another type
  kRewrittenSameContent,  // replaced by the same bytes: chmod/chown/touch copy-up
};
std::string_view to_string(ShadowReason r);
inline constexpr int kShadowReasonCount = 4;

struct ReclaimableItem {
  std::string path;
  std::uint64_t size = 0;
  int added_layer = 0;
  int shadowed_layer = 0;
  ShadowReason reason = ShadowReason::kOverwritten;
  EntryRef added;
  EntryRef replacement;  // for overwrites: the entry that took its place
};

struct FinalFile {
  std::string_view path;
  EntryRef ref;
  std::uint64_t size = 0;  // hardlinks report their target's size
};

struct DuplicateGroup {
  std::uint64_t size = 0;  // of one copy
  std::uint64_t hash = 0;  // xxh3-64 of the contents
  std::vector<std::string> paths;
  std::uint64_t wasted() const { return paths.empty() ? 0 : size * (paths.size() - 1); }
};

// dive 0.13's numbers, computed its way (docs/analyze.md#dive-metrics).
struct DiveMetrics {
  double efficiency = 1.0;
  std::uint64_t wasted_bytes = 0;
  std::uint64_t user_size = 0;
  double user_wasted_percent = 0.0;
  struct Inefficiency {
    std::string path;
    std::uint32_t count = 0;
    std::uint64_t cumulative_size = 0;
  };
  std::vector<Inefficiency> inefficiencies;  // paths seen >= 2 times, largest first
};

struct ImageModel {
  std::string description;
  std::string name;
  ImageConfig config;
  std::vector<LayerSummary> layers;
  std::vector<HistoryRow> history;
  std::vector<LayerTable> tables;      // one per layer; FinalFile paths point into them
  // Contents kept for later analyses (AnalyzeOptions::capture), per layer,
  // sorted by entry index.
  std::vector<std::vector<std::pair<std::uint32_t, std::string>>> captured;
  std::vector<FinalFile> final_files;  // sorted by path; directories included
  std::vector<ReclaimableItem> reclaimable;  // largest first
  std::vector<DuplicateGroup> duplicates;    // most wasted first
  std::vector<std::string> warnings;         // recoverable oddities of the input
  DiveMetrics dive;

  std::uint64_t stored_bytes = 0;  // Σ layers' files_size
  std::uint64_t final_bytes = 0;   // visible regular-file bytes (a hardlinked inode once)
  std::uint64_t reclaimable_bytes = 0;
  std::uint64_t reclaimable_by_reason[kShadowReasonCount] = {};

  const TarEntry& entry(EntryRef r) const { return tables[r.layer].entries()[r.entry]; }
  std::string_view path(EntryRef r) const { return tables[r.layer].path(entry(r)); }
  // The captured contents of an entry, or nullptr when it was not captured.
  const std::string* captured_contents(EntryRef r) const;
};

}  // namespace ballast::image

// What a comparison needs of one analyzed image, as plain data: the totals,
// layers, categories, packages, findings, dive metrics, runtime config and
// every regular-file entry with its owner and category. `ballast check`
// evaluates one, `ballast diff` subtracts two. A snapshot comes from an
// AnalyzeReport (snapshot()) or from a saved `ballast analyze --format json`
// document (snapshot_from_json(); file entries only when it was written
// with --files), so a baseline can be a report kept from an earlier run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cost/image_cost.h"
#include "image/image_model.h"
#include "model/finding.h"

namespace ballast::analysis {

struct AnalyzeReport;

struct SnapshotLayer {
  std::string diff_id;
  std::string digest;
  std::string instruction;  // the history line that made it, as a Dockerfile line
  std::uint64_t size = 0;             // regular-file bytes it adds (files_size)
  std::uint64_t compressed_size = 0;  // blob bytes as stored
};

struct SnapshotTotal {
  std::string name;  // category name or package label
  std::string version;  // packages only
  std::uint64_t stored_bytes = 0;
  std::uint64_t final_bytes = 0;
};

inline constexpr std::uint32_t kNoPackage = ~std::uint32_t{0};

// A regular file of one layer.
struct SnapshotEntry {
  std::string path;  // absolute ("/usr/bin/x")
  std::uint32_t layer = 0;
  std::uint64_t size = 0;
  bool visible = false;  // counts in the final filesystem
  std::uint16_t category = 0;          // into ImageSnapshot::categories
  std::uint32_t package = kNoPackage;  // into ImageSnapshot::packages
  std::optional<std::uint64_t> hash;   // xxh3-64 of the contents, when read
  std::uint32_t mode = 0, uid = 0, gid = 0;
};

struct SnapshotConfig {
  std::vector<std::string> entrypoint, cmd, env, exposed_ports;
  std::string user, working_dir;
  std::map<std::string, std::string> labels;
};

struct ImageSnapshot {
  std::string source;  // what the user named
  std::string name;
  std::string digest;  // the image ID (sha256 of its config), when known
  std::uint64_t stored_bytes = 0;
  std::uint64_t final_bytes = 0;
  std::uint64_t compressed_bytes = 0;  // Σ layers' compressed_size
  std::uint64_t reclaimable_bytes = 0;
  std::vector<SnapshotLayer> layers;
  image::DiveMetrics dive;  // without inefficiencies
  SnapshotConfig config;

  bool attributed = false;
  std::vector<SnapshotTotal> categories;  // every category
  std::vector<SnapshotTotal> packages;
  bool has_findings = false;
  std::vector<model::Finding> findings;

  bool has_entries = false;
  std::vector<SnapshotEntry> entries;  // by layer, then path

  // What --cost prices (docs/cost.md#compressed-sizes), one per layer: the
  // analysis's cost basis (ISA-L estimates when it priced), else each
  // layer's stored size, flagged uncompressed for a plain tar.
  std::vector<cost::LayerCost> cost_layers;
  int base_layers = 0;  // the base a pull shares (attribution's count)
};

// The snapshot priced at `rates` (cost::price, as analyze prices).
cost::ImageCost snapshot_cost(const ImageSnapshot& snapshot, const cost::CostRates& rates);

ImageSnapshot snapshot(const AnalyzeReport& report, const std::string& source);

// An `analyze` document (docs/json-schema.md); InputError naming `source`
// when it is not one.
ImageSnapshot snapshot_from_json(const nlohmann::json& doc, const std::string& source);

// True when `path` holds a JSON document rather than an image: diff and
// check accept a saved report wherever they accept an image.
bool is_json_report(const std::string& path);

// snapshot_from_json() of the file; InputError when unreadable.
ImageSnapshot load_snapshot(const std::string& path);

struct AnalyzeRequest;
// The snapshot of request.image: a saved report is loaded, anything else
// analyzed with analyze(request).
ImageSnapshot snapshot_of(const AnalyzeRequest& request);

}  // namespace ballast::analysis

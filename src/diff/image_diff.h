// diff_images(): what changed from image A to image B, as data — the
// subtraction of two analysis snapshots (analysis/snapshot.h): the size
// totals, which layers B shares with A (by diffID), a bloaty-style tree of
// the change by any of layer/category/package/dir/file/ext whose rows add
// up exactly to the header, packages added/removed/changed, files whose
// contents (by hash), mode or owner changed, runtime config changes and the
// findings B introduced or fixed. Renderers are report/diff_*.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/snapshot.h"
#include "attribution/breakdown.h"
#include "cost/image_cost.h"

namespace ballast::diff {

struct DiffOptions {
  std::vector<attribution::Dimension> dimensions;  // empty: no tree
  std::size_t top = 10;        // rows per level; the rest fold into "[N others]"
  bool sort_by_final = false;  // rows by |final change| instead of |stored change|
  // .dockerignore patterns (context/matcher.h): matching paths are left out
  // of the file changes (never out of the totals, which must add up).
  std::vector<std::string> ignore;
  // Price both sides at these rates (docs/cost.md#diff); nullopt: no cost.
  std::optional<cost::CostRates> cost;
};

struct Totals {
  std::uint64_t a = 0, b = 0;
  std::int64_t delta() const { return static_cast<std::int64_t>(b) - static_cast<std::int64_t>(a); }
};

// A row of the change tree. A row present only in B is new, only in A deleted.
struct DiffNode {
  std::string name;
  Totals stored, final;
  std::uint64_t files_a = 0, files_b = 0;
  std::uint64_t folded = 0;  // rows folded into this "[N others]" row
  std::vector<DiffNode> children;
  bool is_new() const { return files_a == 0 && files_b > 0; }
  bool is_deleted() const { return files_b == 0 && files_a > 0; }
};

struct LayerMatch {
  std::string diff_id;
  std::string instruction;
  std::uint64_t size = 0;  // regular-file bytes
  std::uint64_t compressed_size = 0;
};

enum class Change { kAdded, kRemoved, kChanged };
std::string_view to_string(Change c);

struct PackageChange {
  std::string label;
  Change change = Change::kChanged;  // kChanged: the version changed
  std::string version_a, version_b;
  Totals stored;
};

struct FileChange {
  std::string path;
  Change change = Change::kChanged;
  bool content = false;  // kChanged: different bytes (by hash; by size when a side has no hash)
  bool mode = false, owner = false;
  std::uint64_t size_a = 0, size_b = 0;
  std::uint32_t mode_a = 0, mode_b = 0;
  std::uint32_t uid_a = 0, uid_b = 0, gid_a = 0, gid_b = 0;
};

struct ConfigChange {
  std::string field;  // env, entrypoint, cmd, user, working_dir, exposed_ports, labels
  std::string key;    // variable, label or port; "" for the whole field
  Change change = Change::kChanged;
  std::string a, b;   // values ("" when absent)
};

struct FindingChange {
  bool fixed = false;  // in A, not in B; else new in B
  model::Finding finding;
};

struct ImageDiff {
  std::string a, b;  // sources as named
  std::string name_a, name_b;
  Totals stored, final, compressed, layers, reclaimable;
  // B's layers that A has too (same diffID): unchanged, counted once.
  std::vector<LayerMatch> shared_layers;
  std::uint64_t shared_bytes = 0;
  std::vector<LayerMatch> added_layers, removed_layers;

  bool has_tree = false;
  std::vector<std::string> dimension_names;
  DiffNode tree;  // root "TOTAL"

  bool attributed = false;  // both sides: categories and packages below
  std::vector<PackageChange> packages;  // largest |stored change| first
  std::vector<std::pair<std::string, Totals>> categories;  // every category either has, largest |change| first

  bool has_files = false;
  bool files_by_size_only = false;  // a side had no content hashes
  std::vector<FileChange> files;    // by path
  std::uint64_t files_ignored = 0;  // changes --ignore left out

  std::vector<ConfigChange> config;

  bool has_findings = false;
  std::vector<FindingChange> findings;  // new first, then fixed; most bytes first

  std::optional<cost::CostChange> cost;  // when DiffOptions::cost
};

// InputError when a dimension needs file entries one side lacks (a saved
// report written without --files).
ImageDiff diff_images(const analysis::ImageSnapshot& a, const analysis::ImageSnapshot& b, const DiffOptions& options);

}  // namespace ballast::diff

// What `ballast slim` writes, decided from the analysis before a byte of the
// output exists (docs/slim.md): the first `base_layers` layers are kept as
// they are, and of the layers above them only the entries the final
// filesystem still shows go into one new layer, each once, with its last
// metadata. Everything stored above the base but invisible (deleted,
// hidden by an opaque directory, overwritten, chmod/chown copies) is left
// out, plus whatever the opt-in drop rules name. Whiteouts and opaque
// markers are made against the kept base only.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/analyze_report.h"

namespace ballast::slim {

// Opt-in removals. `categories` holds attribution category names
// (caches, docs, tests, ...) and the extra kinds "pycache" and
// "static-libs"; globs use the category table's syntax over image paths
// (a leading "/" is ignored) and match a path or any directory above it.
// A `keep_globs` match always wins.
struct DropRules {
  std::vector<std::string> categories;
  std::vector<std::string> drop_globs;
  std::vector<std::string> keep_globs;
  bool empty() const { return categories.empty() && drop_globs.empty(); }
};

// The names DropRules::categories accepts besides the category table's.
inline constexpr const char* kExtraDropKinds[] = {"pycache", "static-libs"};

enum class EntryAction : std::uint8_t {
  kSkip,     // not written
  kKeep,     // written as it is (hardlinks possibly retargeted)
  kCarrier,  // a regular file no longer visible whose contents a kept hardlink needs:
             // written under that link's name
};

struct LayerPlan {
  std::vector<EntryAction> actions;  // one per entry of the layer's table
  std::unordered_map<std::uint32_t, std::string> rename;       // kCarrier: the name written
  std::unordered_map<std::uint32_t, std::string> link_target;  // kept hardlinks pointing elsewhere
};

// Entries that exist in no input layer, written first in the new layer.
struct SyntheticEntry {
  enum class Kind { kWhiteout, kOpaque, kDirectory };
  Kind kind = Kind::kWhiteout;
  std::string path;  // the deleted path, the opaque directory, the directory
};

struct SlimPlan {
  int base_layers = 0;
  bool keep_layers = false;  // one output layer per input layer above the base, not one in all
  std::vector<LayerPlan> layers;  // layers[i] is input layer base_layers + i
  std::vector<SyntheticEntry> synthetic;

  std::uint64_t upper_file_bytes = 0;    // regular-file bytes stored above the base
  std::uint64_t written_file_bytes = 0;  // of those, written to the new layer
  std::uint64_t written_entries = 0;
  // Reclaimable bytes (analysis) added above the base, by image::ShadowReason.
  std::uint64_t reclaimable_by_reason[image::kShadowReasonCount] = {};
  std::uint64_t reclaimable_removed = 0;
  std::uint64_t reclaimable_in_base = 0;  // shadowed, but stored in a kept base layer
  // Of reclaimable_by_reason: contents a kept hardlink still needs, so
  // written after all (kCarrier; the analysis counts the deleted name).
  std::uint64_t carried_bytes = 0;
  // Opt-in drops of files above the base (bytes saved), and of files stored
  // in the base (hidden by a whiteout, still stored).
  std::uint64_t dropped_bytes = 0, dropped_files = 0;
  std::uint64_t hidden_base_bytes = 0, hidden_base_files = 0;
  std::map<std::string, std::uint64_t> dropped_by_rule;  // rule -> bytes (above and in the base)
  std::vector<std::string> dropped_paths;                // final paths removed by drop rules, sorted
  std::set<std::string> dropped_os_packages;             // "deb:foo" owning a dropped file
  std::uint64_t tar_upper_bound = 0;  // bytes the new layer's tar can take at most

  std::uint64_t removed_bytes() const { return upper_file_bytes - written_file_bytes; }
};

// Throws InputError for an unknown drop category. The report must hold the
// layer tables (any analysis does) and, when `rules` names categories or
// OS-package notes are wanted, the attribution.
//
// `keep_layers` (--keep-layers): each layer above the base is rewritten on
// its own, so a layer also keeps its own entries of the directories above
// what it keeps (their metadata may be superseded by a later layer, which
// the engines apply after it); the synthetic entries go into the first.
SlimPlan plan_slim(const analysis::AnalyzeReport& report, int base_layers, const DropRules& rules,
                   bool keep_layers = false);

}  // namespace ballast::slim

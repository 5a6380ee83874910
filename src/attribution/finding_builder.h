// Internal to the findings: a finding under construction, as the entries it
// concerns and the bytes of each that the fix removes. bytes_saved, layers
// and paths are derived from them, so every figure is measured, never typed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "attribution/attribution.h"
#include "image/image_model.h"
#include "model/finding.h"

namespace ballast::attribution {

struct FindingItem {
  image::EntryRef ref;
  std::uint64_t bytes = 0;
};

struct PendingFinding {
  model::Finding finding;
  std::vector<FindingItem> items;
  std::vector<int> extra_layers;  // layers concerned that hold none of the items (a deleting layer)
  std::vector<std::string> fixed_paths;  // paths to report instead of the largest items' paths
};

// Fills bytes_saved, layers and paths (largest first, at most max_paths).
void finish(PendingFinding& p, const image::ImageModel& m, std::size_t max_paths = 10);

// "#3 (RUN pip install ...)": how a layer is named in messages.
std::string layer_name(const image::ImageModel& m, int layer);

// Calls f(ref, path) for each visible, non-empty regular-file entry.
template <typename F>
void for_each_visible(const image::ImageModel& m, const Attribution& a, F&& f) {
  for (std::size_t l = 0; l < m.tables.size(); ++l) {
    const auto& t = m.tables[l];
    const auto& entries = t.entries();
    for (std::uint32_t i = 0; i < entries.size(); ++i)
      if (entries[i].type == image::EntryType::kFile && a.visible[l][i] && entries[i].size > 0)
        f(image::EntryRef{static_cast<std::int32_t>(l), i}, t.path(entries[i]));
  }
}

// "#3 (RUN npm ci)" and "… and 2 more layers": the layers holding most of the items' bytes.
std::string where(const image::ImageModel& m, const PendingFinding& p);
// The items' bytes.
std::uint64_t total(const PendingFinding& p);

using Pending = std::vector<PendingFinding>;

// The groups of checks (findings_*.cc).
void find_reclaimable(const image::ImageModel& m, Pending& out);
void find_duplicates(const image::ImageModel& m, Pending& out);
void find_by_category(const image::ImageModel& m, const Attribution& a, Pending& out);
void find_caches(const image::ImageModel& m, const Attribution& a, Pending& out);
void find_secrets(const image::ImageModel& m, const Attribution& a, Pending& out);
void find_base_image(const image::ImageModel& m, const Attribution& a, Pending& out);
void find_unstripped(const image::ImageModel& m, const Attribution& a, Pending& out);
void find_node_dev_dependencies(const image::ImageModel& m, const Attribution& a, Pending& out);

}  // namespace ballast::attribution

#include "explore/layer_items.h"

#include <set>
#include <string>
#include <unordered_map>

#include "analysis/analyze_report.h"
#include "image/tar_path.h"
#include "report/fs_tree_items.h"

namespace ballast::explore {
namespace {

using image::EntryType;
using Present = std::set<std::string_view, std::less<>>;

// Removes `dir` and everything below it; true when anything was there.
bool remove_tree(Present& present, std::string_view dir, bool keep_dir) {
  bool any = false;
  if (!keep_dir) any = present.erase(dir) > 0;
  const std::string prefix = dir.empty() ? std::string() : std::string(dir) + "/";
  auto it = present.lower_bound(std::string_view(prefix));
  while (it != present.end() && it->starts_with(prefix)) {
    it = present.erase(it);
    any = true;
  }
  return any;
}

}  // namespace

std::vector<std::vector<MarkedItem>> layer_items(const analysis::AnalyzeReport& r) {
  const image::ImageModel& m = r.image;
  // Bytes each whiteout deletes: the reclaimable items it hid, by layer and path.
  std::vector<std::unordered_map<std::string_view, std::uint64_t>> deleted(m.tables.size());
  for (std::size_t l = 0; l < m.tables.size(); ++l)
    for (const auto& e : m.tables[l].entries())
      if (e.type == EntryType::kWhiteout) deleted[l][m.tables[l].path(e)] = 0;
  for (const auto& x : m.reclaimable) {
    if (x.reason != image::ShadowReason::kDeleted || x.shadowed_layer < 0 ||
        x.shadowed_layer >= static_cast<int>(deleted.size()))
      continue;
    auto& wh = deleted[x.shadowed_layer];
    for (std::string_view p = x.path; !p.empty(); p = image::parent_path(p))
      if (auto it = wh.find(p); it != wh.end()) {
        it->second += x.size;
        break;
      }
  }

  std::vector<std::vector<MarkedItem>> out(m.tables.size());
  Present present;
  for (std::size_t l = 0; l < m.tables.size(); ++l) {
    const auto& t = m.tables[l];
    const auto& entries = t.entries();
    auto& items = out[l];
    items.reserve(entries.size());
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      if (e.type == EntryType::kWhiteout) {
        remove_tree(present, t.path(e), false);
        MarkedItem it;
        it.item.path = t.path(e);
        it.item.attrs[report::kDimLayer] = static_cast<std::int32_t>(l);
        it.mark = Mark::kRemoved;
        it.hidden = deleted[l][t.path(e)];
        items.push_back(it);
      } else if (e.type == EntryType::kOpaque) {
        remove_tree(present, t.path(e), true);
      }
    }
    std::vector<std::string_view> added;
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      if (e.type == EntryType::kWhiteout || e.type == EntryType::kOpaque) continue;
      MarkedItem it;
      it.item.path = t.path(e);
      it.item.directory = e.type == EntryType::kDirectory;
      it.item.bytes = e.type == EntryType::kFile ? e.size : 0;
      it.item.attrs[report::kDimLayer] = static_cast<std::int32_t>(l);
      if (r.attributed && e.type == EntryType::kFile) {
        it.item.attrs[report::kDimCategory] = r.attribution.category[l][i];
        const std::uint32_t owner = r.attribution.owner[l][i];
        it.item.attrs[report::kDimPackage] = owner == attribution::kUnowned ? -1 : static_cast<std::int32_t>(owner);
      }
      const bool existed = present.contains(it.item.path);
      // A directory the layer lists again (every parent of what it adds) is not a change.
      it.mark = !existed ? Mark::kAdded : it.item.directory ? Mark::kNone : Mark::kModified;
      items.push_back(it);
      added.push_back(it.item.path);
    }
    for (auto p : added) present.insert(p);
  }
  return out;
}

}  // namespace ballast::explore

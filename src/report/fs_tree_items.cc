#include "report/fs_tree_items.h"

#include <string>
#include <string_view>
#include <unordered_set>

#include "analysis/analyze_report.h"

namespace ballast::report {
namespace {

using image::EntryType;
using image::ImageModel;

// A file's category and owning package (-1: unowned) from the attribution.
void set_owner(TreeItem& it, const attribution::Attribution& a, image::EntryRef ref) {
  it.attrs[kDimCategory] = a.category[ref.layer][ref.entry];
  const std::uint32_t owner = a.owner[ref.layer][ref.entry];
  it.attrs[kDimPackage] = owner == attribution::kUnowned ? -1 : static_cast<std::int32_t>(owner);
}

}  // namespace

std::vector<TreeItem> final_tree_items(const analysis::AnalyzeReport& r) {
  const ImageModel& m = r.image;
  std::unordered_set<std::string_view> regular;
  for (const auto& f : m.final_files)
    if (m.entry(f.ref).type == EntryType::kFile) regular.insert(f.path);
  std::unordered_set<std::string> carried;
  std::vector<TreeItem> items;
  items.reserve(m.final_files.size());
  for (const auto& f : m.final_files) {
    const auto& e = m.entry(f.ref);
    TreeItem it;
    it.path = f.path;
    it.directory = e.type == EntryType::kDirectory;
    it.attrs[kDimLayer] = f.ref.layer;
    if (e.type == EntryType::kFile) {
      it.bytes = e.size;
    } else if (e.type == EntryType::kHardlink) {
      // The reader stores hardlink targets cleaned (image/tar_path.h), as paths are.
      std::string target(m.tables[f.ref.layer].link(e));
      if (!regular.contains(target) && carried.insert(target).second) it.bytes = f.size;
    }
    if (r.attributed && e.type == EntryType::kFile) set_owner(it, r.attribution, f.ref);
    items.push_back(it);
  }
  return items;
}

std::vector<TreeItem> reclaimable_tree_items(const analysis::AnalyzeReport& r) {
  const ImageModel& m = r.image;
  std::vector<TreeItem> items;
  items.reserve(m.reclaimable.size());
  for (const auto& x : m.reclaimable) {
    TreeItem it;
    it.path = x.path;
    it.bytes = x.size;
    it.attrs[kDimLayer] = x.added_layer;
    it.attrs[kDimReason] = static_cast<std::int32_t>(x.reason);
    it.attrs[kDimHiddenBy] = x.shadowed_layer;
    if (r.attributed && x.added.valid() && m.entry(x.added).type == EntryType::kFile)
      set_owner(it, r.attribution, x.added);
    items.push_back(it);
  }
  return items;
}

}  // namespace ballast::report

#include "analysis/merged_fs.h"

#include <algorithm>
#include <exception>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "image/tar_path.h"
#include "util/error.h"

namespace ballast::analysis {

using image::EntryRef;
using image::EntryType;
using image::FinalFile;
using image::ImageModel;
using image::LayerSummary;
using image::LayerTable;
using image::parent_path;
using image::ReclaimableItem;
using image::ShadowReason;
using image::TarEntry;
namespace {

using FsMap = std::map<std::string_view, EntryRef, std::less<>>;

struct PathStats {
  std::uint32_t count = 0;
  std::uint64_t cumulative = 0;
  std::uint64_t minimum = 0;
};

class Merger {
 public:
  explicit Merger(ImageModel& m) : m_(m) {}

  // dive's per-path figures are sums, counts and minimums, which do not
  // depend on the order they are taken in: they are kept on a second thread
  // while the layers are merged here, except what a whiteout weighs, which
  // needs the lower tree as it is at that layer and is measured here.
  void run() {
    const int layers = static_cast<int>(m_.tables.size());
    std::exception_ptr dive_error;
    std::thread dive([&] {
      try {
        std::size_t entries = 0;
        for (const LayerTable& t : m_.tables) entries += t.entries().size();
        dive_paths_.reserve(entries);  // no rehash of ~all paths on the way
        for (int layer = 0; layer < layers; ++layer) dive_visit_layer(layer);
      } catch (...) {
        dive_error = std::current_exception();
      }
    });
    std::vector<std::pair<std::string_view, std::uint64_t>> whiteouts;
    try {
      for (int layer = 0; layer < layers; ++layer) {
        const LayerTable& t = m_.tables[layer];
        for (const TarEntry& e : t.entries())
          if (e.type == EntryType::kWhiteout) whiteouts.emplace_back(t.path(e), lower_dir_size(t.path(e)));
        apply_removals(layer);
        apply_additions(layer);
      }
    } catch (...) {
      dive.join();
      throw;
    }
    dive.join();
    if (dive_error) std::rethrow_exception(dive_error);
    for (const auto& [path, size] : whiteouts) add_dive_path(path, size);
    finish_final_files();
    finish_dive();
  }

 private:
  const TarEntry& entry(EntryRef r) const { return m_.entry(r); }

  static bool is_dir(const TarEntry& e) { return e.type == EntryType::kDirectory; }

  // Records bytes that stop being visible. Only regular files hold bytes;
  // a hardlink's bytes stay with the file it links to.
  void shadow(EntryRef ref, int by_layer, ShadowReason reason, EntryRef replacement = {}) {
    const TarEntry& e = entry(ref);
    if (e.type != EntryType::kFile || e.size == 0) return;
    ReclaimableItem item;
    item.path = std::string(m_.path(ref));
    item.size = e.size;
    item.added_layer = ref.layer;
    item.shadowed_layer = by_layer;
    item.reason = reason;
    item.added = ref;
    item.replacement = replacement;
    m_.reclaimable.push_back(std::move(item));
  }

  // Removes everything strictly below `dir`; returns the count removed.
  std::size_t remove_subtree(std::string_view dir, int by_layer, ShadowReason reason,
                             bool only_lower) {
    std::string prefix = std::string(dir) + "/";
    if (dir.empty()) prefix.clear();  // opaque root: everything
    auto it = fs_.lower_bound(std::string_view(prefix));
    std::size_t removed = 0;
    while (it != fs_.end() && it->first.starts_with(prefix)) {
      if (only_lower && it->second.layer >= by_layer) {
        ++it;
        continue;
      }
      shadow(it->second, by_layer, reason);
      it = fs_.erase(it);
      known_dir_ = {};
      ++removed;
    }
    return removed;
  }

  void apply_removals(int layer) {
    const LayerTable& t = m_.tables[layer];
    for (std::uint32_t i = 0; i < t.entries().size(); ++i) {
      const TarEntry& e = t.entries()[i];
      if (e.type == EntryType::kWhiteout) {
        std::string_view p = t.path(e);
        std::size_t removed = remove_subtree(p, layer, ShadowReason::kDeleted, true);
        auto it = fs_.find(p);
        if (it != fs_.end() && it->second.layer < layer) {
          shadow(it->second, layer, ShadowReason::kDeleted);
          fs_.erase(it);
          known_dir_ = {};
          ++removed;
        }
        // The first few by name; a layer of 10^6 of them is one more line.
        if (removed == 0 && ++idle_whiteouts_ <= kMaxIdleWhiteoutWarnings)
          m_.warnings.push_back("layer " + std::to_string(layer) + ": whiteout of '" +
                                std::string(p) + "', which no lower layer has");
      } else if (e.type == EntryType::kOpaque) {
        remove_subtree(t.path(e), layer, ShadowReason::kOpaque, true);
      }
    }
    if (idle_whiteouts_ > kMaxIdleWhiteoutWarnings)
      m_.warnings.push_back("layer " + std::to_string(layer) + ": " +
                            std::to_string(idle_whiteouts_ - kMaxIdleWhiteoutWarnings) +
                            " more whiteouts of paths no lower layer has");
    idle_whiteouts_ = 0;
  }

  void apply_additions(int layer) {
    const LayerTable& t = m_.tables[layer];
    for (std::uint32_t i = 0; i < t.entries().size(); ++i) {
      const TarEntry& e = t.entries()[i];
      if (e.type == EntryType::kWhiteout || e.type == EntryType::kOpaque) continue;
      std::string_view p = t.path(e);
      EntryRef ref{layer, i};
      if (e.type == EntryType::kHardlink) {
        auto target = fs_.find(t.link(e));
        if (target == fs_.end() || is_dir(entry(target->second)))
          throw InputError(m_.layers[layer].digest.empty()
                               ? "layer " + std::to_string(layer) + ": hardlink '" +
                                     std::string(p) + "' to nowhere ('" +
                                     std::string(t.link(e)) + "')"
                               : "layer " + std::to_string(layer) + " (" +
                                     m_.layers[layer].digest + "): hardlink '" + std::string(p) +
                                     "' to nowhere ('" + std::string(t.link(e)) + "')");
        EntryRef target_ref = target->second;
        // Chains of hardlinks all resolve to the one regular file.
        if (auto again = hardlink_target_.find(key(target_ref)); again != hardlink_target_.end())
          target_ref = again->second;
        hardlink_target_[key(ref)] = target_ref;
      }
      replace_ancestors_that_are_not_dirs(p, layer);
      auto [it, inserted] = fs_.try_emplace(p, ref);
      if (!inserted) {
        EntryRef old = it->second;
        const TarEntry& old_e = entry(old);
        if (is_dir(old_e) && !is_dir(e)) {
          remove_subtree(p, layer, ShadowReason::kOverwritten, false);
          it = fs_.find(p);
        }
        if (!is_dir(old_e)) shadow(old, layer, ShadowReason::kOverwritten, ref);
        it->second = ref;
        if (!is_dir(e)) known_dir_ = {};  // it may have been the known directory
      }
      if (is_dir(e)) known_dir_ = p;  // its entries usually follow it
      account_layer_entry(layer, e, ref);
    }
  }

  // A file or symlink at "a" is replaced when a later layer creates "a/b".
  // The entries of a directory mostly follow one another: the parent found
  // to be a directory for the previous entry (or the directory just added) is
  // remembered, until anything is erased or replaced by a non-directory,
  // which saves a lookup in the ordered map for most entries.
  void replace_ancestors_that_are_not_dirs(std::string_view p, int layer) {
    const std::string_view first = parent_path(p);
    if (!first.empty() && first == known_dir_) return;
    for (std::string_view parent = first; !parent.empty(); parent = parent_path(parent)) {
      auto it = fs_.find(parent);
      if (it == fs_.end()) continue;
      if (is_dir(entry(it->second))) {  // dirs above it were checked when it was added
        if (parent.size() == first.size()) known_dir_ = first;
        return;
      }
      shadow(it->second, layer, ShadowReason::kOverwritten);
      fs_.erase(it);
      known_dir_ = {};
    }
  }

  void account_layer_entry(int layer, const TarEntry& e, EntryRef ref) {
    LayerSummary& s = m_.layers[layer];
    if (e.type != EntryType::kDirectory) ++s.file_count;
    if (e.type == EntryType::kFile) s.files_size += e.size;
    if (e.type == EntryType::kSymlink) s.symlink_bytes += e.link_length;
  }

  static std::uint64_t key(EntryRef r) {
    return (static_cast<std::uint64_t>(r.layer) << 32) | r.entry;
  }

  void finish_final_files() {
    m_.final_files.reserve(fs_.size());
    std::unordered_set<std::uint64_t> counted_inodes;
    for (const auto& [path, ref] : fs_) {
      FinalFile f{path, ref, 0};
      const TarEntry& e = entry(ref);
      if (e.type == EntryType::kFile) {
        f.size = e.size;
        if (counted_inodes.insert(key(ref)).second) m_.final_bytes += e.size;
      } else if (e.type == EntryType::kHardlink) {
        EntryRef target = hardlink_target_.at(key(ref));
        f.size = entry(target).size;
        if (counted_inodes.insert(key(target)).second) m_.final_bytes += f.size;
      } else if (e.type == EntryType::kSymlink) {
        f.size = e.link_length;
      }
      m_.final_files.push_back(f);
    }
    for (const auto& item : m_.reclaimable) m_.layers[item.added_layer].reclaimable += item.size;
    for (const auto& l : m_.layers) {
      m_.stored_bytes += l.files_size;
    }
  }

  // dive: every leaf of the layer's own tree (not non-empty directories, not
  // opaque markers), keyed by path with ".wh." removed; a whiteout weighs the
  // lower subtree it removes when that is a directory, else 0.
  void dive_visit_layer(int layer) {
    const LayerTable& t = m_.tables[layer];
    std::unordered_set<std::string_view> has_children;
    for (const TarEntry& e : t.entries()) {
      if (e.type == EntryType::kOpaque) continue;
      for (std::string_view p = parent_path(t.path(e)); !p.empty(); p = parent_path(p))
        if (!has_children.insert(p).second) break;
    }
    std::uint64_t layer_size = 0;
    for (const TarEntry& e : t.entries()) {
      if (e.type == EntryType::kWhiteout || e.type == EntryType::kOpaque) ++m_.layers[layer].whiteout_count;
      if (e.type == EntryType::kOpaque) continue;
      if (e.type == EntryType::kWhiteout) continue;  // weighed by run()
      std::string_view p = t.path(e);
      if (e.type == EntryType::kDirectory && has_children.count(p)) continue;
      std::uint64_t size = e.type == EntryType::kFile ? e.size : 0;
      layer_size += size;
      add_dive_path(p, size);
    }
    if (layer > 0) m_.dive.user_size += layer_size;
  }

  void add_dive_path(std::string_view p, std::uint64_t size) {
    PathStats& s = dive_paths_[p];
    s.minimum = s.count == 0 ? size : std::min(s.minimum, size);
    s.cumulative += size;
    ++s.count;
  }

  std::uint64_t lower_dir_size(std::string_view p) const {
    auto it = fs_.find(p);
    if (it == fs_.end() || !is_dir(entry(it->second))) return 0;
    std::string prefix = std::string(p) + "/";
    std::uint64_t total = 0;
    for (auto c = fs_.lower_bound(std::string_view(prefix));
         c != fs_.end() && c->first.starts_with(prefix); ++c) {
      const TarEntry& e = entry(c->second);
      if (e.type == EntryType::kFile) total += e.size;
    }
    return total;
  }

  void finish_dive() {
    std::uint64_t sum_min = 0, sum_cum = 0;
    auto& d = m_.dive;
    for (const auto& [path, s] : dive_paths_) {
      sum_min += s.minimum;
      sum_cum += s.cumulative;
      if (s.count >= 2) {
        d.wasted_bytes += s.cumulative;
        d.inefficiencies.push_back({std::string(path), s.count, s.cumulative});
      }
    }
    d.efficiency = sum_cum == 0 ? 1.0 : static_cast<double>(sum_min) / static_cast<double>(sum_cum);
    d.user_wasted_percent =
        d.user_size == 0 ? 0.0 : static_cast<double>(d.wasted_bytes) / static_cast<double>(d.user_size);
    std::sort(d.inefficiencies.begin(), d.inefficiencies.end(), [](const auto& a, const auto& b) {
      return a.cumulative_size != b.cumulative_size ? a.cumulative_size > b.cumulative_size
                                                    : a.path < b.path;
    });
  }

  static constexpr std::size_t kMaxIdleWhiteoutWarnings = 20;
  std::size_t idle_whiteouts_ = 0;  // in the layer being merged
  ImageModel& m_;
  FsMap fs_;
  std::string_view known_dir_;  // a directory fs_ holds now (see replace_ancestors_that_are_not_dirs)
  std::unordered_map<std::uint64_t, EntryRef> hardlink_target_;
  std::unordered_map<std::string_view, PathStats> dive_paths_;
};

}  // namespace

void merge_layers(ImageModel& model) { Merger(model).run(); }

}  // namespace ballast::analysis

#include "slim/slim_plan.h"

#include <algorithm>
#include <unordered_set>

#include "analysis/merged_fs.h"
#include "attribution/path_util.h"
#include "image/tar_path.h"
#include "util/error.h"

namespace ballast::slim {
namespace {

using image::EntryRef;
using image::EntryType;
using image::FinalFile;
using image::ImageModel;
using image::parent_path;

std::string strip_root(std::string g) {
  while (g.starts_with("/")) g.erase(0, 1);
  while (g.size() > 1 && g.ends_with("/")) g.pop_back();
  return g;
}

// A glob matches a path when it matches the path or a directory above it.
bool glob_hits(const std::vector<std::string>& globs, std::string_view path, std::string* which) {
  for (const auto& g : globs)
    for (std::string_view p = path; !p.empty(); p = parent_path(p))
      if (attribution::glob_match(g, p)) {
        if (which) *which = "path " + g;
        return true;
      }
  return false;
}

bool is_copyright(std::string_view path) {
  std::string_view b = attribution::base_name(path);
  return b == "copyright" || b.starts_with("LICENSE") || b.starts_with("COPYING");
}

class Planner {
 public:
  Planner(const analysis::AnalyzeReport& r, int base, const DropRules& rules, bool keep_layers)
      : r_(r), m_(r.image), base_(base), rules_(rules), keep_layers_(keep_layers) {
    for (auto& g : rules_.drop_globs) g = strip_root(g);
    for (auto& g : rules_.keep_globs) g = strip_root(g);
    for (const auto& c : rules_.categories) {
      bool extra = std::find_if(std::begin(kExtraDropKinds), std::end(kExtraDropKinds),
                                [&](const char* k) { return c == k; }) != std::end(kExtraDropKinds);
      if (extra) continue;
      if (!r_.attributed || r_.attribution.categories->id(c) >= r_.attribution.categories->names().size()) {
        std::string known;
        if (r_.attributed)
          for (const auto& n : r_.attribution.categories->names()) known += (known.empty() ? "" : ", ") + n;
        for (const char* k : kExtraDropKinds) known += std::string(", ") + k;
        throw InputError("unknown drop category '" + c + "'", "known: " + known);
      }
    }
  }

  SlimPlan run() {
    plan_.base_layers = base_;
    const int layers = static_cast<int>(m_.tables.size());
    for (int l = base_; l < layers; ++l) {
      LayerPlan lp;
      lp.actions.assign(m_.tables[l].entries().size(), EntryAction::kSkip);
      plan_.layers.push_back(std::move(lp));
      plan_.upper_file_bytes += m_.layers[l].files_size;
    }
    choose_final();
    for (std::size_t i = 0; i < m_.final_files.size(); ++i) {
      const EntryRef ref = m_.final_files[i].ref;
      if (kept_[i] && ref.layer >= base_) plan_.layers[ref.layer - base_].actions[ref.entry] = EntryAction::kKeep;
    }
    for (int l = base_; l < layers; ++l) resolve_hardlinks(l);
    plan_.keep_layers = keep_layers_;
    if (keep_layers_)
      for (int l = base_; l < layers; ++l) keep_parent_directories(l);
    whiteouts_against_base();
    account();
    return std::move(plan_);
  }

 private:
  const image::TarEntry& entry(EntryRef r) const { return m_.entry(r); }

  // Which rule drops a final entry, or "" when none does.
  std::string drop_rule(const FinalFile& f) const {
    std::string which;
    const image::TarEntry& e = entry(f.ref);
    if (e.type != EntryType::kDirectory) {
      for (const auto& c : rules_.categories) {
        if (c == "pycache") {
          if (f.path.ends_with(".pyc") || f.path.find("__pycache__/") != std::string_view::npos ||
              f.path.ends_with("__pycache__"))
            return c;
        } else if (c == "static-libs") {
          if (e.type == EntryType::kFile && f.path.ends_with(".a")) return c;
        } else if (e.type == EntryType::kFile && r_.attributed &&
                   r_.attribution.category_name(f.ref) == c) {
          if (c == "docs" && is_copyright(f.path)) continue;  // licences stay
          return c;
        }
      }
    } else {
      for (const auto& c : rules_.categories)
        if (c == "pycache" && attribution::base_name(f.path) == "__pycache__") return c;
    }
    if (glob_hits(rules_.drop_globs, f.path, &which)) return which;
    return {};
  }

  void choose_final() {
    const auto& ff = m_.final_files;
    kept_.assign(ff.size(), true);
    std::vector<std::string> rule(ff.size());
    if (!rules_.empty()) {
      for (std::size_t i = 0; i < ff.size(); ++i) {
        rule[i] = drop_rule(ff[i]);
        if (!rule[i].empty() && !glob_hits(rules_.keep_globs, ff[i].path, nullptr)) kept_[i] = false;
      }
      // A directory matched by a rule stays when something kept is below it.
      std::unordered_set<std::string_view> needed;
      for (std::size_t i = 0; i < ff.size(); ++i) {
        if (!kept_[i]) continue;
        for (std::string_view p = parent_path(ff[i].path); !p.empty(); p = parent_path(p))
          if (!needed.insert(p).second) break;
      }
      for (std::size_t i = 0; i < ff.size(); ++i)
        if (!kept_[i] && entry(ff[i].ref).type == EntryType::kDirectory && needed.count(ff[i].path))
          kept_[i] = true;
      for (std::size_t i = 0; i < ff.size(); ++i) {
        if (kept_[i]) continue;
        const image::TarEntry& e = entry(ff[i].ref);
        plan_.dropped_paths.emplace_back(ff[i].path);
        if (e.type == EntryType::kFile) {
          if (ff[i].ref.layer >= base_) {
            plan_.dropped_bytes += e.size;
            ++plan_.dropped_files;
          } else {
            plan_.hidden_base_bytes += e.size;
            ++plan_.hidden_base_files;
          }
          plan_.dropped_by_rule[rule[i]] += e.size;
          if (r_.attributed)
            if (const auto* p = r_.attribution.package_of(ff[i].ref);
                p && (p->info.manager == attribution::Manager::kDpkg ||
                      p->info.manager == attribution::Manager::kApk))
              plan_.dropped_os_packages.insert(p->label);
        }
      }
    }
    for (std::size_t i = 0; i < ff.size(); ++i) {
      if (!kept_[i]) continue;
      present_.emplace(ff[i].path, entry(ff[i].ref).type);
      for (std::string_view p = parent_path(ff[i].path); !p.empty(); p = parent_path(p))
        if (!ancestors_.insert(p).second) break;
    }
  }

  // A kept hardlink must point at a name the new layer writes. Its target is
  // an earlier entry of the same layer (builders write a layer's second link
  // to an inode as a hardlink to its first); when that file is no longer
  // visible (deleted, overwritten, dropped), the first such link carries the
  // contents instead, and later links point at it.
  void resolve_hardlinks(int layer) {
    const image::LayerTable& t = m_.tables[layer];
    LayerPlan& lp = plan_.layers[layer - base_];
    std::unordered_map<std::string_view, std::uint32_t> latest;  // path -> entry index so far
    std::unordered_map<std::uint32_t, std::uint32_t> file_of;    // hardlink -> regular file entry
    std::unordered_map<std::uint32_t, std::string> carrier;      // file entry -> name written
    for (std::uint32_t i = 0; i < t.entries().size(); ++i) {
      const image::TarEntry& e = t.entries()[i];
      std::string_view path = t.path(e);
      if (e.type == EntryType::kHardlink) {
        auto it = latest.find(t.link(e));
        if (it != latest.end()) {
          std::uint32_t f = it->second;
          if (auto again = file_of.find(f); again != file_of.end()) f = again->second;
          if (t.entries()[f].type == EntryType::kFile) file_of[i] = f;
        }
        if (lp.actions[i] == EntryAction::kKeep) {
          auto target = file_of.find(i);
          if (target == file_of.end()) {
            // A link to a lower layer's file: only right while that file is written unchanged.
            auto p = present_.find(t.link(e));
            if (p == present_.end() || p->second != EntryType::kFile)
              throw InputError("layer " + std::to_string(layer) + ": hardlink '" + std::string(path) +
                               "' to '" + std::string(t.link(e)) + "' outside its layer, which ballast slim cannot rewrite");
          } else {
            std::uint32_t f = target->second;
            std::string_view fpath = t.path(t.entries()[f]);
            if (lp.actions[f] == EntryAction::kKeep) {
              if (fpath != t.link(e)) lp.link_target[i] = std::string(fpath);
            } else if (auto c = carrier.find(f); c != carrier.end()) {
              lp.link_target[i] = c->second;
            } else {
              carrier[f] = std::string(path);
              lp.actions[f] = EntryAction::kCarrier;
              lp.rename[f] = std::string(path);
              lp.actions[i] = EntryAction::kSkip;
            }
          }
        }
      }
      if (e.type != EntryType::kWhiteout && e.type != EntryType::kOpaque) latest[path] = i;
    }
  }

  // --keep-layers: a layer's directory entries above what it keeps stay, so
  // each rewritten layer gives its files the parents the input layer did
  // (a later layer's entry for the same directory still decides its final
  // metadata, as in the input).
  void keep_parent_directories(int layer) {
    const image::LayerTable& t = m_.tables[layer];
    LayerPlan& lp = plan_.layers[layer - base_];
    std::unordered_set<std::string_view> needed;
    for (std::uint32_t i = 0; i < t.entries().size(); ++i) {
      if (lp.actions[i] == EntryAction::kSkip) continue;
      std::string_view p = lp.actions[i] == EntryAction::kCarrier ? std::string_view(lp.rename.at(i))
                                                                   : t.path(t.entries()[i]);
      for (p = parent_path(p); !p.empty(); p = parent_path(p))
        if (!needed.insert(p).second) break;
    }
    if (needed.empty()) return;
    for (std::uint32_t i = 0; i < t.entries().size(); ++i) {
      const image::TarEntry& e = t.entries()[i];
      if (e.type != EntryType::kDirectory || lp.actions[i] != EntryAction::kSkip) continue;
      std::string_view p = t.path(e);
      // Only a directory the output still shows as one (not one a later
      // layer replaced or deleted: nothing below it would be kept then).
      auto it = present_.find(p);
      if (needed.count(p) && it != present_.end() && it->second == EntryType::kDirectory)
        lp.actions[i] = EntryAction::kKeep;
    }
  }

  void whiteouts_against_base() {
    if (base_ == 0) return;
    // The base's own final filesystem, merged the engine's way.
    ImageModel base;
    base.tables.assign(m_.tables.begin(), m_.tables.begin() + base_);
    base.layers.assign(m_.layers.begin(), m_.layers.begin() + base_);
    for (auto& l : base.layers) l = image::LayerSummary{l.index, l.digest, l.diff_id};
    analysis::merge_layers(base);
    std::unordered_map<std::string_view, EntryType> base_type;
    for (const auto& f : base.final_files) base_type.emplace(f.path, base.entry(f.ref).type);

    // Opaque markers, where the upper layers cleared a base directory and
    // everything the output shows below it comes from above the base.
    std::unordered_set<std::string> opaque;
    for (int l = base_; l < static_cast<int>(m_.tables.size()); ++l) {
      const image::LayerTable& t = m_.tables[l];
      for (const auto& e : t.entries()) {
        if (e.type != EntryType::kOpaque && e.type != EntryType::kWhiteout) continue;
        std::string d(t.path(e));
        if (d.empty() || opaque.count(d)) continue;
        auto bt = base_type.find(d);
        auto pt = present_.find(d);
        if (bt == base_type.end() || bt->second != EntryType::kDirectory) continue;
        if (pt == present_.end() || pt->second != EntryType::kDirectory) continue;
        if (dir_ref_layer(d) < base_ || shows_base_below(d)) continue;
        opaque.insert(d);
      }
    }
    auto under_opaque = [&](std::string_view p) {
      for (std::string_view a = parent_path(p); !a.empty(); a = parent_path(a))
        if (opaque.count(std::string(a))) return true;
      return false;
    };
    std::set<std::string> written_opaque;
    std::string covered;  // the last whited-out (or replaced) directory + "/"
    for (const auto& f : base.final_files) {
      std::string_view p = f.path;
      if (!covered.empty() && p.starts_with(covered)) continue;
      if (!opaque.empty() && under_opaque(p)) {
        for (std::string_view a = parent_path(p); !a.empty(); a = parent_path(a))
          if (opaque.count(std::string(a)) && written_opaque.insert(std::string(a)).second)
            plan_.synthetic.push_back({SyntheticEntry::Kind::kOpaque, std::string(a)});
        continue;
      }
      const EntryType bt = base.entry(f.ref).type;
      if (auto it = present_.find(p); it != present_.end()) {
        // A non-directory over a base directory replaces all of it.
        if (bt == EntryType::kDirectory && it->second != EntryType::kDirectory) covered = std::string(p) + "/";
        continue;
      }
      if (ancestors_.count(p)) {
        // Only implicit in the output (something below it is kept).
        if (bt != EntryType::kDirectory) {
          plan_.synthetic.push_back({SyntheticEntry::Kind::kDirectory, std::string(p)});
          covered = std::string(p) + "/";
        }
        continue;
      }
      plan_.synthetic.push_back({SyntheticEntry::Kind::kWhiteout, std::string(p)});
      covered = std::string(p) + "/";
    }
  }

  int dir_ref_layer(const std::string& d) const {
    auto it = std::lower_bound(m_.final_files.begin(), m_.final_files.end(), std::string_view(d),
                               [](const FinalFile& f, std::string_view p) { return f.path < p; });
    return it != m_.final_files.end() && it->path == d ? it->ref.layer : -1;
  }

  // Something the output keeps below `d` comes from a base layer.
  bool shows_base_below(const std::string& d) const {
    const std::string prefix = d + "/";
    auto it = std::lower_bound(m_.final_files.begin(), m_.final_files.end(), std::string_view(prefix),
                               [](const FinalFile& f, std::string_view p) { return f.path < p; });
    for (; it != m_.final_files.end() && it->path.starts_with(prefix); ++it)
      if (kept_[static_cast<std::size_t>(it - m_.final_files.begin())] && it->ref.layer < base_) return true;
    return false;
  }

  void account() {
    for (const auto& item : m_.reclaimable) {
      if (item.added_layer >= base_) {
        plan_.reclaimable_by_reason[static_cast<int>(item.reason)] += item.size;
        plan_.reclaimable_removed += item.size;
      } else {
        plan_.reclaimable_in_base += item.size;
      }
    }
    // Each tar ends with two zero blocks: once squashed, once per layer kept.
    std::uint64_t bound = 1024 * (keep_layers_ ? plan_.layers.size() + 1 : 1) + plan_.synthetic.size() * 1536;
    for (std::size_t li = 0; li < plan_.layers.size(); ++li) {
      const image::LayerTable& t = m_.tables[base_ + static_cast<int>(li)];
      const LayerPlan& lp = plan_.layers[li];
      for (std::uint32_t i = 0; i < lp.actions.size(); ++i) {
        if (lp.actions[i] == EntryAction::kSkip) continue;
        const image::TarEntry& e = t.entries()[i];
        ++plan_.written_entries;
        if (e.type == EntryType::kFile) plan_.written_file_bytes += e.size;
        if (lp.actions[i] == EntryAction::kCarrier) plan_.carried_bytes += e.size;
        // Header, pax records (long names, xattrs), contents padded to a block.
        bound += 4096 + 2 * (e.path_length + e.link_length + 512) + (e.size + 511) / 512 * 512;
      }
    }
    plan_.tar_upper_bound = bound;
  }

  const analysis::AnalyzeReport& r_;
  const ImageModel& m_;
  int base_;
  DropRules rules_;
  bool keep_layers_;
  SlimPlan plan_;
  std::vector<bool> kept_;  // per final file
  std::unordered_map<std::string_view, EntryType> present_;  // kept final paths
  std::unordered_set<std::string_view> ancestors_;          // directories above kept paths
};

}  // namespace

SlimPlan plan_slim(const analysis::AnalyzeReport& report, int base_layers, const DropRules& rules,
                   bool keep_layers) {
  return Planner(report, base_layers, rules, keep_layers).run();
}

}  // namespace ballast::slim

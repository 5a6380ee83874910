// Bytes stored but not visible (deleted, overwritten, rewritten with the same
// content) and identical files at several paths.
#include <algorithm>
#include <map>

#include "attribution/finding_builder.h"
#include "util/human_bytes.h"

namespace ballast::attribution {

void find_reclaimable(const image::ImageModel& m, Pending& out) {
  // One finding per (reason group, layer that added the bytes), so the fix
  // can name the instruction to change.
  struct Key {
    int group;  // 0 deleted/opaque, 1 overwritten, 2 rewritten same content
    int layer;  // the adding layer (group 0, 1) or the rewriting layer (group 2)
    bool operator<(const Key& o) const { return group != o.group ? group < o.group : layer < o.layer; }
  };
  std::map<Key, PendingFinding> groups;
  std::map<Key, std::vector<int>> other_layers;
  for (const auto& r : m.reclaimable) {
    if (r.size == 0) continue;
    int group = r.reason == image::ShadowReason::kRewrittenSameContent ? 2
                : r.reason == image::ShadowReason::kOverwritten         ? 1
                                                                        : 0;
    Key k{group, group == 2 ? r.shadowed_layer : r.added_layer};
    PendingFinding& p = groups[k];
    p.items.push_back({r.added, r.size});
    p.extra_layers.push_back(group == 2 ? r.added_layer : r.shadowed_layer);
    other_layers[k].push_back(group == 2 ? r.added_layer : r.shadowed_layer);
  }
  for (auto& [k, p] : groups) {
    auto& others = other_layers[k];
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    std::string other_names;
    for (std::size_t i = 0; i < others.size() && i < 3; ++i)
      other_names += (i ? ", " : "") + layer_name(m, others[i]);
    if (others.size() > 3) other_names += ", ...";
    std::uint64_t bytes = 0;
    for (const auto& item : p.items) bytes += item.bytes;
    std::string n = std::to_string(p.items.size()) + (p.items.size() == 1 ? " file" : " files");
    if (k.group == 0) {
      p.finding.id = "image.deleted-later";
      p.finding.message = n + " (" + human_bytes(bytes) + ") added by " + layer_name(m, k.layer) +
                          " are deleted by " + other_names + " but still stored in the image";
      p.finding.fix = "Delete them in the same RUN that creates them, or create them in a builder stage "
                      "and COPY --from only what the final image needs";
    } else if (k.group == 1) {
      p.finding.id = "image.overwritten";
      p.finding.message = n + " (" + human_bytes(bytes) + ") added by " + layer_name(m, k.layer) +
                          " are replaced by " + other_names + "; the old contents are still stored";
      p.finding.fix = "Write each file once: make the final version in the RUN that creates it, or "
                      "assemble it in a builder stage";
    } else {
      p.finding.id = "image.rewritten-same-content";
      p.finding.message = layer_name(m, k.layer) + " stores another copy of " + n + " (" + human_bytes(bytes) +
                          ") with unchanged contents (chmod/chown/touch copy every file up)";
      p.finding.fix = "Set ownership and modes when copying: COPY --chown=USER:GROUP --chmod=MODE, or run "
                      "chmod/chown in the RUN that creates the files";
    }
    p.finding.severity = model::Severity::kWarning;
    out.push_back(std::move(p));
  }
}

void find_duplicates(const image::ImageModel& m, Pending& out) {
  if (m.duplicates.empty()) return;
  auto ref_of = [&](const std::string& path) -> image::EntryRef {
    auto it = std::lower_bound(m.final_files.begin(), m.final_files.end(), std::string_view(path),
                               [](const image::FinalFile& f, std::string_view p) { return f.path < p; });
    if (it == m.final_files.end() || it->path != path) return {};
    image::EntryRef r = it->ref;
    return m.entry(r).type == image::EntryType::kFile ? r : image::EntryRef{};
  };
  PendingFinding p;
  std::uint64_t sets = 0;
  for (const auto& d : m.duplicates) {
    bool any = false;
    // The first path (sorted) is the copy that stays.
    for (std::size_t i = 1; i < d.paths.size(); ++i) {
      image::EntryRef r = ref_of(d.paths[i]);
      if (!r.valid()) continue;
      p.items.push_back({r, d.size});
      any = true;
    }
    if (any) {
      ++sets;
      if (p.fixed_paths.size() < 10) p.fixed_paths.push_back("/" + d.paths[0] + " = /" + d.paths[1]);
    }
  }
  if (p.items.empty()) return;
  std::uint64_t bytes = 0;
  for (const auto& item : p.items) bytes += item.bytes;
  p.finding.id = "image.duplicate-files";
  p.finding.severity = model::Severity::kInfo;
  p.finding.message = std::to_string(sets) + (sets == 1 ? " set" : " sets") + " of identical files: " + human_bytes(bytes) +
                      " in extra copies (two venvs, a model or data copied twice...)";
  p.finding.fix = "Keep one copy: install or COPY it once, and symlink or hardlink the other paths to it";
  out.push_back(std::move(p));
}

}  // namespace ballast::attribution

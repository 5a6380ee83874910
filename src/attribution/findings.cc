#include "attribution/findings.h"

#include <algorithm>
#include <map>
#include <set>

#include "attribution/db_files.h"
#include "attribution/finding_builder.h"
#include "image/created_by.h"
#include "util/human_bytes.h"

namespace ballast::attribution {

std::string layer_name(const image::ImageModel& m, int layer) {
  std::string out = "#" + std::to_string(layer);
  if (layer < 0 || static_cast<std::size_t>(layer) >= m.layers.size()) return out;
  int h = m.layers[layer].history_index;
  if (h < 0) return out;
  std::string instr = image::instruction_from_created_by(m.history[h].entry.created_by);
  for (char& c : instr)
    if (c == '\n' || c == '\t') c = ' ';
  if (instr.size() > 60) instr = instr.substr(0, 57) + "...";
  return instr.empty() ? out : out + " (" + instr + ")";
}

std::string where(const image::ImageModel& m, const PendingFinding& p) {
  std::map<int, std::uint64_t> by_layer;
  for (const auto& item : p.items) by_layer[item.ref.layer] += item.bytes;
  std::vector<std::pair<std::uint64_t, int>> v;
  for (auto [l, b] : by_layer) v.push_back({b, l});
  std::sort(v.rbegin(), v.rend());
  std::string s;
  for (std::size_t i = 0; i < v.size() && i < 2; ++i) s += (i ? ", " : "") + layer_name(m, v[i].second);
  if (v.size() > 2) s += " and " + std::to_string(v.size() - 2) + " more layers";
  return s;
}

std::uint64_t total(const PendingFinding& p) {
  std::uint64_t b = 0;
  for (const auto& item : p.items) b += item.bytes;
  return b;
}

void finish(PendingFinding& p, const image::ImageModel& m, std::size_t max_paths) {
  std::sort(p.items.begin(), p.items.end(), [&](const FindingItem& a, const FindingItem& b) {
    if (a.bytes != b.bytes) return a.bytes > b.bytes;
    return m.path(a.ref) < m.path(b.ref);
  });
  std::set<int> layers(p.extra_layers.begin(), p.extra_layers.end());
  std::uint64_t bytes = 0;
  for (const auto& item : p.items) {
    bytes += item.bytes;
    layers.insert(item.ref.layer);
  }
  p.finding.bytes_saved = bytes;
  p.finding.layers.assign(layers.begin(), layers.end());
  if (!p.fixed_paths.empty()) {
    p.finding.paths = p.fixed_paths;
  } else {
    std::set<std::string> seen;
    for (const auto& item : p.items) {
      if (p.finding.paths.size() >= max_paths) break;
      std::string path = "/" + std::string(m.path(item.ref));
      if (seen.insert(path).second) p.finding.paths.push_back(std::move(path));
    }
  }
}

WasteReport find_waste(const image::ImageModel& m, const Attribution& a, const ContentCapture* capture) {
  Pending pending;
  find_caches(m, a, pending);
  find_node_dev_dependencies(m, a, pending);
  find_by_category(m, a, pending);
  find_base_image(m, a, pending);
  find_reclaimable(m, pending);
  find_duplicates(m, pending);
  find_secrets(m, a, pending);
  find_unstripped(m, a, pending);

  WasteReport report;
  report.stored_bytes = m.stored_bytes;
  // The headline: each entry's bytes once, the most any finding saves of it.
  std::unordered_map<std::uint64_t, std::uint64_t> claimed;
  for (auto& p : pending) {
    for (const auto& item : p.items) {
      std::uint64_t k = (static_cast<std::uint64_t>(item.ref.layer) << 32) | item.ref.entry;
      auto& b = claimed[k];
      b = std::max(b, item.bytes);
    }
    finish(p, m);
    report.findings.push_back(std::move(p.finding));
  }
  for (const auto& [k, b] : claimed) report.total_saving += b;
  report.total_saving = std::min(report.total_saving, m.stored_bytes);
  std::stable_sort(report.findings.begin(), report.findings.end(), [](const auto& x, const auto& y) {
    if (x.bytes_saved != y.bytes_saved) return x.bytes_saved > y.bytes_saved;
    if (x.severity != y.severity) return x.severity > y.severity;
    return x.id < y.id;
  });
  if (capture && !capture->elf_enabled()) {
    report.elf_checked = false;
    report.notes.push_back("unstripped binaries were not checked (ELF inspection is off)");
  }
  if (capture && capture->elf_skipped())
    report.notes.push_back(std::to_string(capture->elf_skipped()) +
                           " ELF candidates were not inspected for debug sections: over the memory budget");
  return report;
}

}  // namespace ballast::attribution

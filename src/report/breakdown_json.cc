#include "report/breakdown_json.h"

#include <algorithm>

#include "attribution/attribution.h"
#include "attribution/breakdown.h"
#include "attribution/findings.h"
#include "image/image_model.h"
#include "model/json_envelope.h"

namespace ballast::report {

using nlohmann::json;

json breakdown_to_json(const attribution::BreakdownNode& n) {
  json j = {{"name", n.name}, {"stored_bytes", n.stored}, {"final_bytes", n.final}, {"files", n.files}};
  if (n.folded) j["folded"] = n.folded;
  if (!n.children.empty()) {
    json c = json::array();
    for (const auto& child : n.children) c.push_back(breakdown_to_json(child));
    j["children"] = std::move(c);
  }
  return j;
}

json categories_to_json(const image::ImageModel& m, const attribution::Attribution& a) {
  const auto& names = a.categories->names();
  std::vector<std::uint64_t> stored(names.size()), final(names.size()), files(names.size());
  for (std::size_t l = 0; l < m.tables.size(); ++l) {
    const auto& entries = m.tables[l].entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].type != image::EntryType::kFile) continue;
      std::uint16_t c = a.category[l][i];
      stored[c] += entries[i].size;
      if (a.visible[l][i]) final[c] += entries[i].size;
      ++files[c];
    }
  }
  json out = json::array();
  for (std::size_t c = 0; c < names.size(); ++c)
    out.push_back({{"name", names[c]}, {"stored_bytes", stored[c]}, {"final_bytes", final[c]}, {"files", files[c]}});
  return out;
}

json packages_to_json(const attribution::Attribution& a) {
  std::vector<const attribution::Package*> v;
  for (const auto& p : a.packages) v.push_back(&p);
  std::sort(v.begin(), v.end(), [](auto x, auto y) {
    return x->stored_bytes != y->stored_bytes ? x->stored_bytes > y->stored_bytes : x->label < y->label;
  });
  json out = json::array();
  for (const auto* p : v) {
    json j = {{"label", p->label},
              {"manager", std::string(attribution::to_string(p->info.manager))},
              {"name", p->info.name},
              {"version", p->info.version},
              {"stored_bytes", p->stored_bytes},
              {"final_bytes", p->final_bytes},
              {"files", p->files},
              {"database", "/" + p->info.database}};
    if (p->info.declared_size) j["declared_size"] = p->info.declared_size;
    if (!p->info.section.empty()) j["section"] = p->info.section;
    if (!p->info.priority.empty()) j["priority"] = p->info.priority;
    if (!p->info.requires_dist.empty()) j["requires_dist"] = p->info.requires_dist;
    out.push_back(std::move(j));
  }
  return out;
}

json savings_to_json(const attribution::WasteReport& w) {
  return {{"bytes", w.total_saving},
          {"stored_bytes", w.stored_bytes},
          {"fraction", w.stored_bytes ? static_cast<double>(w.total_saving) / static_cast<double>(w.stored_bytes) : 0.0},
          {"notes", w.notes}};
}

}  // namespace ballast::report

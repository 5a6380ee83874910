#include "report/breakdown_json.h"

#include "analysis/analyze_report.h"

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

json categories_to_json(const analysis::AnalyzeReport& report) {
  json out = json::array();
  for (const auto& c : report.categories)
    out.push_back({{"name", c.name}, {"stored_bytes", c.stored_bytes}, {"final_bytes", c.final_bytes}, {"files", c.files}});
  return out;
}

json packages_to_json(const analysis::AnalyzeReport& report) {
  json out = json::array();
  for (std::uint32_t i : report.packages_by_size) {
    const attribution::Package* p = &report.attribution.packages[i];
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

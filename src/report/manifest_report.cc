#include "report/manifest_report.h"

#include "analysis/manifest_summary.h"
#include "model/json_envelope.h"
#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {

std::string render_manifest_text(const analysis::ManifestReport& report, bool exact) {
  std::string out = "Image      " + report.source + "  (manifest and config only: no layer was read)\n";
  if (report.platforms.size() > 1) {
    TextTable t({{"PLATFORM"}, {"LAYERS", TextTable::Align::kRight}, {"COMPRESSED", TextTable::Align::kRight},
                 {"ONLY HERE", TextTable::Align::kRight}});
    for (const auto& p : report.platforms)
      t.add_row({p.platform, std::to_string(p.layers.size()), format_bytes(p.stored_bytes, exact),
                 format_bytes(p.unique_bytes, exact)});
    out += "\n" + t.render("  ");
    out += "\n" + std::to_string(report.platforms.size()) + " platforms, " + std::to_string(report.distinct_layers) +
           " distinct layers, " + format_bytes(report.distinct_bytes, exact) +
           " compressed (shared layers counted once)\n";
  }
  for (const auto& p : report.platforms) {
    out += "\nPlatform   " + p.platform + "  " + std::to_string(p.layers.size()) + " layers, " +
           format_bytes(p.stored_bytes, exact) + " compressed\n\n";
    TextTable t({{"#", TextTable::Align::kRight}, {"COMPRESSED", TextTable::Align::kRight}, {"CREATED BY"}});
    std::vector<bool> shown(p.layers.size());
    for (const auto& h : p.history) {
      if (h.layer < 0) {
        t.add_row({"", "-", h.instruction});
        continue;
      }
      shown[h.layer] = true;
      t.add_row({std::to_string(h.layer), format_bytes(p.layers[h.layer].stored_size, exact), h.instruction});
    }
    for (std::size_t i = 0; i < p.layers.size(); ++i)
      if (!shown[i]) t.add_row({std::to_string(i), format_bytes(p.layers[i].stored_size, exact), "(no history)"});
    out += t.render("  ");
  }
  for (const auto& w : report.warnings) out += "\nwarning: " + w + "\n";
  return out;
}

nlohmann::json manifest_to_json(const analysis::ManifestReport& report) {
  nlohmann::json doc = model::make_envelope("manifest");
  doc["source"] = report.source;
  doc["distinct_layers"] = report.distinct_layers;
  doc["distinct_bytes"] = report.distinct_bytes;
  doc["platforms"] = nlohmann::json::array();
  for (const auto& p : report.platforms) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& l : p.layers)
      layers.push_back({{"digest", l.digest}, {"media_type", l.media_type}, {"compressed_size", l.stored_size},
                        {"stored_size", l.stored_size},  // schema 1's name; dropped in version 3
                        {"platforms", l.platforms}});
    nlohmann::json history = nlohmann::json::array();
    for (const auto& h : p.history)
      history.push_back({{"instruction", h.instruction},
                         {"created", h.created},
                         {"layer", h.layer < 0 ? nlohmann::json(nullptr) : nlohmann::json(h.layer)}});
    doc["platforms"].push_back({{"platform", p.platform},
                                {"source", p.description},
                                {"compressed_bytes", p.stored_bytes},
                                {"stored_bytes", p.stored_bytes},  // schema 1's name; dropped in version 3
                                {"unique_bytes", p.unique_bytes},
                                {"layers", layers},
                                {"history", history}});
  }
  doc["warnings"] = report.warnings;
  return doc;
}

}  // namespace ballast::report

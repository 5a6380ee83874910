#include <algorithm>

#include "analysis/analyze_report.h"
#include "image/created_by.h"
#include "model/json_envelope.h"
#include "report/analyze_report.h"
#include "report/cost_report.h"
#include "report/breakdown_json.h"

namespace ballast::report {
namespace {

using image::ImageModel;
using nlohmann::json;

json history_json(const image::HistoryEntry& h) {
  return {{"created", h.created},
          {"created_by", h.created_by},
          {"instruction", image::instruction_from_created_by(h.created_by)},
          {"comment", h.comment},
          {"empty_layer", h.empty_layer}};
}

json path_sizes(const std::vector<analysis::PathSize>& v, bool with_layer) {
  json a = json::array();
  for (const auto& p : v) {
    json j = {{"path", "/" + p.path}, {"size", p.size}};
    if (with_layer) j["layer"] = p.layer;
    a.push_back(j);
  }
  return a;
}

std::string hex64(std::uint64_t v) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(v));
  return hex;
}

}  // namespace

json analyze_to_json(const analysis::AnalyzeReport& report, const AnalyzeRenderOptions& o) {
  const ImageModel& m = report.image;
  json doc = model::make_envelope("analyze");
  doc["image"] = {{"source", m.description},
                  {"name", m.name},
                  {"id", m.config.id},
                  {"os", m.config.os},
                  {"architecture", m.config.architecture},
                  {"variant", m.config.variant}};
  json by_reason = json::object();
  for (int r = 0; r < image::kShadowReasonCount; ++r)
    by_reason[std::string(image::to_string(static_cast<image::ShadowReason>(r)))] =
        m.reclaimable_by_reason[r];
  std::uint64_t files = 0;
  for (const auto& l : m.layers) files += l.file_count;
  doc["totals"] = {{"layers", m.layers.size()},
                   {"stored_bytes", m.stored_bytes},
                   {"final_bytes", m.final_bytes},
                   {"final_entries", m.final_files.size()},
                   {"layer_entries", files},
                   {"reclaimable_bytes", m.reclaimable_bytes},
                   {"reclaimable_by_reason", by_reason}};

  json layers = json::array();
  for (const auto& l : m.layers) {
    json j = {{"index", l.index},
              {"digest", l.digest},
              {"diff_id", l.diff_id},
              {"media_type", l.media_type},
              {"compression", std::string(image::to_string(l.compression))},
              {"stored_size", l.stored_size},
              {"tar_size", l.tar_size},
              {"files_size", l.files_size},
              {"symlink_bytes", l.symlink_bytes},
              {"file_count", l.file_count},
              {"whiteout_count", l.whiteout_count},
              {"reclaimable", l.reclaimable},
              {"verified", l.verified},
              {"diff_id_verified", l.diff_id_verified},
              {"seeked", l.seeked},
              {"read_via", std::string(image::to_string(l.read_via))}};
    j["not_verified"] = l.not_verified == image::VerifyGap::kNone
                            ? json(nullptr)
                            : json(std::string(image::to_string(l.not_verified)));
    j["history"] = l.history_index >= 0 ? history_json(m.history[l.history_index].entry) : json(nullptr);
    layers.push_back(j);
  }
  doc["layers"] = layers;

  json history = json::array();
  for (const auto& h : m.history) {
    json j = history_json(h.entry);
    j["layer"] = h.layer >= 0 ? json(h.layer) : json(nullptr);
    history.push_back(j);
  }
  doc["history"] = history;

  json reclaimable = json::array();
  for (const auto& r : m.reclaimable)
    reclaimable.push_back({{"path", "/" + r.path},
                           {"size", r.size},
                           {"added_layer", r.added_layer},
                           {"shadowed_layer", r.shadowed_layer},
                           {"reason", std::string(image::to_string(r.reason))}});
  doc["reclaimable"] = reclaimable;

  json dups = json::array();
  for (const auto& d : m.duplicates) {
    json paths = json::array();
    for (const auto& p : d.paths) paths.push_back("/" + p);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(d.hash));
    dups.push_back({{"size", d.size}, {"xxh3", hex}, {"wasted", d.wasted()}, {"paths", paths}});
  }
  doc["duplicates"] = dups;
  doc["largest_files"] = path_sizes(report.largest_files, true);
  doc["largest_directories"] = path_sizes(report.largest_directories, false);

  json ineff = json::array();
  for (std::size_t i = 0; i < m.dive.inefficiencies.size() && i < o.top; ++i) {
    const auto& x = m.dive.inefficiencies[i];
    ineff.push_back({{"path", "/" + x.path}, {"count", x.count}, {"cumulativeSize", x.cumulative_size}});
  }
  doc["dive"] = {{"efficiency", m.dive.efficiency},
                 {"wastedBytes", m.dive.wasted_bytes},
                 {"userSize", m.dive.user_size},
                 {"userWastedPercent", m.dive.user_wasted_percent},
                 {"inefficiencies", ineff}};
  doc["config"] = {{"entrypoint", m.config.entrypoint}, {"cmd", m.config.cmd},
                   {"env", m.config.env},       {"user", m.config.user},
                   {"working_dir", m.config.working_dir}, {"exposed_ports", m.config.exposed_ports},
                   {"labels", m.config.labels}};
  doc["warnings"] = report.warnings;
  if (report.attributed) {
    doc["base_layers"] = report.attribution.base_layers;
    doc["categories"] = categories_to_json(report);
    doc["packages"] = packages_to_json(report);
  }
  if (report.cost) doc["cost"] = cost_to_json(*report.cost, report.has_findings ? &report.waste : nullptr);
  if (report.has_findings) {
    doc["savings"] = savings_to_json(report.waste);
    json findings = json::array();
    for (const auto& f : report.waste.findings) findings.push_back(model::to_json(f));
    doc["findings"] = std::move(findings);
  }
  if (report.breakdown)
    doc["breakdown"] = {{"dimensions", report.breakdown->dimension_names},
                        {"tree", breakdown_to_json(report.breakdown->tree)}};

  if (o.include_files) {
    json files_json = json::array();
    for (const auto& f : m.final_files) {
      const auto& e = m.entry(f.ref);
      json j = {{"path", "/" + std::string(f.path)},
                {"type", std::string(image::to_string(e.type))},
                {"size", f.size},
                {"mode", e.mode},
                {"uid", e.uid},
                {"gid", e.gid},
                {"layer", f.ref.layer}};
      if (e.type == image::EntryType::kSymlink || e.type == image::EntryType::kHardlink)
        j["link"] = std::string(m.tables[f.ref.layer].link(e));
      if (e.has_hash) j["xxh3"] = hex64(e.content_hash);
      files_json.push_back(j);
    }
    doc["files"] = files_json;
    // Every layer's regular files with owner and category: what `ballast
    // diff` needs of a saved report to break a change down (-d).
    if (report.attributed) {
      json layer_files = json::array();
      const auto& a = report.attribution;
      for (std::size_t l = 0; l < m.tables.size(); ++l) {
        const auto& entries = m.tables[l].entries();
        for (std::uint32_t i = 0; i < entries.size(); ++i) {
          const auto& e = entries[i];
          if (e.type != image::EntryType::kFile) continue;
          const image::EntryRef ref{static_cast<std::int32_t>(l), i};
          const auto* p = a.package_of(ref);
          json j = {{"path", "/" + std::string(m.tables[l].path(e))},
                    {"layer", l},
                    {"size", e.size},
                    {"visible", static_cast<bool>(a.visible[l][i])},
                    {"category", a.category_name(ref)},
                    {"package", p ? p->label : std::string()},
                    {"mode", e.mode},
                    {"uid", e.uid},
                    {"gid", e.gid}};
          // Hidden files are hashed only when read from a stream (files seek
          // past them), so the hash is reported for visible files alone: a
          // report must not depend on where the image was read from.
          if (e.has_hash && a.visible[l][i]) j["xxh3"] = hex64(e.content_hash);
          layer_files.push_back(std::move(j));
        }
      }
      doc["layer_files"] = std::move(layer_files);
    }
  }
  return doc;
}

}  // namespace ballast::report

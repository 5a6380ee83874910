#include "analysis/snapshot.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/analyze.h"
#include "analysis/analyze_report.h"
#include "image/created_by.h"
#include "model/severity.h"
#include "util/error.h"

namespace ballast::analysis {
namespace {

using nlohmann::json;

SnapshotConfig config_of(const image::ImageConfig& c) {
  return {c.entrypoint, c.cmd, c.env, c.exposed_ports, c.user, c.working_dir, c.labels};
}

const json& member(const json& j, const char* key) {
  static const json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

std::string str(const json& j, const char* key) {
  const json& v = member(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::uint64_t count(const json& j, const char* key, const std::string& source) {
  const json& v = member(j, key);
  if (v.is_null()) return 0;
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    throw InputError(source + ": '" + key + "' must be a byte count");
  return v.get<std::uint64_t>();
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  for (const json& v : member(j, key))
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

ImageSnapshot snapshot(const AnalyzeReport& report, const std::string& source) {
  const image::ImageModel& m = report.image;
  ImageSnapshot s;
  s.source = source;
  s.name = m.name;
  s.digest = m.config.id;
  s.stored_bytes = m.stored_bytes;
  s.final_bytes = m.final_bytes;
  s.reclaimable_bytes = m.reclaimable_bytes;
  for (const auto& l : m.layers) {
    SnapshotLayer layer{l.diff_id, l.digest, "", l.files_size, l.stored_size};
    if (l.history_index >= 0)
      layer.instruction = image::instruction_from_created_by(m.history[l.history_index].entry.created_by);
    s.compressed_bytes += l.stored_size;
    s.layers.push_back(std::move(layer));
  }
  s.dive = m.dive;
  s.dive.inefficiencies.clear();
  s.config = config_of(m.config);
  s.attributed = report.attributed;
  if (report.attributed) {
    for (const auto& c : report.categories) s.categories.push_back({c.name, "", c.stored_bytes, c.final_bytes});
    for (const auto& p : report.attribution.packages)
      s.packages.push_back({p.label, p.info.version, p.stored_bytes, p.final_bytes});
    // Category totals are by name; an entry's category index is into the
    // attribution's table, which lists the names in the same order.
    s.has_entries = true;
    const auto& a = report.attribution;
    for (std::size_t l = 0; l < m.tables.size(); ++l) {
      const auto& entries = m.tables[l].entries();
      for (std::uint32_t i = 0; i < entries.size(); ++i) {
        const image::TarEntry& e = entries[i];
        if (e.type != image::EntryType::kFile) continue;
        SnapshotEntry x;
        x.path = "/" + std::string(m.tables[l].path(e));
        x.layer = static_cast<std::uint32_t>(l);
        x.size = e.size;
        x.visible = a.visible[l][i];
        x.category = a.category[l][i];
        x.package = a.owner[l][i];
        if (e.has_hash) x.hash = e.content_hash;
        x.mode = e.mode;
        x.uid = e.uid;
        x.gid = e.gid;
        s.entries.push_back(std::move(x));
      }
    }
  }
  s.has_findings = report.has_findings;
  s.findings = report.waste.findings;
  if (report.cost) {
    s.cost_layers = report.cost->layers;
    s.base_layers = report.cost->base_layers;
  } else {
    for (const auto& l : m.layers) s.cost_layers.push_back(cost::layer_cost(l));
    s.base_layers = report.attributed ? report.attribution.base_layers : 0;
  }
  return s;
}

cost::ImageCost snapshot_cost(const ImageSnapshot& snapshot, const cost::CostRates& rates) {
  return cost::price(snapshot.cost_layers, snapshot.base_layers, rates);
}

ImageSnapshot snapshot_from_json(const json& doc, const std::string& source) {
  if (!doc.is_object() || str(doc, "schema") != "ballast.report" || str(doc, "kind") != "analyze")
    throw InputError(source + ": not a ballast analyze report (write one with `ballast analyze --format json`)");
  const json& version = member(doc, "schema_version");
  // Version 1 documents name a layer's blob size stored_size; version 2 calls it compressed_size.
  if (!version.is_number_integer() || version.get<int>() < 1 || version.get<int>() > 2)
    throw InputError(source + ": unsupported schema_version (this ballast reads versions 1 and 2)");
  ImageSnapshot s;
  s.source = source;
  s.name = str(member(doc, "image"), "name");
  s.digest = str(member(doc, "image"), "id");
  const json& totals = member(doc, "totals");
  s.stored_bytes = count(totals, "stored_bytes", source);
  s.final_bytes = count(totals, "final_bytes", source);
  s.reclaimable_bytes = count(totals, "reclaimable_bytes", source);
  for (const json& l : member(doc, "layers")) {
    SnapshotLayer layer{str(l, "diff_id"), str(l, "digest"), str(member(l, "history"), "instruction"),
                        count(l, "files_size", source),
                        count(l, l.contains("compressed_size") ? "compressed_size" : "stored_size", source)};
    s.compressed_bytes += layer.compressed_size;
    cost::LayerCost lc;
    lc.diff_id = layer.diff_id;
    lc.compressed_bytes = layer.compressed_size;
    lc.tar_bytes = count(l, "tar_size", source);
    if (str(l, "compression") == "none" || str(l, "compression").empty()) lc.source = cost::SizeSource::kUncompressed;
    s.cost_layers.push_back(std::move(lc));
    s.layers.push_back(std::move(layer));
  }
  // A report written with --cost carries its cost basis (ISA-L estimates included).
  const json& cost_doc = member(doc, "cost");
  if (member(cost_doc, "layers").is_array() && member(cost_doc, "layers").size() == s.cost_layers.size()) {
    std::size_t i = 0;
    for (const json& l : member(cost_doc, "layers")) {
      cost::LayerCost& lc = s.cost_layers[i++];
      lc.compressed_bytes = count(l, "compressed_bytes", source);
      const std::string from = str(l, "size_source");
      lc.source = from == "estimated" ? cost::SizeSource::kEstimated
                  : from == "uncompressed" ? cost::SizeSource::kUncompressed
                                           : cost::SizeSource::kStored;
    }
  }
  if (member(cost_doc, "base_layers").is_number_unsigned())
    s.base_layers = member(cost_doc, "base_layers").get<int>();
  else if (member(doc, "base_layers").is_number_unsigned())
    s.base_layers = member(doc, "base_layers").get<int>();
  const json& dive = member(doc, "dive");
  if (member(dive, "efficiency").is_number()) s.dive.efficiency = member(dive, "efficiency").get<double>();
  s.dive.wasted_bytes = count(dive, "wastedBytes", source);
  s.dive.user_size = count(dive, "userSize", source);
  if (member(dive, "userWastedPercent").is_number())
    s.dive.user_wasted_percent = member(dive, "userWastedPercent").get<double>();
  const json& cfg = member(doc, "config");
  s.config.entrypoint = strings(cfg, "entrypoint");
  s.config.cmd = strings(cfg, "cmd");
  s.config.env = strings(cfg, "env");
  s.config.exposed_ports = strings(cfg, "exposed_ports");
  s.config.user = str(cfg, "user");
  s.config.working_dir = str(cfg, "working_dir");
  for (const auto& [k, v] : member(cfg, "labels").items())
    if (v.is_string()) s.config.labels[k] = v.get<std::string>();

  s.attributed = member(doc, "categories").is_array();
  for (const json& c : member(doc, "categories"))
    s.categories.push_back({str(c, "name"), "", count(c, "stored_bytes", source), count(c, "final_bytes", source)});
  for (const json& p : member(doc, "packages"))
    s.packages.push_back(
        {str(p, "label"), str(p, "version"), count(p, "stored_bytes", source), count(p, "final_bytes", source)});
  s.has_findings = member(doc, "findings").is_array();
  for (const json& f : member(doc, "findings")) {
    model::Finding finding;
    finding.id = str(f, "id");
    finding.severity = model::parse_severity(str(f, "severity")).value_or(model::Severity::kWarning);
    finding.message = str(f, "message");
    finding.fix = str(f, "fix");
    finding.bytes_saved = count(f, "bytes_saved", source);
    finding.paths = strings(f, "paths");
    s.findings.push_back(std::move(finding));
  }
  // --files documents carry every layer's regular files (layer_files[]).
  if (member(doc, "layer_files").is_array()) {
    s.has_entries = true;
    std::map<std::string, std::uint16_t> category_index;
    for (std::size_t i = 0; i < s.categories.size(); ++i) category_index[s.categories[i].name] = static_cast<std::uint16_t>(i);
    std::map<std::string, std::uint32_t> package_index;
    for (std::size_t i = 0; i < s.packages.size(); ++i) package_index[s.packages[i].name] = static_cast<std::uint32_t>(i);
    for (const json& f : member(doc, "layer_files")) {
      SnapshotEntry e;
      e.path = str(f, "path");
      e.layer = static_cast<std::uint32_t>(count(f, "layer", source));
      e.size = count(f, "size", source);
      e.visible = member(f, "visible").is_boolean() && member(f, "visible").get<bool>();
      if (auto it = category_index.find(str(f, "category")); it != category_index.end()) e.category = it->second;
      if (auto it = package_index.find(str(f, "package")); it != package_index.end()) e.package = it->second;
      const std::string hash = str(f, "xxh3");
      if (!hash.empty()) e.hash = std::stoull(hash, nullptr, 16);
      e.mode = static_cast<std::uint32_t>(count(f, "mode", source));
      e.uid = static_cast<std::uint32_t>(count(f, "uid", source));
      e.gid = static_cast<std::uint32_t>(count(f, "gid", source));
      if (e.layer >= s.layers.size()) throw InputError(source + ": layer_files entry names layer " + std::to_string(e.layer));
      s.entries.push_back(std::move(e));
    }
  }
  return s;
}

bool is_json_report(const std::string& path) {
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) return true;
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c))
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') return c == '{';
  return false;
}

ImageSnapshot load_snapshot(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the report");
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) throw InputError(path + ": malformed JSON");
  return snapshot_from_json(doc, path);
}

ImageSnapshot snapshot_of(const AnalyzeRequest& request) {
  if (is_json_report(request.image)) return load_snapshot(request.image);
  // A snapshot keeps no top lists: they are not looked for.
  AnalyzeRequest without_largest = request;
  without_largest.largest = false;
  return snapshot(analyze(without_largest), request.image);
}

}  // namespace ballast::analysis

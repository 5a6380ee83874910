#include "report/deps_json.h"

#include "model/json_envelope.h"

namespace ballast::report {

nlohmann::json deps_to_json(const python::DepsReport& report) {
  nlohmann::json j = model::make_envelope("deps");
  j["root"] = report.root;
  j["python_version"] = "3." + std::to_string(report.python_minor);
  j["manifests"] = report.manifests;
  j["python_files"] = report.python_files;
  j["imports"] = report.imports;

  nlohmann::json requirements = nlohmann::json::array();
  for (const auto& r : report.requirements) {
    nlohmann::json e = {{"name", r.name},
                        {"normalized", r.normalized},
                        {"specifier", r.specifier},
                        {"pin", python::to_string(python::pin_kind(r))},
                        {"extras", r.extras},
                        {"marker", r.marker},
                        {"url", r.url},
                        {"editable", r.editable},
                        {"constraint", r.constraint},
                        {"dev", r.dev},
                        {"group", r.group},
                        {"location", model::to_json(r.location)}};
    if (!r.hashes.empty()) e["hashes"] = r.hashes;
    requirements.push_back(std::move(e));
  }
  j["requirements"] = std::move(requirements);

  nlohmann::json indexes = nlohmann::json::array();
  for (const auto& i : report.indexes) {
    indexes.push_back({{"url", i.url},
                       {"extra", i.extra},
                       {"find_links", i.find_links},
                       {"cpu_torch", python::is_cpu_torch_index(i.url)},
                       {"location", model::to_json(i.location)}});
  }
  j["indexes"] = std::move(indexes);

  nlohmann::json modules = nlohmann::json::array();
  for (const auto& m : report.modules) {
    modules.push_back({{"module", m.module},
                       {"origin", python::to_string(m.origin)},
                       {"distribution", m.distribution},
                       {"uses", m.uses},
                       {"runtime", m.runtime},
                       {"first", model::to_json(m.first)}});
  }
  j["modules"] = std::move(modules);

  nlohmann::json entry_points = nlohmann::json::array();
  for (const auto& e : report.entry_points) {
    entry_points.push_back({{"command", e.command},
                            {"distribution", e.distribution},
                            {"module", e.module},
                            {"location", model::to_json(e.location)}});
  }
  j["entry_points"] = std::move(entry_points);

  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report.findings) findings.push_back(model::to_json(f));
  j["findings"] = std::move(findings);

  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : report.warnings) {
    warnings.push_back({{"location", model::to_json(w.location)}, {"message", w.message}});
  }
  j["warnings"] = std::move(warnings);
  j["skipped"] = report.skipped;
  j["production_files"] = report.production_files;
  j["bytes_saved"] = report.bytes_saved;
  if (!report.image.empty()) {
    nlohmann::json installed = nlohmann::json::array();
    for (const auto& d : report.installed)
      installed.push_back({{"name", d.name},
                           {"version", d.version},
                           {"owner", d.owner},
                           {"bytes", d.bytes},
                           {"import_names", d.import_names},
                           {"requires_dist", d.requires_dist}});
    nlohmann::json removals = nlohmann::json::array();
    for (const auto& r : report.removals) {
      nlohmann::json packages = nlohmann::json::array();
      for (std::size_t k = 0; k < r.freed.size(); ++k)
        packages.push_back({{"name", r.freed[k]}, {"bytes", k < r.freed_bytes.size() ? r.freed_bytes[k] : 0}});
      removals.push_back({{"package", r.root},
                          {"bytes", r.bytes},
                          {"freed", r.freed},
                          {"world", r.world},
                          {"os_package", r.os_package},
                          {"freed_packages", std::move(packages)}});
    }
    j["image"] = {{"reference", report.image}, {"installed", std::move(installed)}, {"removals", std::move(removals)}};
  }
  return j;
}

}  // namespace ballast::report

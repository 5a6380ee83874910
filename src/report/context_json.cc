#include "context/analysis.h"
#include "model/json_envelope.h"
#include "report/context_report.h"

namespace ballast::report {

namespace {

nlohmann::json item(const context::SizeItem& s, bool with_files) {
  nlohmann::json j = {{"path", s.path}, {"bytes", s.bytes}};
  if (with_files) j["files"] = s.files;
  return j;
}

// The shape analyze's largest_files / largest_directories have: path and
// size (and files for a directory).
nlohmann::json sized(const context::SizeItem& s, bool with_files) {
  nlohmann::json j = {{"path", s.path}, {"size", s.bytes}};
  if (with_files) j["files"] = s.files;
  return j;
}

}  // namespace

nlohmann::json context_to_json(const context::ContextReport& r) {
  nlohmann::json j = model::make_envelope("context");
  j["context"] = r.root;
  j["dockerfile"] = r.dockerfile.empty() ? nlohmann::json() : nlohmann::json(r.dockerfile);
  j["ignore_file"] = r.ignore_file.empty() ? nlohmann::json() : nlohmann::json(r.ignore_file);
  j["engine"] = r.engine == context::Engine::kDocker20 ? "docker-20.10" : "buildkit";
  j["totals"] = {{"sent", {{"files", r.sent_files}, {"bytes", r.sent_bytes}, {"dirs", r.sent_dirs}}},
                 {"excluded", {{"files", r.excluded_files}, {"bytes", r.excluded_bytes}}}};
  j["largest_files"] = nlohmann::json::array();
  for (const auto& s : r.largest_files) {
    nlohmann::json f = sized(s, false);
    f["bytes"] = s.bytes;  // schema 1's name for size; dropped in version 3
    j["largest_files"].push_back(f);
  }
  j["largest_directories"] = nlohmann::json::array();
  for (const auto& s : r.largest_dirs) j["largest_directories"].push_back(sized(s, true));
  // Schema 1's name and shape of largest_directories; dropped in version 3.
  j["largest_dirs"] = nlohmann::json::array();
  for (const auto& s : r.largest_dirs) j["largest_dirs"].push_back(item(s, true));
  j["rules"] = nlohmann::json::array();
  for (const auto& rule : r.rules)
    j["rules"].push_back({{"line", rule.line},
                          {"text", rule.text},
                          {"pattern", rule.pattern},
                          {"exception", rule.exception},
                          {"files", rule.files},
                          {"bytes", rule.bytes},
                          {"matches_nothing", rule.matches_nothing}});
  j["copy_sources"] = nlohmann::json::array();
  for (const auto& c : r.copy_sources) {
    nlohmann::json cj = {{"stage", c.stage}, {"line", c.line},   {"instruction", c.instruction},
                         {"source", c.source}, {"files", c.files}, {"bytes", c.bytes},
                         {"status", c.status}};
    if (c.excluded_by_line) cj["excluded_by_line"] = c.excluded_by_line;
    if (!c.excludes.empty()) cj["excludes"] = c.excludes;
    if (c.parents) cj["parents"] = true;
    j["copy_sources"].push_back(cj);
  }
  if (!r.dockerfile.empty()) {
    nlohmann::json top = nlohmann::json::array();
    for (const auto& s : r.unreachable_top) top.push_back(item(s, true));
    j["unreachable"] = {{"files", r.unreachable.files}, {"bytes", r.unreachable.bytes},
                        {"copies_everything", r.copies_everything}, {"top", top}};
  }
  j["invalidations"] = nlohmann::json::array();
  for (const auto& inv : r.invalidations) {
    nlohmann::json ij = {{"changed", inv.changed}, {"sent", inv.sent}, {"stages", nlohmann::json::array()}};
    if (inv.excluded_by_line) ij["excluded_by_line"] = inv.excluded_by_line;
    for (const auto& s : inv.stages)
      ij["stages"].push_back({{"stage", s.stage}, {"name", s.name}, {"first_line", s.first_line}, {"lines", s.lines}});
    j["invalidations"].push_back(ij);
  }
  j["warnings"] = nlohmann::json::array();
  for (const auto& w : r.warnings)
    j["warnings"].push_back({{"path", w.path}, {"message", w.message}, {"breaks_build", w.breaks_build}});
  j["findings"] = nlohmann::json::array();
  for (const auto& f : r.findings) j["findings"].push_back(model::to_json(f));
  if (!r.sent.empty()) j["sent"] = r.sent;
  return j;
}

}  // namespace ballast::report

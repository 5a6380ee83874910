// JSON and CSV of a recorded series: every field of every run, so a
// consumer (a dashboard, a spreadsheet) reads back exactly what was stored.
#include <set>

#include "history/time_text.h"
#include "model/json_envelope.h"
#include "report/history_report.h"

namespace ballast::report {
namespace {

nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

// RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const char* const kSeverities[] = {"info", "warning", "error"};

}  // namespace

nlohmann::json history_to_json(const HistoryView& view) {
  nlohmann::json doc = model::make_envelope("history");
  doc["store"] = view.store;
  doc["repository"] = text_or_null(view.repository);
  doc["since"] =
      view.since ? nlohmann::json(history::format_time(*view.since)) : nlohmann::json(nullptr);
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& r : view.runs) {
    nlohmann::json categories = nlohmann::json::object();
    for (const auto& [name, bytes] : r.categories) categories[name] = bytes;
    nlohmann::json findings = nlohmann::json::object();
    for (const auto& [sev, n] : r.findings) findings[sev] = n;
    runs.push_back({{"id", r.id},
                    {"repository", r.repository},
                    {"tag", text_or_null(r.tag)},
                    {"digest", text_or_null(r.digest)},
                    {"time", history::format_time(r.time)},
                    {"time_unix", r.time},
                    {"command", r.command},
                    {"source", r.source},
                    {"stored_bytes", r.stored_bytes},
                    {"final_bytes", r.final_bytes},
                    {"compressed_bytes", r.compressed_bytes},
                    {"layers", r.layers},
                    {"categories", r.categories.empty() ? nlohmann::json(nullptr) : categories},
                    {"findings", r.findings.empty() ? nlohmann::json(nullptr) : findings},
                    {"git_commit", text_or_null(r.git_commit)},
                    {"result", text_or_null(r.result)}});
  }
  doc["runs"] = std::move(runs);
  return doc;
}

std::string render_history_csv(const HistoryView& view) {
  std::set<std::string> categories;
  for (const auto& r : view.runs)
    for (const auto& [name, bytes] : r.categories) categories.insert(name);
  std::string out =
      "id,time,repository,tag,digest,command,source,stored_bytes,final_bytes,compressed_bytes,"
      "layers,"
      "findings_info,findings_warning,findings_error,git_commit,result";
  for (const auto& c : categories) out += "," + csv_field("category:" + c);
  out += "\r\n";
  for (const auto& r : view.runs) {
    out += std::to_string(r.id) + "," + history::format_time(r.time) + "," +
           csv_field(r.repository) + "," + csv_field(r.tag) + "," + csv_field(r.digest) + "," +
           csv_field(r.command) + "," + csv_field(r.source) + "," + std::to_string(r.stored_bytes) +
           "," + std::to_string(r.final_bytes) + "," + std::to_string(r.compressed_bytes) + "," +
           std::to_string(r.layers);
    for (const char* sev : kSeverities) {
      auto it = r.findings.find(sev);
      out += ",";
      if (it != r.findings.end())
        out += std::to_string(it->second);  // empty: not counted (no findings read)
    }
    out += "," + csv_field(r.git_commit) + "," + csv_field(r.result);
    for (const auto& c : categories) {
      auto it = r.categories.find(c);
      out += ",";
      if (it != r.categories.end()) out += std::to_string(it->second);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace ballast::report

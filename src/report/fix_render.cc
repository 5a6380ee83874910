#include "report/fix_render.h"

#include <map>

#include "fix/line_diff.h"
#include "lint/rule_util.h"
#include "model/json_envelope.h"

namespace ballast::report {
namespace {

std::string display_name(const std::string& file) {
  std::string name = file;
  while (name.starts_with("./")) name.erase(0, 2);
  return name;
}

std::map<std::string, int> counts(const std::vector<model::Finding>& findings) {
  std::map<std::string, int> out;
  for (const auto& f : findings) ++out[f.id];
  return out;
}

std::string file_diff(const std::string& filename, const std::string& original, const std::string& fixed) {
  std::string name = display_name(filename);
  bool absolute = name.starts_with('/');
  return fix::unified_diff(original, fixed, absolute ? name : "a/" + name, absolute ? name : "b/" + name);
}

}  // namespace

std::string fix_diff(const fix::FixResult& r) {
  std::string out = file_diff(r.filename, r.original, r.fixed);
  for (const auto& f : r.files) out += file_diff(f.name, f.original, f.fixed);
  return out;
}

void render_fix_summary(const fix::FixResult& r, bool written, std::ostream& out, const std::string& not_written) {
  std::string name = display_name(r.filename);
  for (const auto& c : r.changes) {
    out << name << ':' << c.line << ": " << lint::join(c.ids, ",") << ": " << c.description << '\n';
  }
  std::size_t count = r.changes.size();
  for (const auto& f : r.files) {
    for (const auto& c : f.changes)
      out << display_name(f.name) << ':' << c.line << ": " << lint::join(c.ids, ",") << ": " << c.description << '\n';
    count += f.changes.size();
  }
  for (const auto& w : r.withheld) {
    out << name << ':' << w.line << ": " << w.id << ": not fixed: " << w.reason << '\n';
  }
  if (!r.changed()) {
    out << name << ": nothing to fix\n";
  } else {
    out << name << ": " << count << (count == 1 ? " change" : " changes")
        << (written                 ? " written"
            : not_written.empty()   ? " (not written: --write applies them)"
                                    : " (not written: " + not_written + ")")
        << '\n';
  }
}

namespace {

nlohmann::json changes_to_json(const std::vector<fix::Change>& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : changes) out.push_back({{"ids", c.ids}, {"line", c.line}, {"description", c.description}});
  return out;
}

}  // namespace

nlohmann::json fix_to_json(const fix::FixResult& r, bool written) {
  nlohmann::json j = model::make_envelope("fix");
  j["file"] = r.filename;
  j["changed"] = r.changed();
  j["written"] = written && r.changed();
  j["changes"] = changes_to_json(r.changes);
  j["withheld"] = nlohmann::json::array();
  for (const auto& w : r.withheld) j["withheld"].push_back({{"id", w.id}, {"line", w.line}, {"reason", w.reason}});
  j["findings_before"] = counts(r.before);
  j["findings_after"] = counts(r.after);
  // Other files of the context the fix changes (requirements, from --image).
  j["files"] = nlohmann::json::array();
  for (const auto& f : r.files) {
    j["files"].push_back({{"file", f.name}, {"changes", changes_to_json(f.changes)}, {"bytes_saved", f.bytes}, {"fixed", f.fixed}});
  }
  j["diff"] = fix_diff(r);
  j["fixed"] = r.fixed;
  return j;
}

}  // namespace ballast::report

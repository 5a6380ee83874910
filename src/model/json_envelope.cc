#include "model/json_envelope.h"

#include "util/version.h"

namespace ballast::model {

nlohmann::json make_envelope(std::string_view kind) {
  return {{"schema", "ballast.report"},
          {"schema_version", kJsonSchemaVersion},
          {"kind", kind},
          {"tool", {{"name", "ballast"}, {"version", kVersion}}}};
}

nlohmann::json to_json(const SourceLocation& l) {
  nlohmann::json j = {{"file", l.file}, {"line", l.line}, {"column", l.column}};
  if (l.end_line) j["end_line"] = l.end_line;
  return j;
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json j = {{"id", f.id},
                      {"severity", to_string(f.severity)},
                      {"message", f.message},
                      {"fix", f.fix},
                      {"bytes_saved", f.bytes_saved},
                      {"paths", f.paths},
                      {"layers", f.layers}};
  if (f.location) j["location"] = to_json(*f.location);
  return j;
}

}  // namespace ballast::model

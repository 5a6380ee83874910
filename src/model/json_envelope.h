// Every `--format json` document shares one envelope so consumers can dispatch
// on it and detect incompatible changes (docs/json-schema.md):
//   {"schema": "ballast.report", "schema_version": N, "kind": "analyze",
//    "tool": {"name": "ballast", "version": "..."}, ...kind-specific fields...}
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "model/finding.h"

namespace ballast::model {

// Bumped on any incompatible change of any kind's fields; additions keep it.
inline constexpr int kJsonSchemaVersion = 2;  // docs/json-schema.md#changelog

nlohmann::json make_envelope(std::string_view kind);
nlohmann::json to_json(const Finding& finding);
nlohmann::json to_json(const SourceLocation& location);

}  // namespace ballast::model

// JSON rendering of a `ballast deps` report: the shared envelope
// (model::make_envelope("deps")) plus the fields documented in docs/deps.md.
#pragma once

#include <nlohmann/json.hpp>

#include "python/deps_analysis.h"

namespace ballast::report {

nlohmann::json deps_to_json(const python::DepsReport& report);

}  // namespace ballast::report

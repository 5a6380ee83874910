// `ballast slim --verify` output (slim/verify.h): the before/after table
// (stored, final, compressed bytes, layers), the saving predicted by reason
// against the one measured, the re-analysis, the smoke test and the
// verdict; as text and as the `verify` object of slim's JSON document
// (docs/json-schema.md).
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "slim/verify.h"

namespace ballast::report {

void render_slim_verify_text(const slim::SlimVerifyReport& report, bool exact_bytes, std::ostream& out);
nlohmann::json slim_verify_to_json(const slim::SlimVerifyReport& report);

}  // namespace ballast::report

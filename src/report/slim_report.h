// The renderer of `ballast slim`'s SlimResult (slim/slim.h): what was
// written, what it saved and why, and what the user should know.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ballast::slim {
struct SlimResult;
}

namespace ballast::report {

std::string render_slim_text(const slim::SlimResult& result, bool exact_bytes);
// The kind "slim" JSON document (docs/json-schema.md); `verify` is null (the CLI sets it).
nlohmann::json slim_to_json(const slim::SlimResult& result);

}  // namespace ballast::report

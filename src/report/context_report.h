// Renderers of the `ballast context` report: text for people and JSON
// (kind "context", fields documented in docs/context.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/text_style.h"

namespace ballast::context {
struct ContextReport;
}

namespace ballast::report {

std::string render_context_text(const context::ContextReport& report, bool exact_bytes, const TextStyle& style = {});
nlohmann::json context_to_json(const context::ContextReport& report);

}  // namespace ballast::report

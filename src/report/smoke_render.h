// The smoke test of `fix --verify` and `slim --verify` (engine_run/smoke.h)
// as text lines and as the `smoke` JSON object (docs/json-schema.md).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine_run/smoke.h"

namespace ballast::report {

// "smoke test `CMD`", "smoke test: the image's CMD for 5 s", "smoke test: the HEALTHCHECK (up to 300 s)".
std::string smoke_title(const engine_run::SmokeReport& s);
// "exit 3", "still running", "killed at the timeout" (+ ", health: unhealthy").
std::string run_summary(const engine_run::RunOutcome& o);
// "  TITLE: passed (REASON)"; when failed, both runs' stdout and stderr, indented.
void render_smoke_text(const engine_run::SmokeReport& s, std::ostream& out);
// Each line of `text` indented by four spaces.
void indented(const std::string& text, std::ostream& out);
nlohmann::json smoke_to_json(const engine_run::SmokeReport& s);

}  // namespace ballast::report

// `ballast fix --verify` output: the before/after table the users' guides
// measure by hand (stored, final, compressed bytes, layers, cold build, warm
// rebuild), predicted vs measured savings, the smoke test and the verdict;
// as text, as Markdown for a pull-request comment, and as the `verify`
// object of the kind "fix" JSON document (docs/json-schema.md).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "fix/verify.h"

namespace ballast::report {

void render_verify_text(const fix::VerifyReport& report, const std::string& file, std::ostream& out);
// `diff` (the fix as a unified diff, `changes` of them): appended in a folded
// <details> block when not empty.
void render_verify_markdown(const fix::VerifyReport& report, const std::string& file, std::ostream& out,
                            const std::string& diff = "", std::size_t changes = 0);
nlohmann::json verify_to_json(const fix::VerifyReport& report);

// "-4.19 MB (-40.4%)": a signed byte change, the percentage of `before`.
std::string signed_bytes_change(std::int64_t delta, std::uint64_t before);

}  // namespace ballast::report

// `ballast fix` output: the unified diff (what `git apply` / `patch -p1`
// take), the list of changes and withheld fixes (each naming its finding),
// and the JSON document (kind "fix", docs/json-schema.md).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "fix/fix.h"

namespace ballast::report {

// `--- a/PATH` / `+++ b/PATH` headers; "" when nothing changed.
std::string fix_diff(const fix::FixResult& result);

// One line per change and per withheld fix: "Dockerfile:5: BA1001: ...".
// `not_written`: why changes were not written ("" = --write was not given).
void render_fix_summary(const fix::FixResult& result, bool written, std::ostream& out,
                        const std::string& not_written = "");

nlohmann::json fix_to_json(const fix::FixResult& result, bool written);

}  // namespace ballast::report

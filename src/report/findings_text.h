// Findings as compiler-style lines, one per finding, for editors and grep:
//   Dockerfile:3:1 warning BA1001 message
//       fix: apt-get install -y --no-install-recommends ...
// (the fix line, indented so no `file:line` parser takes it, unless `fixes` is false)
// (no location: "-:0:0"), then one line per input that could not be read.
#pragma once

#include <iosfwd>

#include "report/findings_document.h"
#include "report/text_style.h"

namespace ballast::report {

void render_findings_text(const FindingsDocument& doc, std::ostream& out, const TextStyle& style = {},
                          bool fixes = true);

}  // namespace ballast::report

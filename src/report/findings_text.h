// Findings as compiler-style lines, one per finding, for editors and grep:
//   Dockerfile:3:1 warning BA1001 message
// (no location: "-:0:0"), then one line per input that could not be read.
#pragma once

#include <iosfwd>

#include "report/findings_document.h"

namespace ballast::report {

void render_findings_text(const FindingsDocument& doc, std::ostream& out);

}  // namespace ballast::report

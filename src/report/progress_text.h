// The progress line of reading an image, for a terminal's stderr:
//   reading layers 3/7: 45 MB of 120 MB, 30 MB/s
// (a stream, whose byte total is unknown: "reading layers 3/7").
#pragma once

#include <string>

#include "analysis/read_progress.h"

namespace ballast::report {

std::string render_progress_line(const analysis::ReadProgress& progress);

}  // namespace ballast::report

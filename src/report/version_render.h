// `ballast version`: the build information (about/build_info.h) as text for
// people and as the versioned JSON envelope for bug reports and scripts.
#pragma once

#include <ostream>

#include "about/build_info.h"

namespace ballast::report {

void render_version_text(const about::BuildInfo& info, std::ostream& out);
void render_version_json(const about::BuildInfo& info, std::ostream& out);

}  // namespace ballast::report

// The prose of ballast.1 around the generated option lists: what the options
// cannot say (exit status, files, environment).
#pragma once

#include "clidoc/man_page.h"

namespace ballast::cli {

clidoc::ManInfo man_sections();

}  // namespace ballast::cli

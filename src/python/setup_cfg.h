// setuptools' setup.cfg: [options] install_requires and
// [options.extras_require], values spread over indented continuation lines
// (configparser rules: a line starting with a blank continues the value).
#pragma once

#include <string>
#include <string_view>

#include "python/declarations.h"

namespace ballast::python {

void read_setup_cfg(std::string_view text, const std::string& display, Declarations& out);

}  // namespace ballast::python

// pyproject.toml as the packaging tools read it: PEP 621 [project]
// dependencies / optional-dependencies / scripts, Poetry's
// [tool.poetry.dependencies] and groups, PEP 735 [dependency-groups], uv's
// dev-dependencies. Parsed with toml++; broken TOML is a warning with the line.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "python/declarations.h"

namespace ballast::python {

// `display` is the path shown in locations. Returns false when the text is
// not TOML (a warning is added to `out`).
bool read_pyproject(std::string_view text, const std::string& display, Declarations& out);

// Poetry's version constraint as a PEP 440 specifier where one exists:
// "1.2.3" -> "==1.2.3", "*" -> "", ">= 1, <2" -> ">=1,<2"; "^1.2" and "~1.2"
// are kept as written (ranges).
std::string poetry_specifier(std::string_view constraint);

}  // namespace ballast::python

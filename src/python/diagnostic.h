// A problem with the input that did not stop the analysis (an unparseable
// requirement line, broken TOML, a Python syntax error): reported as a warning
// with file and line, and the rest of the project is still analysed.
#pragma once

#include <string>

#include "model/finding.h"

namespace ballast::python {

struct Diagnostic {
  model::SourceLocation location;
  std::string message;
};

}  // namespace ballast::python

// The one finding type of the report model. Every subcommand (analyze, lint,
// context, deps) produces findings of this shape, so renderers (text, JSON,
// SARIF, GitHub annotations, Markdown) and CI budgets treat them alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/severity.h"

namespace ballast::model {

// A place in a text file (Dockerfile, requirements.txt, .dockerignore, *.py).
// Lines and columns are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  int end_line = 0;
};

struct Finding {
  std::string id;        // stable rule id: "BA1001", "DEP002", "image.caches"...
  Severity severity = Severity::kWarning;
  std::string message;   // one line, what is wrong
  std::string fix;       // the concrete change (Dockerfile edit, flag to add)
  std::uint64_t bytes_saved = 0;    // measured, 0 when unknown or not about size
  std::vector<std::string> paths;   // image paths or context files concerned
  std::vector<int> layers;          // image layer indexes concerned
  std::optional<SourceLocation> location;
};

}  // namespace ballast::model

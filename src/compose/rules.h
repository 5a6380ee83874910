// The Compose rules (BA6xxx, docs/rules.md): read the merged model and, for
// services that build, their Dockerfile. Findings carry the compose file and
// line; paths[0] is the service's name (lint_project moves it to the
// finding's compose origin).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compose/project.h"
#include "dockerfile/parser.h"
#include "dockerfile/stages.h"
#include "lint/context_info.h"
#include "model/finding.h"

namespace ballast::compose {

// What a service's build is known to be; empty when it does not build or its
// Dockerfile could not be parsed.
struct BuildFacts {
  std::string context;     // absolute
  std::string dockerfile;  // as displayed
  lint::ContextInfo context_info;
  std::optional<dockerfile::ParsedDockerfile> parsed;
  std::optional<dockerfile::StageModel> model;
};

// builds: parallel to project.services.
std::vector<model::Finding> compose_rules(const Project& project, const std::vector<BuildFacts>& builds);

}  // namespace ballast::compose

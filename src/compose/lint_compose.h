// `ballast lint` over Compose files (docs/compose.md): each service's
// Dockerfile and build context linted by the Dockerfile linter (build args
// and target from `build:`), findings at the Dockerfile's lines naming the
// service and its compose line, plus the BA6xxx rules on the merged model.
#pragma once

#include <string>
#include <vector>

#include "compose/project.h"
#include "lint/report.h"

namespace ballast::compose {

struct ComposeLintOptions {
  std::vector<std::string> files;     // --compose / -f: one project, merged in order
  std::vector<std::string> profiles;  // --profile
};

// request.files named like Compose files (is_compose_file_name) are each
// their own project, the other files Dockerfiles (lint::lint_files); plus the
// --compose project. A project that cannot be loaded is one LintError
// ("compose.yml:LINE: ..."), exit 2.
lint::LintReport lint_all(const lint::LintRequest& request, const ComposeLintOptions& compose);

// One loaded project's findings, appended to `report`.
void lint_project(const Project& project, const lint::LintRequest& request, lint::LintReport& report);

// The projects `lint_all` would lint, loaded (for --compose-config).
std::vector<Project> load_projects(const lint::LintRequest& request, const ComposeLintOptions& compose);

}  // namespace ballast::compose

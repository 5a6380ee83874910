// Fills lint's ContextInfo from a build-context directory with the context
// module's exact .dockerignore semantics (`ballast lint --context DIR`).
#pragma once

#include <string>
#include <vector>

#include "lint/context_info.h"

namespace ballast::lint {

// dockerfile: the Dockerfile's path, so `<Dockerfile>.dockerignore` wins over
// the root .dockerignore as it does for the builder. Throws InputError for an
// unreadable directory or invalid .dockerignore patterns.
ContextInfo context_from_dir(const std::string& dir, const std::string& dockerfile);

// The devDependencies names of DIR/package.json, sorted; empty when the file
// is absent, declares none, or is not JSON (npm itself then fails the build,
// which is not lint's to report).
std::vector<std::string> node_dev_dependencies(const std::string& dir);
// ContextInfo::yarn_berry of the context `dir`.
bool yarn_berry(const std::string& dir);

}  // namespace ballast::lint

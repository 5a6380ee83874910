// Fills lint's ContextInfo from a build-context directory with the context
// module's exact .dockerignore semantics (`ballast lint --context DIR`).
#pragma once

#include <string>

#include "lint/context_info.h"

namespace ballast::lint {

// dockerfile: the Dockerfile's path, so `<Dockerfile>.dockerignore` wins over
// the root .dockerignore as it does for the builder. Throws InputError for an
// unreadable directory or invalid .dockerignore patterns.
ContextInfo context_from_dir(const std::string& dir, const std::string& dockerfile);

}  // namespace ballast::lint

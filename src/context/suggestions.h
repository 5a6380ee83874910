// "Add this to .dockerignore" suggestions, each with the bytes it saves, for
// what the size guides keep naming: VCS history, node_modules, virtualenvs,
// __pycache__, build outputs and tool caches, logs, IDE folders, big data or
// model files, test folders. Only for what is present *and sent*.
#pragma once

#include <cstdint>
#include <vector>

#include "context/tree_stats.h"
#include "context/walker.h"
#include "model/finding.h"

namespace ballast::context {

std::vector<model::Finding> suggest_exclusions(const ContextTree& tree, const TreeStats& stats,
                                               std::uint64_t big_file_bytes);

// True when the context sends .git, node_modules or a virtualenv.
bool sends_heavy_dirs(const ContextTree& tree, const TreeStats& stats, std::vector<std::string>* which);

}  // namespace ballast::context

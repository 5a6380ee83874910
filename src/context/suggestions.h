// "Add this to .dockerignore" suggestions, each with the bytes it saves, for
// what the size guides keep naming: VCS history, node_modules, virtualenvs,
// __pycache__, build outputs and tool caches, logs, IDE folders, big data or
// model files, test folders. Only for what is present *and sent*, and not for
// what the Dockerfile names: `keep` (empty, or one byte per tree entry, see
// analyze_dockerfile_usage's `named`) marks entries a COPY/ADD/RUN --mount
// source reads; they, and the directories holding them, are never suggested
// (excluding `data/model.pt` that `COPY data/ /data/` needs breaks the image).
#pragma once

#include <cstdint>
#include <vector>

#include "context/tree_stats.h"
#include "context/walker.h"
#include "model/finding.h"

namespace ballast::context {

std::vector<model::Finding> suggest_exclusions(const ContextTree& tree, const TreeStats& stats,
                                               std::uint64_t big_file_bytes,
                                               const std::vector<std::uint8_t>& keep = {});

// True when the context sends .git, node_modules or a virtualenv.
bool sends_heavy_dirs(const ContextTree& tree, const TreeStats& stats, std::vector<std::string>* which);

}  // namespace ballast::context

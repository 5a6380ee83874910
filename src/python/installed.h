// Installed distributions as an image (or any environment) holds them, and
// what removing some of them frees. The image reader fills
// InstalledDistribution from *.dist-info (METADATA Name/Version/Requires-Dist,
// top_level.txt or RECORD paths, RECORD sizes); everything here is a pure
// function of that data so it is tested with hand-written graphs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "python/marker.h"

namespace ballast::python {

struct InstalledDistribution {
  std::string name;     // as in METADATA; compared PEP 503-normalised
  std::string version;
  std::vector<std::string> import_names;   // top-level modules ("yaml", "google.protobuf")
  std::uint64_t bytes = 0;                 // sum of its RECORD (or dpkg) file sizes
  std::vector<std::string> requires_dist;  // raw Requires-Dist values (PEP 508)
  std::string owner;  // the package holding its files: "pypi:torch", "deb:python3-torch"
  bool os_package = false;  // installed by the OS package manager, not by pip
};

// Dependencies of each installed distribution, normalised, that exist in the
// environment and whose markers can be true there (`extra == ...` clauses
// are false: extras were chosen by whoever installed the root).
std::map<std::string, std::vector<std::string>> dependency_graph(
    const std::vector<InstalledDistribution>& installed, const MarkerEnvironment& env);

struct RemovalPlan {
  std::uint64_t total_bytes = 0;  // everything freed by removing all roots together
  // Per root: the bytes attributed to it (own bytes plus freed dependencies;
  // a dependency freed by several roots goes to the deepest root, then to the
  // first by name, so the per-root figures add up to total_bytes).
  std::map<std::string, std::uint64_t> bytes_by_root;
  std::map<std::string, std::vector<std::string>> freed_by_root;  // sorted names, root first
};

// Removing `roots` (normalised names) frees each installed distribution that
// is reachable from them and not needed by anything kept: kept = every
// installed distribution not reachable from the roots, and what it needs.
RemovalPlan plan_removal(const std::vector<InstalledDistribution>& installed, const std::vector<std::string>& roots,
                         const MarkerEnvironment& env = {});

}  // namespace ballast::python

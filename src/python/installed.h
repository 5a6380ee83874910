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

#include "attribution/attribution.h"
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
  // Per root: the bytes attributed to it. A pip root: its own bytes plus
  // freed dependencies (a dependency freed by several roots goes to the
  // deepest root, then to the first by name, so the pip figures add up).
  // A root an OS package installed: that package's removal closure alone,
  // what `apt-get remove --autoremove` takes (attribution/removal.h).
  std::map<std::string, std::uint64_t> bytes_by_root;
  // Pip: sorted distribution names, root first. OS: package labels
  // ("deb:python3-torch", "deb:libtorch2.0"), the OS package first.
  std::map<std::string, std::vector<std::string>> freed_by_root;
  std::map<std::string, std::vector<std::uint64_t>> freed_bytes_by_root;  // per entry of freed_by_root
  std::map<std::string, std::string> world_by_root;       // "pip", "dpkg" or "apk"
  std::map<std::string, std::string> os_package_by_root;  // the OS package's label; pip roots have none
};

// Removing `roots` (normalised names). Pip and OS packages are separate
// worlds (no wheel depends on a .deb, nor the reverse): a pip root frees each
// pip-installed distribution reachable from it through Requires-Dist and
// not needed by anything kept (kept = every pip distribution not reachable
// from the roots, and what it needs); a root an OS package installed frees
// that package's removal closure over `os_packages` (its own bytes alone
// when none are given).
RemovalPlan plan_removal(const std::vector<InstalledDistribution>& installed, const std::vector<std::string>& roots,
                         const MarkerEnvironment& env = {},
                         const std::vector<attribution::Package>* os_packages = nullptr);

}  // namespace ballast::python

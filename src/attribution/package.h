// A package found in one of the image's package databases, and the files
// each database says the package installed. The parsers (dpkg_db.h,
// apk_db.h, python_db.h, node_db.h, conda_db.h) produce these from the
// database bytes; owner_index.h turns them into "who owns this path".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::attribution {

enum class Manager : std::uint8_t { kDpkg, kApk, kPython, kNode, kConda };
std::string_view to_string(Manager m);
// The prefix of a package's label in reports: "deb:libc6", "pypi:numpy".
std::string_view label_prefix(Manager m);

struct PackageInfo {
  Manager manager = Manager::kDpkg;
  std::string name;
  std::string version;
  std::string section;       // dpkg Section
  std::string priority;      // dpkg Priority
  std::string architecture;  // dpkg Architecture, apk A: (the SBOM's purl qualifier)
  // Licenses as the database names them (sbom/licenses.h reads them):
  // apk L:, npm "license", conda "license", Python License-Expression, else
  // License, else the "License ::" classifiers. dpkg keeps none in its
  // database (its copyright files are read by the SBOM).
  std::vector<std::string> licenses;
  std::uint64_t declared_size = 0;  // dpkg Installed-Size (KiB * 1024), apk I:, conda sizes
  std::vector<std::string> requires_dist;  // Python METADATA Requires-Dist
  std::string database;      // image path of the database that listed it
  // What the OS package manager keeps it for (removal.h). Relations are
  // package names only (versions and architecture qualifiers dropped); each
  // inner vector is one group of alternatives ("a | b").
  std::vector<std::vector<std::string>> depends;  // dpkg Depends + Pre-Depends, apk D:
  std::vector<std::vector<std::string>> weak_depends;  // dpkg Recommends + Suggests
  std::vector<std::string> provides;  // dpkg Provides, apk p: (so:/cmd: names kept whole)
  // Never removed as unneeded: dpkg Essential/Protected/Important: yes, a
  // held package ("hold ..." Status), Priority required.
  bool essential = false;
  // Installed only as a dependency: apt's extended_states "Auto-Installed: 1",
  // or an apk package not in /etc/apk/world (when the world file exists).
  bool auto_installed = false;
};

// One package with the image paths (no leading "/") its database lists.
// `dirs` are directories the package owns wholesale (node_modules/<name>,
// a Python distribution's top-level packages): every file below them that no
// file list claims belongs to it.
struct PackageFiles {
  PackageInfo info;
  std::vector<std::string> files;
  std::vector<std::string> dirs;
};

// A parse result: packages plus problems (each names the database).
struct ParsedDb {
  std::vector<PackageFiles> packages;
  std::vector<std::string> warnings;
};

}  // namespace ballast::attribution

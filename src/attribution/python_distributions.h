// The Python distributions an image holds at the end (its final filesystem),
// as `ballast deps --image` needs them: name, version, the top-level modules
// they provide, what they require and how many bytes they occupy. Read from
// the same captured metadata attribution uses (*.dist-info/METADATA, RECORD,
// top_level.txt; *.egg-info/PKG-INFO, requires.txt, top_level.txt; egg-info
// files), so pip installs and Debian's python3-* packages are both found.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attribution/attribution.h"
#include "image/image_model.h"

namespace ballast::attribution {

struct PythonDistribution {
  std::string name;           // PEP 503-normalised
  std::string version;
  std::string metadata_path;  // image path of METADATA / PKG-INFO / the egg-info file
  std::vector<std::string> import_names;   // top-level modules, sorted
  std::vector<std::string> requires_dist;  // PEP 508 strings (requires.txt sections become markers)
  // The package that owns the metadata file: "pypi:numpy" for a pip install,
  // "deb:python3-numpy" for Debian's package. Its final bytes are the
  // distribution's bytes (all its files, compiled bytecode included).
  std::string owner;
  bool os_package = false;  // the owner is a dpkg or apk package
  std::uint64_t bytes = 0;
};

// One entry per distribution name. A name installed in several places (a
// venv over dist-packages) keeps the pip-installed copies -- what removing a
// requirement removes -- with their bytes summed; an OS package's copy is
// used only when there is no other.
std::vector<PythonDistribution> python_distributions(const image::ImageModel& model, const Attribution& attribution);

// requires.txt of an egg-info: unconditional lines as is, "[:marker]"
// sections with their marker, "[extra]" sections dropped (an extra is only
// installed on request).
std::vector<std::string> parse_egg_requires(std::string_view text);

}  // namespace ballast::attribution

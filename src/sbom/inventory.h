// What an SBOM lists, taken from an analysis: the packages the final image's
// databases call installed, each with its purl, licenses, the layer that
// added it and the bytes it owns; plus the image's identity. Renderers
// (cyclonedx.h, spdx.h) format this; nothing here prints.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/analyze_report.h"
#include "attribution/package.h"
#include "sbom/licenses.h"
#include "sbom/purl.h"

namespace ballast::sbom {

struct Component {
  attribution::Manager manager = attribution::Manager::kDpkg;
  std::string name;
  std::string version;
  std::string architecture;
  std::string purl;
  std::vector<License> licenses;
  std::string license_source;  // image path the licenses were read from
  std::string database;        // image path of the database that lists it
  int layer = -1;              // the layer whose databases first listed it
  std::string layer_diff_id;
  std::uint64_t files = 0;         // regular files it owns, all layers
  std::uint64_t stored_bytes = 0;  // their bytes as stored in the layers
  std::uint64_t final_bytes = 0;   // of those visible in the final filesystem
};

struct Inventory {
  std::string image;        // the image's name (repo:tag) when known, else the reference given
  std::string image_id;     // "sha256:<config digest>"
  std::string created;      // the config's created (RFC 3339) or empty
  std::string os, architecture;
  Distro distro;
  std::vector<Component> components;  // sorted by purl
};

// Needs an attributed report (throws std::logic_error otherwise).
Inventory make_inventory(const analysis::AnalyzeReport& report, const std::string& image);

}  // namespace ballast::sbom

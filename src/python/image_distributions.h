// `ballast deps --image`: the installed distributions of a real image (read
// with the same single pass and package attribution as `ballast analyze`),
// turned into what the dependency analysis needs -- real import names,
// Requires-Dist and the bytes each distribution occupies.
#pragma once

#include <string>
#include <vector>

#include "attribution/attribution.h"
#include "python/installed.h"

namespace ballast::python {

struct ImageDistributions {
  std::string description;  // "docker-archive:app.tar (app:1)"
  std::vector<InstalledDistribution> distributions;
  // The image's OS packages (dpkg, apk) with their relations and final
  // bytes: what removing a Debian python3-* package really frees.
  std::vector<attribution::Package> os_packages;
  int base_layers = 0;  // the base image's layers (attribution's count): a package added below is the base's
  std::vector<std::string> warnings;  // unreadable databases, image oddities
};

struct ImageReadOptions {
  std::string reference;    // anything `ballast analyze` accepts
  std::string image_name;   // NAME:TAG inside a multi-image archive
  std::string platform = "linux/amd64";
  bool platform_required = false;  // asked for: a single image of another platform is an error
};

// Throws InputError for an unreadable or corrupt image (exit 2).
ImageDistributions read_image_distributions(const ImageReadOptions& options);

}  // namespace ballast::python

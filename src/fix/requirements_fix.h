// `fix --image`: fixes that need evidence from the built image. The image's
// installed distributions (their real import names and bytes, read as
// `ballast deps --image` reads them) against the code's imports show which
// requirements nothing imports; their lines are removed from the
// requirements files the Dockerfile installs. Only what deps reports as an
// unused warning with the image's evidence is removed: a package that may be
// used without an import (a plugin, a server run by name) is an info finding
// and stays, as do requirements in pyproject.toml or setup.cfg (their
// syntax is not line-based) and files the Dockerfile does not install.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "fix/fix.h"
#include "python/deps_analysis.h"
#include "python/image_distributions.h"

namespace ballast::fix {

struct EvidenceRequest {
  std::string image;        // anything `ballast analyze` reads
  std::string image_name;   // NAME:TAG inside a multi-image archive
  std::string platform = "linux/amd64";
  bool platform_required = false;
  std::filesystem::path context;  // the source tree deps reads
  std::filesystem::path dockerfile;
};

// The requirement files' edits deps' evidence supports (empty: none). `root`
// is the directory the report's file names are relative to.
std::vector<FileFix> unused_requirement_fixes(const python::DepsReport& deps, const std::filesystem::path& root);

// Reads the image (as `ballast deps --image` does); throws InputError for an
// unreadable one.
python::ImageDistributions read_evidence_image(const EvidenceRequest& request);

// The image's dpkg packages as --multi-stage reads them (FixOptions::image).
ImageEvidence image_evidence(const python::ImageDistributions& image);

// Runs the dependency analysis of the tree against the image read, and
// returns its fixes. Throws InputError for an unreadable tree.
std::vector<FileFix> evidence_fixes(const EvidenceRequest& request, const python::ImageDistributions& image);

}  // namespace ballast::fix

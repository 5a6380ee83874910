// `ballast deps`: the project's declared Python dependencies against what its
// code imports and its Dockerfile runs, from the source tree alone. Produces
// one report of findings (deptry-compatible ids where they overlap):
//   DEP001 missing: imported, not declared          DEP002 unused: declared, never used
//   DEP003 transitive-only: imported, only pulled in DEP004 dev tool in production requirements
//   DEP005 standard-library module declared         DEP101 unpinned or range-pinned
//   DEP102 conflicting pins across the hierarchy    DEP103 CUDA build where no code uses a GPU
// With installed distributions (from an image) the findings carry bytes_saved.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "python/declarations.h"
#include "python/diagnostic.h"
#include "python/dockerfile_uses.h"
#include "python/installed.h"

namespace ballast::python {

struct DepsOptions {
  std::filesystem::path root = ".";
  std::optional<std::filesystem::path> dockerfile;  // default: ROOT/Dockerfile when present
  std::optional<std::filesystem::path> dockerignore;  // only .py files this .dockerignore sends
  std::vector<std::string> excludes;
  int python_minor = 11;
  // From the image (--image): real import names, sizes and Requires-Dist.
  const std::vector<InstalledDistribution>* installed = nullptr;
  // The image's dpkg/apk packages: an unused distribution an OS package
  // installed frees that package's removal closure (attribution/removal.h).
  const std::vector<attribution::Package>* os_packages = nullptr;
  std::string image;  // where `installed` came from, for the report
};

enum class ModuleOrigin { kStdlib, kFirstParty, kDeclared, kUndeclared };

// One top-level module the code uses, with where it is first used.
struct ModuleSummary {
  std::string module;
  ModuleOrigin origin = ModuleOrigin::kUndeclared;
  std::string distribution;  // the declared (or guessed) distribution
  int uses = 0;
  model::SourceLocation first;
  bool runtime = false;  // at least one use outside tests, TYPE_CHECKING and ImportError guards
};

struct DepsReport {
  std::string root;
  int python_minor = 11;
  std::vector<std::string> manifests;   // requirement files, pyproject.toml, setup.cfg, Dockerfile read
  std::size_t python_files = 0;
  std::size_t imports = 0;
  std::vector<Requirement> requirements;
  std::vector<PackageIndex> indexes;
  std::vector<ModuleSummary> modules;
  std::vector<EntryPointUse> entry_points;
  std::vector<std::string> skipped;     // environments and excluded directories
  // Requirements files the Dockerfile installs (`pip install -r`, with their
  // -r includes); empty when it names none. Only these count as production.
  std::vector<std::string> production_files;
  std::vector<model::Finding> findings;
  std::vector<Diagnostic> warnings;
  std::uint64_t bytes_saved = 0;        // all unused packages together (needs installed data)
  // With installed data: the image, and what removing each unused package
  // frees (the package first, then the dependencies nothing else needs).
  std::string image;
  std::vector<InstalledDistribution> installed;
  struct Removal {
    std::string root;
    std::uint64_t bytes = 0;
    std::vector<std::string> freed;
    std::string world;       // "pip", or the OS package manager ("dpkg", "apk")
    std::string os_package;  // the OS package removed ("deb:python3-torch"); empty for pip
    std::vector<std::uint64_t> freed_bytes;  // per entry of `freed`
  };
  std::vector<Removal> removals;
};

// Throws InputError when ROOT is not a directory or when nothing at all could
// be read (no manifest and no Python file).
DepsReport analyze_deps(const DepsOptions& options);

std::string_view to_string(ModuleOrigin origin);

}  // namespace ballast::python

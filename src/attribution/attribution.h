// Who owns each stored byte, and what kind of byte it is. Every regular-file
// entry of every layer gets exactly one owner (a package from the image's
// own databases, or [unowned]) and exactly one category (categories.h), so
// any breakdown of the image adds up to its size (bloaty's accounting).
//
// The databases are read from the merged view as of each layer: the owners
// of layer N's files come from the databases visible once layer N is
// applied, so a package installed in layer 3 and removed in layer 5 still
// owns its bytes stored in layer 3.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attribution/categories.h"
#include "attribution/package.h"
#include "image/image_model.h"

namespace ballast::attribution {

inline constexpr std::uint32_t kUnowned = ~std::uint32_t{0};

struct AttributionOptions {
  // Leading layers that make the base image; -1: guess (docs/attribution.md#base-layers).
  int base_layers = -1;
  std::vector<CategoryRule> extra_rules;  // tried before the built-in table
};

struct Package {
  PackageInfo info;
  std::string label;  // "deb:libc6", "pypi:numpy"
  std::uint64_t stored_bytes = 0;  // of regular files it owns, all layers
  std::uint64_t final_bytes = 0;   // of those visible in the final filesystem
  std::uint64_t files = 0;
  // The layer whose databases first listed it (what the SBOM calls the layer
  // that added it), and whether the final image's databases still list it
  // (a package removed later keeps owning the bytes it stored before).
  int added_layer = -1;
  bool installed = false;
};

struct Attribution {
  std::vector<Package> packages;
  std::unique_ptr<CategoryTable> categories;
  // Per layer, per entry of image::ImageModel::tables (regular files only;
  // other entries hold kUnowned / the "unknown" category and weigh nothing).
  std::vector<std::vector<std::uint32_t>> owner;
  std::vector<std::vector<std::uint16_t>> category;
  // Regular-file entries whose bytes count in the final filesystem (a
  // hardlinked inode once, like ImageModel::final_bytes).
  std::vector<std::vector<bool>> visible;
  int base_layers = 0;
  std::vector<bool> copy_layers;  // made by COPY/ADD after the base
  std::vector<std::string> warnings;  // unreadable or corrupt databases
  std::vector<std::string> databases;  // database files read (image paths)

  std::uint64_t stored_bytes(image::EntryRef r, const image::ImageModel& m) const;
  const Package* package_of(image::EntryRef r) const {
    std::uint32_t o = owner[r.layer][r.entry];
    return o == kUnowned ? nullptr : &packages[o];
  }
  const std::string& category_name(image::EntryRef r) const {
    return categories->names()[category[r.layer][r.entry]];
  }
};

Attribution attribute(const image::ImageModel& model, const AttributionOptions& options = {});

// The base image's layer count when not given: docs/attribution.md#base-layers.
int guess_base_layers(const image::ImageModel& model);

}  // namespace ballast::attribution

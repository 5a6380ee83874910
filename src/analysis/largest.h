// The largest files and directories of the final filesystem (`--top N`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/image_model.h"

namespace ballast::analysis {

struct PathSize {
  std::string path;
  std::uint64_t size = 0;
  int layer = -1;  // files: the layer it comes from
};

std::vector<PathSize> largest_files(const image::ImageModel& model, std::size_t n);
// Directory sizes are the visible bytes below them, recursively.
std::vector<PathSize> largest_directories(const image::ImageModel& model, std::size_t n);

}  // namespace ballast::analysis

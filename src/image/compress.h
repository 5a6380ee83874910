// Whole-buffer compression for writing layers (fixtures, the example image,
// and later `ballast slim`): gzip through ISA-L, zstd through libzstd.
#pragma once

#include <string>

#include "image/blob_reader.h"

namespace ballast::image {

std::string compress(const std::string& data, Compression compression);

}  // namespace ballast::image

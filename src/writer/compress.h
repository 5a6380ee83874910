// Whole-buffer compression for writing layers (fixtures, the example image,
// and later `ballast slim`): gzip through ISA-L, zstd through libzstd.
#pragma once

#include <string>

#include "image/compression.h"

namespace ballast::writer {

std::string compress(const std::string& data, image::Compression compression);

}  // namespace ballast::writer

// How a layer blob is stored. Kept apart from the reader (blob_reader.h) so
// the image model and the writers name it without pulling in decoding.
#pragma once

#include <string_view>

namespace ballast::image {

enum class Compression { kNone, kGzip, kZstd };

// "none", "gzip", "zstd" (as reports and JSON name them).
std::string_view to_string(Compression c);

}  // namespace ballast::image

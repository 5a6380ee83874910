#include "image/compression.h"

namespace ballast::image {

std::string_view to_string(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "unknown";
}

}  // namespace ballast::image

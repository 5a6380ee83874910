// How a layer's entries were obtained, reported per layer: header-only over
// an uncompressed tar (seek), decompressing the whole blob (stream), or from
// an eStargz table of contents without decompressing file data (toc).
#pragma once

#include <string_view>

namespace ballast::image {

enum class ReadMethod { kSeek, kStream, kToc };

inline std::string_view to_string(ReadMethod m) {
  switch (m) {
    case ReadMethod::kSeek: return "seek";
    case ReadMethod::kStream: return "stream";
    case ReadMethod::kToc: return "toc";
  }
  return "unknown";
}

}  // namespace ballast::image

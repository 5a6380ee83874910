// How a layer's entries were obtained, reported per layer: header-only over
// an uncompressed tar (seek), decompressing the whole blob (stream), or from
// an eStargz table of contents without decompressing file data (toc), or
// walking the engine's layer directory on disk, with no tar at all (directory).
#pragma once

#include <string_view>

namespace ballast::image {

enum class ReadMethod { kSeek, kStream, kToc, kDirectory };

inline std::string_view to_string(ReadMethod m) {
  switch (m) {
    case ReadMethod::kSeek: return "seek";
    case ReadMethod::kStream: return "stream";
    case ReadMethod::kToc: return "toc";
    case ReadMethod::kDirectory: return "directory";
  }
  return "unknown";
}

}  // namespace ballast::image

// The "reading layers N/M" line analyze and explore show on a terminal's
// stderr while layers are read; cleared when the last one is done.
#pragma once

#include <cstddef>
#include <cstdio>

namespace ballast::cli {

inline void stderr_layer_progress(std::size_t done, std::size_t total) {
  std::fprintf(stderr, "\rreading layers %zu/%zu", done, total);
  if (done == total) std::fprintf(stderr, "\r%*s\r", 40, "");
}

}  // namespace ballast::cli

// The read_at() of a stream member read once, forward (stream_archive's
// member of stdin or the engine's export, engine/saved_layers' layer of a
// second save stream): the first bytes are kept, because callers sniff the
// compression and then read from offset 0 again; a read ahead of the
// stream reads and drops up to it; the rest is pulled from the stream.
// `pull(p, n)` reads up to n bytes at the stream's position, 0 at its end.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace ballast::image {

// How many bytes a source keeps of its stream's start.
inline constexpr std::size_t kKeptHeadBytes = 64 * 1024;

// Appends what `p[0, len)`, read at stream position `pos`, adds to the kept head.
inline void keep_head(std::string& head, std::uint64_t pos, const char* p, std::size_t len) {
  if (head.size() >= kKeptHeadBytes || pos + len <= head.size()) return;
  const std::size_t from = static_cast<std::size_t>(head.size() - pos);
  head.append(p + from, std::min<std::size_t>(len - from, kKeptHeadBytes - head.size()));
}

// Copies what the kept head holds of [offset, offset + n) to `out`.
inline std::size_t read_kept_head(const std::string& head, std::uint64_t offset, char* out, std::size_t n) {
  if (offset >= head.size()) return 0;
  const std::size_t done = std::min<std::size_t>(n, static_cast<std::size_t>(head.size() - offset));
  std::memcpy(out, head.data() + offset, done);
  return done;
}

// Reads and drops from `pos` (the stream's position) up to `at`, then fills
// out[done, n); returns the new `done` (short at the stream's end).
template <typename Pull>
std::size_t pull_forward(Pull&& pull, const std::uint64_t& pos, std::uint64_t at, char* out, std::size_t done,
                         std::size_t n) {
  while (done < n && pos < at) {
    char scratch[16 * 1024];
    if (pull(scratch, static_cast<std::size_t>(std::min<std::uint64_t>(sizeof scratch, at - pos))) == 0) return done;
  }
  while (done < n) {
    const std::size_t got = pull(out + done, n - done);
    if (got == 0) break;
    done += got;
  }
  return done;
}

}  // namespace ballast::image

// The layer cache (docs/cache.md): per-layer analysis products stored by
// content address, so an analysis reads only the layers it has not seen.
// Used from the layer-reading threads at once and by several processes on
// one folder: entries are written to a temporary file and renamed into
// place (readers see a whole entry or none), read back whole and verified
// (entry_codec.h). The cache can never fail an analysis: a folder it cannot
// use, an entry it cannot write or a damaged entry is a warning, and the
// layer is read as if there were no cache.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "cache/layer_key.h"
#include "image/layer_reader.h"

namespace ballast::cache {

inline constexpr std::uint64_t kDefaultMaxSize = 2ull << 30;  // 2 GiB

struct CacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t stored = 0;
  std::uint64_t rejected = 0;  // damaged entries ignored (and rebuilt)
};

class LayerCache {
 public:
  using Warn = std::function<void(const std::string&)>;

  // `root` holds layers/ (created when missing). A folder that cannot be
  // created or read warns once and leaves the cache disabled.
  LayerCache(std::filesystem::path root, std::uint64_t max_size, Warn warn);

  bool enabled() const { return enabled_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::uint64_t max_size() const { return max_size_; }

  // The stored result for `key`, or nullopt (a miss). A hit marks the entry
  // as recently used.
  std::optional<image::LayerReadResult> lookup(const LayerKey& key);
  // Stores `result` under `key` (atomically; a concurrent writer of the same
  // key wins or loses whole).
  void store(const LayerKey& key, const image::LayerReadResult& result);
  // Evicts least recently used entries beyond max_size, when this process
  // stored any (called once an analysis has read its layers).
  void trim();

  CacheStats stats() const;

 private:
  void warn(const std::string& message);

  std::filesystem::path dir_;
  std::uint64_t max_size_;
  Warn warn_;
  bool enabled_ = false;
  std::atomic<bool> writable_{true};
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, stored_{0}, rejected_{0};
  std::mutex warn_mutex_;
};

}  // namespace ballast::cache

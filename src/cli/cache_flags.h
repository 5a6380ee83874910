// --cache-dir, --no-cache and --cache-stats, shared by the commands that read
// images (analyze, diff, check): they open the library's layer cache
// (cache/layer_cache.h) with the `cache:` size cap of .ballast.yaml. Cache
// problems are warnings on stderr, never errors.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "cache/cache_config.h"
#include "cache/cache_location.h"
#include "cache/layer_cache.h"
#include "config/config_file.h"

namespace ballast::cli {

inline void print_cache_warning(const std::string& message) {
  std::fprintf(stderr, "ballast: warning: cache: %s\n", message.c_str());
}

struct CacheArgs {
  std::string dir;
  bool off = false;
  bool print_stats = false;

  void add_to(CLI::App& sub) {
    sub.add_option("--cache-dir", dir,
                   "Layer cache folder (default: $XDG_CACHE_HOME/ballast, else ~/.cache/ballast; docs/cache.md)");
    sub.add_flag("--no-cache", off, "Read every layer; neither use nor fill the layer cache");
    sub.add_flag("--cache-stats", print_stats, "Print on stderr how many layers came from the layer cache");
  }

  std::filesystem::path root() const { return dir.empty() ? cache::default_cache_root() : std::filesystem::path(dir); }

  // Null with --no-cache. Reads the size cap first, so a bad `cache.max_size` is an error either way.
  std::shared_ptr<cache::LayerCache> open(const config::ConfigFile& file) const {
    const std::uint64_t max_size = cache::configured_max_size(file);
    if (off) return nullptr;
    return std::make_shared<cache::LayerCache>(root(), max_size, print_cache_warning);
  }

  // "cache: 3 layers from the cache, 1 not in it, 1 stored": after the run, with --cache-stats.
  void report(const std::shared_ptr<cache::LayerCache>& c) const {
    if (!print_stats) return;
    if (!c || !c->enabled()) {
      std::fprintf(stderr, "ballast: cache: off\n");
      return;
    }
    const cache::CacheStats s = c->stats();
    std::fprintf(stderr, "ballast: cache: %llu layers from the cache, %llu not in it, %llu stored (%s)\n",
                 static_cast<unsigned long long>(s.hits), static_cast<unsigned long long>(s.misses),
                 static_cast<unsigned long long>(s.stored), c->dir().c_str());
  }
};

}  // namespace ballast::cli

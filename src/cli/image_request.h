// The image options diff and check share with analyze (--image,
// --platform, --threads, --categories, --base-layers, --config, the cache
// flags), turned into
// an AnalyzeRequest the same way analyze does: flags win over .ballast.yaml.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "analysis/analyze.h"
#include "cli/cache_flags.h"
#include "cli/count_validator.h"
#include "config/config_file.h"
#include "report/analyze_config.h"

namespace ballast::cli {

struct ImageRequestArgs {
  std::string image_name;
  std::string platform = "linux/amd64";
  unsigned threads = 0;
  int base_layers = -1;
  std::string categories;
  std::string config;
  bool no_config = false;
  CacheArgs cache;
  // Opened by the first request(), shared by every image of the command (diff reads shared layers once).
  mutable std::shared_ptr<cache::LayerCache> layer_cache;
  mutable bool cache_opened = false;

  void add_to(CLI::App& sub) {
    sub.add_option("--image", image_name, "Image to pick in an archive holding several (NAME:TAG)");
    sub.add_option("--platform", platform, "os/arch[/variant] of a multi-platform image")->capture_default_str();
    sub.add_option("--threads", threads, "Layers read in parallel (default: cores)")->check(count_validator());
    sub.add_option("--base-layers", base_layers, "Layers that make the base image (default: guessed)")
        ->check(count_validator());
    sub.add_option("--categories", categories, "YAML file of category rules tried before the built-ins");
    sub.add_option("--config", config, "Configuration file (default: .ballast.yaml here or in a parent)");
    sub.add_flag("--no-config", no_config, "Ignore .ballast.yaml");
    cache.add_to(sub);
  }

  // --cache-stats' line, once the command has read its images.
  void report_cache() const { cache.report(layer_cache); }

  config::ConfigFile config_file() const { return config::resolve_config(config, no_config, "."); }

  analysis::AnalyzeRequest request(const std::string& image, const config::ConfigFile& file) const {
    analysis::AnalyzeRequest r;
    r.image = image;
    r.image_name = image_name;
    r.platform = platform;
    r.threads = threads;
    const report::AnalyzeConfig cfg = report::analyze_config(file);
    if (base_layers >= 0) r.base_layers = base_layers;
    else r.base_layers = cfg.base_layers;
    if (!categories.empty()) r.category_rules = report::load_category_rules(categories);
    r.category_rules.insert(r.category_rules.end(), cfg.categories.begin(), cfg.categories.end());
    if (!cache_opened) {
      layer_cache = cache.open(file);
      cache_opened = true;
    }
    r.cache = layer_cache;
    return r;
  }
};

}  // namespace ballast::cli

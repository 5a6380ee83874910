// `ballast cache info|prune`: the layer cache's folder, size and cap, and
// least-recently-used eviction on demand (docs/cache.md). The library lists
// and prunes; this file picks the folder and the cap from flags and config.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cache/cache_config.h"
#include "cache/cache_location.h"
#include "cache/entry_files.h"
#include "cli/command.h"
#include "config/config_file.h"
#include "report/cache_report.h"
#include "report/json_writer.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct CacheCommandArgs {
  std::string dir;
  std::string config;
  bool no_config = false;
  std::string format = "text";
  bool exact = false;
  std::string max_size;
  bool all = false;
};

void add_common(CLI::App* app, CacheCommandArgs* args) {
  app->add_option("--cache-dir", args->dir,
                  "Layer cache folder (default: $XDG_CACHE_HOME/ballast, else ~/.cache/ballast)");
  app->add_option("--config", args->config, "Configuration file (default: .ballast.yaml here or in a parent)");
  app->add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  app->add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
}

std::filesystem::path layers_folder(const CacheCommandArgs& args) {
  std::filesystem::path root = args.dir.empty() ? cache::default_cache_root() : std::filesystem::path(args.dir);
  if (root.empty()) throw InputError("no cache folder: neither XDG_CACHE_HOME nor HOME is set (use --cache-dir DIR)");
  return cache::layers_dir(root);
}

}  // namespace

Runner setup_cache(CLI::App& sub) {
  sub.require_subcommand(1);
  auto args = std::make_shared<CacheCommandArgs>();
  CLI::App* info = sub.add_subcommand("info", "Where the layer cache is, its entries and size");
  add_common(info, args.get());
  info->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  CLI::App* prune = sub.add_subcommand("prune", "Remove least recently used layer entries beyond a size");
  add_common(prune, args.get());
  prune->add_option("--max-size", args->max_size,
                    "Keep at most this much (500MB, 2GiB; default: cache.max_size of .ballast.yaml, else 2GiB)");
  prune->add_flag("--all", args->all, "Remove every entry");

  return [args, info] {
    if (!args->max_size.empty() && args->all) throw InputError("--max-size and --all exclude each other");
    // Flags are checked before the file is read: a bad size is the flag's error.
    std::optional<std::uint64_t> flag_size;
    if (!args->max_size.empty()) flag_size = cache::parse_max_size(args->max_size, "--max-size");
    const config::ConfigFile file = config::resolve_config(args->config, args->no_config, ".");
    const std::uint64_t configured = cache::configured_max_size(file);
    const std::filesystem::path dir = layers_folder(*args);
    if (info->parsed()) {
      report::CacheInfo ci{dir.string(), configured, cache::summarize_entries(dir)};
      if (args->format == "json") report::write_json(report::cache_info_to_json(ci), std::cout);
      else std::cout << report::render_cache_info_text(ci, args->exact);
      return kExitOk;
    }
    const std::uint64_t keep = args->all ? 0 : flag_size.value_or(configured);
    std::cout << report::render_cache_prune_text(dir.string(), cache::prune_entries(dir, keep), args->exact);
    return kExitOk;
  };
}

}  // namespace ballast::cli

// `ballast explore IMAGE`: the analysis in a full-screen terminal browser
// (docs/explore.md). Flags become an AnalyzeRequest as for `analyze`; the
// report is indexed once by explore::Explorer and drawn by tui::run_explore.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "analysis/analyze.h"
#include "cli/command.h"
#include "cli/count_validator.h"
#include "cli/image_choice.h"
#include "cli/registry_flags.h"
#include "config/config_file.h"
#include "explore/explorer.h"
#include "report/analyze_config.h"
#include "tui/explore_tui.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct ExploreArgs {
  std::string image;
  std::string image_name;
  std::string platform = "linux/amd64";
  bool exact = false;
  bool no_attribution = false;
  bool elf = false;
  int base_layers = -1;
  std::string config;
  bool no_config = false;
  unsigned threads = 0;
  image::registry::Options registry;
};

}  // namespace

Runner setup_explore(CLI::App& sub) {
  auto args = std::make_shared<ExploreArgs>();
  sub.add_option("IMAGE", args->image, "An image reference, as for analyze (docs/sources.md)")->required();
  sub.add_option("--image", args->image_name, "Image to pick in an archive holding several (NAME:TAG)");
  sub.add_option("--platform", args->platform, "os/arch[/variant] of a multi-platform image")->capture_default_str();
  sub.add_flag("--bytes", args->exact, "Start with exact byte counts instead of human units (key b toggles)");
  sub.add_flag("--no-attribution", args->no_attribution, "Skip package/category attribution and findings");
  sub.add_flag("--elf", args->elf, "Also read ELF files (up to 64 MiB) to find unstripped binaries");
  sub.add_option("--base-layers", args->base_layers, "Layers that make the base image (default: guessed)")
      ->check(count_validator());
  sub.add_option("--threads", args->threads, "Layers read in parallel (default: cores)")->check(count_validator());
  sub.add_option("--config", args->config, "Configuration file (default: .ballast.yaml here or in a parent)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  add_registry_flags(sub, &args->registry);

  return [args] {
    // Refused before any layer is read: a pipe or a file gets one line, not escape codes.
    if (!::isatty(STDOUT_FILENO) || !::isatty(STDIN_FILENO))
      throw InputError("explore needs a terminal on standard input and output (for a report to a file or pipe: "
                       "analyze --format text, json or html)");
    analysis::AnalyzeRequest request;
    request.image = args->image;
    request.image_name = args->image_name;
    request.platform = args->platform;
    request.registry = args->registry;
    request.threads = args->threads;
    request.attribution = !args->no_attribution;
    request.elf = args->elf;
    if (::isatty(STDERR_FILENO)) {
      request.on_layer_done = [](std::size_t done, std::size_t total) {
        std::fprintf(stderr, "\rreading layers %zu/%zu", done, total);
        if (done == total) std::fprintf(stderr, "\r%*s\r", 40, "");
      };
    }
    const config::ConfigFile file = config::resolve_config(args->config, args->no_config, ".");
    const report::AnalyzeConfig config = report::analyze_config(file);
    request.base_layers = args->base_layers >= 0 ? std::optional<int>(args->base_layers) : config.base_layers;
    request.category_rules = config.categories;
    analysis::AnalyzeReport result;
    try {
      result = analysis::analyze(request);
    } catch (const image::ImageChoiceError& e) {
      throw choose_image(e, "--image");
    } catch (const image::registry::AccessError& e) {
      throw word_access_error(e);
    }
    explore::Explorer model(result);
    if (args->exact) model.apply(explore::Action::kExactBytes);
    // https://no-color.org: set and not empty means no colour.
    const char* no_color = std::getenv("NO_COLOR");
    tui::run_explore(model, tui::TuiOptions{.color = !(no_color && *no_color)});
    return kExitOk;
  };
}

}  // namespace ballast::cli

// `ballast explore IMAGE`: the analysis in a full-screen terminal browser
// (docs/explore.md). Flags become an AnalyzeRequest as for `analyze`; the
// report is indexed once by explore::Explorer and drawn by tui::run_explore.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "analysis/analyze.h"
#include "cli/command.h"
#include "cli/image_request.h"
#include "cli/image_choice.h"
#include "cli/terminal.h"
#include "cli/registry_flags.h"
#include "explore/explorer.h"
#include "tui/explore_tui.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct ExploreArgs {
  std::string image;
  bool exact = false;
  bool no_attribution = false;
  bool elf = false;
  ImageRequestArgs source;  // --image, --platform, --threads, --base-layers, --categories, config, cache
  image::registry::Options registry;
};

}  // namespace

Runner setup_explore(CLI::App& sub) {
  auto args = std::make_shared<ExploreArgs>();
  sub.add_option("IMAGE", args->image, "An image reference, as for analyze (docs/sources.md)")->required();
  args->source.add_to(sub);
  sub.add_flag("--bytes", args->exact, "Start with exact byte counts instead of human units (key b toggles)");
  sub.add_flag("--no-attribution", args->no_attribution, "Skip package/category attribution and findings");
  sub.add_flag("--elf", args->elf, "Also read ELF files (up to 64 MiB) to find unstripped binaries");
  add_registry_flags(sub, &args->registry);

  return [args] {
    // Refused before any layer is read: a pipe or a file gets one line, not escape codes.
    if (!::isatty(STDOUT_FILENO) || !::isatty(STDIN_FILENO))
      throw InputError("explore needs a terminal on standard input and output (for a report to a file or pipe: "
                       "analyze --format text, json or html)");
    const config::ConfigFile file = args->source.config_file();
    analysis::AnalyzeRequest request = args->source.request(args->image, file);
    request.registry = args->registry;
    request.attribution = !args->no_attribution;
    request.elf = args->elf;
    // The progress line analyze shows, cleared before the screen is drawn.
    request.on_progress = stderr_progress();
    analysis::AnalyzeReport result;
    try {
      result = analysis::analyze(request);
    } catch (const image::ImageChoiceError& e) {
      throw choose_image(e, "--image");
    } catch (const image::registry::AccessError& e) {
      throw word_access_error(e);
    }
    args->source.report_cache();  // before the full screen, which gives it back on exit
    explore::Explorer model(result);
    if (args->exact) model.apply(explore::Action::kExactBytes);
    // https://no-color.org: set and not empty means no colour.
    const char* no_color = std::getenv("NO_COLOR");
    tui::run_explore(model, tui::TuiOptions{.color = !(no_color && *no_color)});
    return kExitOk;
  };
}

}  // namespace ballast::cli

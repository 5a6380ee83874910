#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "attribution/attribution.h"
#include "attribution/breakdown.h"
#include "attribution/db_files.h"
#include "attribution/findings.h"
#include "image/image_analysis.h"
#include "report/analyze_report.h"
#include "report/analyze_config.h"
#include "config/config_file.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct AnalyzeArgs {
  std::string image;
  std::string image_name;
  std::string platform = "linux/amd64";
  std::string format = "text";
  bool verify = false;
  bool no_verify = false;
  bool exact = false;
  bool files = false;
  bool no_duplicates = false;
  bool no_toc = false;
  std::size_t top = 10;
  unsigned threads = 0;
  std::string breakdown;
  std::string sort = "stored";
  int base_layers = -1;
  std::string categories;
  std::string config;
  bool no_config = false;
  bool no_attribution = false;
  bool elf = false;
};

}  // namespace

Runner setup_analyze(CLI::App& sub) {
  auto args = std::make_shared<AnalyzeArgs>();
  sub.add_option("IMAGE", args->image,
                 "docker-archive:PATH[:NAME:TAG], oci:DIR[:TAG], oci-archive:PATH[:TAG] or a path")
      ->required();
  sub.add_option("--image", args->image_name, "Image to pick in an archive holding several (NAME:TAG)");
  sub.add_option("--platform", args->platform, "os/arch[/variant] of a multi-platform image")
      ->capture_default_str();
  sub.add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub.add_option("--top", args->top, "Rows in each top-N list")->capture_default_str();
  sub.add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
  sub.add_flag("--files", args->files, "JSON: include every entry of the final filesystem");
  sub.add_flag("--verify", args->verify, "Also hash uncompressed layers against their digests");
  sub.add_flag("--no-verify", args->no_verify, "Do not verify compressed layer digests");
  sub.add_flag("--no-duplicates", args->no_duplicates, "Skip duplicate-content detection");
  sub.add_flag("--no-toc", args->no_toc, "Read eStargz layers in full instead of from their table of contents");
  sub.add_option("--threads", args->threads, "Layers read in parallel (default: cores)");
  sub.add_option("-d,--breakdown", args->breakdown,
                 "Size tree by dimensions, e.g. layer,category,package (also dir, file, ext)");
  sub.add_option("--sort", args->sort, "Breakdown rows by stored or final bytes")
      ->check(CLI::IsMember({"stored", "final"}))
      ->capture_default_str();
  sub.add_option("--base-layers", args->base_layers, "Layers that make the base image (default: guessed)");
  sub.add_option("--categories", args->categories, "YAML file of category rules tried before the built-ins");
  sub.add_option("--config", args->config, "Configuration file (default: .ballast.yaml here or in a parent)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  sub.add_flag("--no-attribution", args->no_attribution, "Skip package/category attribution and findings");
  sub.add_flag("--elf", args->elf, "Also read ELF files (up to 64 MiB) to find unstripped binaries");

  return [args] {
    if (args->verify && args->no_verify) throw InputError("--verify and --no-verify exclude each other");
    image::AnalyzeOptions options;
    options.image_name = args->image_name;
    options.platform = args->platform;
    options.threads = args->threads;
    options.verify = args->no_verify ? image::VerifyMode::kNone
                     : args->verify  ? image::VerifyMode::kAll
                                     : image::VerifyMode::kCompressed;
    options.hashing.find_duplicates = !args->no_duplicates;
    options.use_toc = !args->no_toc;
    if (::isatty(STDERR_FILENO)) {
      options.on_layer_done = [](std::size_t done, std::size_t total) {
        std::fprintf(stderr, "\rreading layers %zu/%zu", done, total);
        if (done == total) std::fprintf(stderr, "\r%*s\r", 40, "");
      };
    }
    const bool attribute = !args->no_attribution;
    if (!attribute && !args->breakdown.empty()) throw InputError("--breakdown needs attribution (drop --no-attribution)");
    attribution::AttributionOptions ao;
    const report::AnalyzeConfig config = report::analyze_config(config::resolve_config(args->config, args->no_config, "."));
    ao.base_layers = args->base_layers >= 0 ? args->base_layers : config.base_layers.value_or(-1);
    if (!args->categories.empty()) ao.extra_rules = report::load_category_rules(args->categories);
    ao.extra_rules.insert(ao.extra_rules.end(), config.categories.begin(), config.categories.end());
    std::vector<attribution::Dimension> dims;
    if (!args->breakdown.empty()) dims = attribution::parse_dimensions(args->breakdown);
    std::shared_ptr<attribution::ContentCapture> capture;
    if (attribute) {
      attribution::CaptureOptions co;
      co.elf = args->elf;
      capture = std::make_shared<attribution::ContentCapture>(co);
      options.capture = attribution::capture_predicate(capture);
    }
    image::ImageModel model = image::analyze_image(image::parse_image_reference(args->image), options);
    report::AnalyzeRenderOptions render;
    render.exact_bytes = args->exact;
    render.top = args->top;
    render.include_files = args->files;
    report::AttributionView view;
    attribution::Attribution attributed;
    attribution::WasteReport waste;
    attribution::BreakdownNode tree;
    if (attribute) {
      attributed = attribution::attribute(model, ao);
      waste = attribution::find_waste(model, attributed, capture.get());
      view.attribution = &attributed;
      view.waste = &waste;
      if (!dims.empty()) {
        attribution::BreakdownOptions bo;
        bo.dimensions = dims;
        bo.top = args->top;
        bo.sort_by_final = args->sort == "final";
        tree = attribution::build_breakdown(model, attributed, bo);
        view.breakdown = &tree;
        view.dimensions = args->breakdown;
      }
    }
    if (args->format == "json")
      std::cout << report::analyze_to_json(model, render, view).dump(2) << "\n";
    else
      std::cout << report::render_analyze_text(model, render, view);
    return kExitOk;
  };
}

}  // namespace ballast::cli

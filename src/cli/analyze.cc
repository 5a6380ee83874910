// `ballast analyze IMAGE`: why an image is big (docs/analyze.md). Flags and
// the `analyze:` section of .ballast.yaml become an AnalyzeRequest; the
// library's analyze() returns the report; the chosen renderer prints it.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "analysis/analyze.h"
#include "analysis/manifest_summary.h"
#include "cli/cache_flags.h"
#include "cli/count_validator.h"
#include "cli/command.h"
#include "cli/image_choice.h"
#include "cli/record_flags.h"
#include "cli/registry_flags.h"
#include "cli/terminal.h"
#include "config/config_file.h"
#include "report/analyze_config.h"
#include "cli/cost_flags.h"
#include "report/analyze_findings.h"
#include "report/analyze_html.h"
#include "report/analyze_report.h"
#include "report/findings_render.h"
#include "report/json_writer.h"
#include "report/manifest_report.h"
#include "report/output_file.h"
#include "util/byte_size.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct AnalyzeArgs {
  std::string image;
  std::string image_name;
  std::string platform = "linux/amd64";
  std::string format = "text";
  std::string output;
  bool verify = false;
  bool no_verify = false;
  bool exact = false;
  bool files = false;
  bool no_duplicates = false;
  bool no_toc = false;
  std::string max_memory;
  std::string max_layer_size;
  std::string engine_layers = "auto";
  bool no_pipeline = false;
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
  bool manifest_only = false;
  bool all_platforms = false;
  CostArgs cost;
  image::registry::Options registry;
  HistoryArgs history;
  CacheArgs cache;
};

// The rendered report to standard output, or (-o) atomically to the file.
void emit(const std::string& output, const std::string& text) {
  if (output.empty() || output == "-") std::cout << text;
  else report::write_file_atomically(output, text);
}

}  // namespace

Runner setup_analyze(CLI::App& sub) {
  auto args = std::make_shared<AnalyzeArgs>();
  sub.add_option("IMAGE", args->image,
                 "docker-daemon:NAME[:TAG], docker-archive:PATH[:NAME:TAG], oci:DIR[:TAG], oci-archive:PATH[:TAG], "
                 "docker://REGISTRY/REPO[:TAG], - (an archive on stdin), a path, or an engine image NAME[:TAG] or ID (docs/sources.md)")
      ->required();
  sub.add_option("--image", args->image_name, "Image to pick in an archive holding several (NAME:TAG)");
  CLI::Option* platform = sub.add_option("--platform", args->platform,
                                          "os/arch[/variant]: the one to pick in a multi-platform image; "
                                          "given, a single-platform image must be it")
                              ->capture_default_str();
  sub.add_option("--format", args->format,
                 "text, json, html (one self-contained page), or the findings as sarif, github (annotations) or markdown")
      ->check(CLI::IsMember({"text", "json", "html", "sarif", "github", "markdown"}))
      ->capture_default_str();
  sub.add_option("-o,--output", args->output, "Write the report to FILE (atomically) instead of standard output");
  sub.add_option("--top", args->top, "Rows in each top-N list")
      ->check(count_validator())
      ->capture_default_str();
  sub.add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
  sub.add_flag("--files", args->files, "JSON: include every entry of the final filesystem");
  sub.add_flag("--verify", args->verify, "Also hash uncompressed layers against their digests");
  sub.add_flag("--no-verify", args->no_verify, "Do not verify compressed layer digests");
  sub.add_flag("--no-duplicates", args->no_duplicates, "Skip duplicate-content detection");
  sub.add_flag("--no-toc", args->no_toc, "Read eStargz layers in full instead of from their table of contents");
  sub.add_option("--max-memory", args->max_memory,
                 "Metadata one image may hold: entries, names, links (default 4GiB; docs/limits.md)");
  sub.add_option("--max-layer-size", args->max_layer_size,
                 "Decompressed bytes one layer may reach before it counts as a bomb (default 1TiB)");
  sub.add_option("--threads", args->threads, "Layers read in parallel (default: cores)")->check(count_validator());
  sub.add_option("--engine-layers", args->engine_layers,
                 "docker-daemon: read the engine's overlay2 layer directories when readable (auto), "
                 "always its tar stream (stream), or only the directories (directory)")
      ->check(CLI::IsMember({"auto", "stream", "directory"}))
      ->capture_default_str();
  sub.add_flag("--no-pipeline", args->no_pipeline,
               "Inflate each layer on the thread that parses it (the baseline of bench/pipeline)");
  sub.add_option("-d,--breakdown", args->breakdown,
                 "Size tree by dimensions, e.g. layer,category,package (also dir, file, ext)");
  sub.add_option("--sort", args->sort, "Breakdown rows by stored or final bytes")
      ->check(CLI::IsMember({"stored", "final"}))
      ->capture_default_str();
  sub.add_option("--base-layers", args->base_layers, "Layers that make the base image (default: guessed)")
      ->check(count_validator());
  sub.add_option("--categories", args->categories, "YAML file of category rules tried before the built-ins");
  sub.add_option("--config", args->config, "Configuration file (default: .ballast.yaml here or in a parent)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  sub.add_flag("--no-attribution", args->no_attribution, "Skip package/category attribution and findings");
  sub.add_flag("--elf", args->elf, "Also read ELF files (up to 64 MiB) to find unstripped binaries");
  args->cost.add_to(sub, "What the image costs a month and per pull");
  add_registry_flags(sub, &args->registry);
  args->cache.add_to(sub);
  args->history.add_record_to(sub);
  sub.add_flag("--manifest-only", args->manifest_only,
               "Sizes and history from the manifest and config alone; no layer is read");
  sub.add_flag("--all-platforms", args->all_platforms,
               "Every platform of a multi-platform image side by side (implies --manifest-only)");

  return [args, platform] {
    if (args->history.record && (args->manifest_only || args->all_platforms))
      throw InputError("--record needs a full analysis (drop --manifest-only / --all-platforms)");
    if (args->manifest_only || args->all_platforms) {
      if (args->format != "text" && args->format != "json")
        throw InputError("--manifest-only renders text or json only");
      analysis::ManifestRequest mr{args->image, args->image_name, args->platform, args->all_platforms, args->registry};
      analysis::ManifestReport summary;
      try {
        summary = analysis::summarize_manifests(mr);
      } catch (const image::ImageChoiceError& e) {
        throw choose_image(e, "--image");
      } catch (const image::registry::AccessError& e) {
        throw word_access_error(e);
      }
      std::ostringstream out;
      if (args->format == "json") report::write_json(report::manifest_to_json(summary), out);
      else out << report::fit_to_width(report::render_manifest_text(summary, args->exact), args->output.empty() ? stdout_style().width : 0);
      emit(args->output, out.str());
      return kExitOk;
    }
    if (args->verify && args->no_verify) throw InputError("--verify and --no-verify exclude each other");
    if (args->no_attribution && !args->breakdown.empty())
      throw InputError("--breakdown needs attribution (drop --no-attribution)");
    analysis::AnalyzeRequest request;
    request.image = args->image;
    request.image_name = args->image_name;
    request.platform = args->platform;
    request.platform_required = platform->count() > 0;
    request.registry = args->registry;
    request.threads = args->threads;
    request.verify = args->no_verify ? analysis::VerifyMode::kNone
                     : args->verify  ? analysis::VerifyMode::kAll
                                     : analysis::VerifyMode::kCompressed;
    request.find_duplicates = !args->no_duplicates;
    request.use_toc = !args->no_toc;
    request.pipeline_layers = !args->no_pipeline;
    request.engine_layers = args->engine_layers == "stream"      ? image::EngineLayers::kStream
                            : args->engine_layers == "directory" ? image::EngineLayers::kDirectory
                                                                 : image::EngineLayers::kAuto;
    request.attribution = !args->no_attribution;
    request.elf = args->elf;
    request.breakdown = args->breakdown;
    request.sort_by_final = args->sort == "final";
    request.top = args->top;
    request.hash_files = args->files;  // --files documents carry each file's xxh3 (a diff baseline)
    request.on_progress = stderr_progress();
    // Flags win over .ballast.yaml; --categories rules come before the file's.
    const config::ConfigFile file = config::resolve_config(args->config, args->no_config, ".");
    const report::AnalyzeConfig config = report::analyze_config(file);
    if (args->base_layers >= 0) request.base_layers = args->base_layers;
    else request.base_layers = config.base_layers;
    auto size_of = [](const std::string& flag, const std::string& text) {
      auto bytes = parse_byte_size(text);
      if (!bytes) throw InputError(flag + ": not a size ('" + text + "'; e.g. 4GiB, 500MB)");
      return *bytes;
    };
    if (!args->max_memory.empty()) request.max_metadata_bytes = size_of("--max-memory", args->max_memory);
    else if (config.max_memory) request.max_metadata_bytes = *config.max_memory;
    if (!args->max_layer_size.empty()) request.max_layer_tar_bytes = size_of("--max-layer-size", args->max_layer_size);
    else if (config.max_layer_size) request.max_layer_tar_bytes = *config.max_layer_size;
    if (!args->categories.empty()) request.category_rules = report::load_category_rules(args->categories);
    request.category_rules.insert(request.category_rules.end(), config.categories.begin(), config.categories.end());
    request.cache = args->cache.open(file);
    request.cost = args->cost.resolve(file);

    analysis::AnalyzeReport result;
    try {
      result = analysis::analyze(request);
    } catch (const image::ImageChoiceError& e) {
      throw choose_image(e, "--image");
    } catch (const image::registry::AccessError& e) {
      throw word_access_error(e);
    }
    args->cache.report(request.cache);
    if (result.has_findings && !result.waste.elf_checked && args->format == "text" && ::isatty(STDERR_FILENO))
      std::fprintf(stderr, "ballast: note: --elf also checks for unstripped binaries\n");
    // Recorded before anything is printed: a store that fails is one error line, not a report and then an error.
    if (args->history.record) record_run(args->history, file, analysis::snapshot(result, args->image), "analyze", "");
    report::AnalyzeRenderOptions render{args->exact, args->top, args->files, stdout_style()};
    std::ostringstream out;
    if (auto format = report::parse_findings_format(args->format))
      report::render_findings(*format, report::analyze_findings(result, args->image), out);
    else if (args->format == "json")
      report::write_json(report::analyze_to_json(result, render), out);
    else if (args->format == "html")
      out << report::render_analyze_html(result, report::HtmlRenderOptions{.top = args->top});
    else
      out << report::fit_to_width(report::render_analyze_text(result, render), args->output.empty() ? render.style.width : 0);
    emit(args->output, out.str());
    return kExitOk;
  };
}

}  // namespace ballast::cli

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "image/image_analysis.h"
#include "report/analyze_report.h"
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
  std::size_t top = 10;
  unsigned threads = 0;
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
  sub.add_option("--threads", args->threads, "Layers read in parallel (default: cores)");

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
    if (::isatty(STDERR_FILENO)) {
      options.on_layer_done = [](std::size_t done, std::size_t total) {
        std::fprintf(stderr, "\rreading layers %zu/%zu", done, total);
        if (done == total) std::fprintf(stderr, "\r%*s\r", 40, "");
      };
    }
    image::ImageModel model = image::analyze_image(image::parse_image_reference(args->image), options);
    report::AnalyzeRenderOptions render;
    render.exact_bytes = args->exact;
    render.top = args->top;
    render.include_files = args->files;
    if (args->format == "json")
      std::cout << report::analyze_to_json(model, render).dump(2) << "\n";
    else
      std::cout << report::render_analyze_text(model, render);
    return kExitOk;
  };
}

}  // namespace ballast::cli

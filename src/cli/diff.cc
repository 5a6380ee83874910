// `ballast diff A B`: what changed from A to B (docs/diff.md). A and B are
// image references or saved `analyze --format json` reports; each becomes a
// snapshot through the library, diff::diff_images() subtracts them, a
// renderer prints the result.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <sstream>

#include "analysis/snapshot.h"
#include "analysis/snapshot_pair.h"
#include "attribution/breakdown.h"
#include "cli/count_validator.h"
#include "cli/command.h"
#include "cli/cost_flags.h"
#include "cli/terminal.h"
#include "cli/image_choice.h"
#include "cli/image_request.h"
#include "diff/image_diff.h"
#include "report/diff_html.h"
#include "report/diff_report.h"
#include "report/json_writer.h"
#include "report/output_file.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct DiffArgs {
  std::string a, b;
  ImageRequestArgs source;
  std::string format = "text";
  std::string breakdown;
  std::string sort = "stored";
  std::size_t top = 10;
  bool exact = false;
  std::vector<std::string> ignore;
  std::string output;
  CostArgs cost;
};

}  // namespace

Runner setup_diff(CLI::App& sub) {
  auto args = std::make_shared<DiffArgs>();
  sub.add_option("A", args->a, "The baseline: an image reference or a saved analyze --format json report")->required();
  sub.add_option("B", args->b, "The image compared with it (same forms)")->required();
  args->source.add_to(sub);
  sub.add_option("--format", args->format, "text, json, markdown (a pull-request comment) or html (one self-contained page)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->capture_default_str();
  sub.add_option("-o,--output", args->output, "Write the report to FILE (atomically) instead of standard output");
  sub.add_option("-d,--breakdown", args->breakdown, "Change tree by dimensions: layer, category, package, dir, file, ext");
  sub.add_option("--sort", args->sort, "Tree rows by |stored| or |final| change")
      ->check(CLI::IsMember({"stored", "final"}))
      ->capture_default_str();
  sub.add_option("--top", args->top, "Rows per level and list")
      ->check(count_validator())
      ->capture_default_str();
  sub.add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
  sub.add_option("--ignore", args->ignore, "Leave matching paths out of the file changes (.dockerignore syntax; repeatable)");
  args->cost.add_to(sub, "What B costs a month and per pull against A, and the update's pull");

  return [args] {
    diff::DiffOptions options;
    if (!args->breakdown.empty()) options.dimensions = attribution::parse_dimensions(args->breakdown);
    options.top = args->top;
    options.sort_by_final = args->sort == "final";
    options.ignore = args->ignore;
    const config::ConfigFile file = args->source.config_file();
    options.cost = args->cost.resolve(file);
    auto request_for = [&](const std::string& image) {
      analysis::AnalyzeRequest request = args->source.request(image, file);
      request.hash_files = true;  // contents compared by hash
      request.cost = options.cost;  // the compressed-size basis, ISA-L estimates included
      return request;
    };
    analysis::AnalyzeRequest request_a = request_for(args->a);
    const analysis::AnalyzeRequest request_b = request_for(args->b);
    std::pair<analysis::ImageSnapshot, analysis::ImageSnapshot> snapshots;
    try {
      // B's analysis overlaps A's once A's layers are read (shared ones once).
      snapshots = analysis::snapshot_pair(std::move(request_a), request_b);
    } catch (const image::ImageChoiceError& e) {
      throw choose_image(e, "--image");
    }
    const analysis::ImageSnapshot& a = snapshots.first;
    const analysis::ImageSnapshot& b = snapshots.second;
    args->source.report_cache();
    const diff::ImageDiff result = diff::diff_images(a, b, options);
    std::ostringstream out;
    if (args->format == "json") report::write_json(report::diff_to_json(result), out);
    else if (args->format == "markdown") out << report::render_diff_markdown(result, args->top);
    else if (args->format == "html") out << report::render_diff_html(result, args->top);
    // Cut to a terminal only: a file written with -o is kept whole.
    else if (args->output.empty() || args->output == "-")
      out << report::fit_to_width(report::render_diff_text(result, args->exact, args->top), stdout_style().width);
    else out << report::render_diff_text(result, args->exact, args->top);
    if (args->output.empty() || args->output == "-") std::cout << out.str();
    else report::write_file_atomically(args->output, out.str());
    return kExitOk;
  };
}

}  // namespace ballast::cli

#include "analysis/analyze.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "attribution/db_files.h"
#include "image/image_reference.h"
#include "util/error.h"
#include "util/parallel_for.h"

namespace ballast::analysis {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<CategoryTotal> category_totals(const image::ImageModel& m, const attribution::Attribution& a) {
  const auto& names = a.categories->names();
  std::vector<CategoryTotal> out(names.size());
  for (std::size_t c = 0; c < names.size(); ++c) out[c].name = names[c];
  for (std::size_t l = 0; l < m.tables.size(); ++l) {
    const auto& entries = m.tables[l].entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].type != image::EntryType::kFile) continue;
      CategoryTotal& t = out[a.category[l][i]];
      t.stored_bytes += entries[i].size;
      if (a.visible[l][i]) t.final_bytes += entries[i].size;
      ++t.files;
    }
  }
  return out;
}

std::vector<std::uint32_t> packages_by_size(const attribution::Attribution& a) {
  std::vector<std::uint32_t> order(a.packages.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const auto& p = a.packages[x];
    const auto& q = a.packages[y];
    return p.stored_bytes != q.stored_bytes ? p.stored_bytes > q.stored_bytes : p.label < q.label;
  });
  return order;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t b = 0, e; b <= s.size(); b = e + 1) {
    e = s.find(',', b);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
  }
  return out;
}

}  // namespace

image::ResolveOptions resolve_options(const AnalyzeRequest& request) {
  image::ResolveOptions ro;
  ro.image_name = request.image_name;
  ro.platform = request.platform;
  ro.registry = request.registry;
  return ro;
}

AnalyzeReport analyze(const AnalyzeRequest& request) {
  // Everything that can be rejected without reading the image is, first.
  if (!request.attribution && !request.breakdown.empty())
    throw InputError("a breakdown needs attribution");
  std::vector<attribution::Dimension> dimensions;
  if (!request.breakdown.empty()) dimensions = attribution::parse_dimensions(request.breakdown);
  image::ImageReference ref = image::parse_image_reference(request.image);

  AnalyzeOptions options;
  options.image_name = request.image_name;
  options.platform = request.platform;
  options.platform_required = request.platform_required;
  options.registry = request.registry;
  options.threads = request.threads;
  options.verify = request.verify;
  options.hashing.find_duplicates = request.find_duplicates;
  options.hashing.hash_final_files = request.hash_files;
  options.use_toc = request.use_toc;
  options.max_metadata_bytes = request.max_metadata_bytes;
  options.max_layer_tar_bytes = request.max_layer_tar_bytes;
  options.engine_layers = request.engine_layers;
  options.pipeline_layers = request.pipeline_layers;
  options.on_progress = request.on_progress;
  options.on_layers_read = request.on_layers_read;
  options.cache = request.cache;
  options.estimate_compressed = request.cost.has_value();
  std::shared_ptr<attribution::ContentCapture> capture;
  if (request.attribution) {
    attribution::CaptureOptions co;
    co.elf = request.elf;
    capture = std::make_shared<attribution::ContentCapture>(co);
    options.capture = attribution::capture_predicate(capture);
    if (!request.elf) options.capture_profile = attribution::kCaptureRules;
  }

  AnalyzeReport report;
  auto start = Clock::now();
  report.image = analyze_image(ref, options, &report.stats);
  report.timings.read = seconds_since(start);
  auto find_largest = [&] {
    if (!request.largest) return;
    report.largest_files = largest_files(report.image, request.top);
    report.largest_directories = largest_directories(report.image, request.top);
  };
  report.warnings = report.image.warnings;
  // The base a pull can share: attribution's count, else the request's, else none.
  auto price = [&](int base) {
    if (request.cost) report.cost = cost::image_cost(report.image, base, *request.cost);
  };
  if (!request.attribution) {
    find_largest();
    price(request.base_layers.value_or(0));
    return report;
  }

  start = Clock::now();
  attribution::AttributionOptions ao;
  ao.base_layers = request.base_layers.value_or(-1);
  ao.extra_rules = request.category_rules;
  // Both only read the merged image: the largest files and directories
  // are found on a second core while attribution runs.
  parallel_for(2, request.threads, [&](std::size_t i) {
    if (i == 0) report.attribution = attribution::attribute(report.image, ao);
    else find_largest();
  });
  report.attributed = true;
  report.categories = category_totals(report.image, report.attribution);
  report.packages_by_size = packages_by_size(report.attribution);
  report.warnings.insert(report.warnings.end(), report.attribution.warnings.begin(),
                         report.attribution.warnings.end());
  report.timings.attribute = seconds_since(start);
  price(report.attribution.base_layers);

  if (request.findings) {
    start = Clock::now();
    report.waste = attribution::find_waste(report.image, report.attribution, capture.get());
    report.has_findings = true;
    report.timings.findings = seconds_since(start);
  }
  if (!dimensions.empty()) {
    start = Clock::now();
    attribution::BreakdownOptions bo;
    bo.dimensions = dimensions;
    bo.top = request.top;
    bo.sort_by_final = request.sort_by_final;
    report.breakdown = Breakdown{request.breakdown, split_commas(request.breakdown),
                                 attribution::build_breakdown(report.image, report.attribution, bo)};
    report.timings.breakdown = seconds_since(start);
  }
  return report;
}

}  // namespace ballast::analysis

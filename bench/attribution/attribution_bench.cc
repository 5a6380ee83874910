// In-process timing of attribution against the analysis it extends, on the
// same image in the same run: analyze_image() with the capture predicate
// (what `ballast analyze` does), then attribute(), find_waste() and a
// layer,category,package breakdown. Reports the best of N runs of each.
// Usage: attribution_bench IMAGE [RUNS] [elf]   (elf: also the opt-in ELF inspection)
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "attribution/attribution.h"
#include "attribution/breakdown.h"
#include "attribution/db_files.h"
#include "attribution/findings.h"
#include "image/image_analysis.h"

using namespace ballast;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s IMAGE [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 2 ? std::stoi(argv[2]) : 5;
  attribution::CaptureOptions co;
  co.elf = argc > 3 && std::string(argv[3]) == "elf";
  double best_plain = 1e9, best_capture = 1e9, best_attr = 1e9, best_waste = 1e9, best_tree = 1e9;
  std::size_t files = 0;
  auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  for (int r = 0; r < runs; ++r) {
    auto ref = image::parse_image_reference(argv[1]);
    auto t0 = Clock::now();
    { image::ImageModel m = image::analyze_image(ref, {}); files = m.final_files.size(); }
    auto t1 = Clock::now();
    auto capture = std::make_shared<attribution::ContentCapture>(co);
    image::AnalyzeOptions o;
    o.capture = attribution::capture_predicate(capture);
    image::ImageModel m = image::analyze_image(ref, o);
    auto t2 = Clock::now();
    attribution::Attribution a = attribution::attribute(m);
    auto t3 = Clock::now();
    attribution::WasteReport w = attribution::find_waste(m, a, capture.get());
    auto t4 = Clock::now();
    attribution::BreakdownOptions bo;
    bo.dimensions = attribution::parse_dimensions("layer,category,package");
    attribution::BreakdownNode tree = attribution::build_breakdown(m, a, bo);
    auto t5 = Clock::now();
    best_plain = std::min(best_plain, secs(t0, t1));
    best_capture = std::min(best_capture, secs(t1, t2));
    best_attr = std::min(best_attr, secs(t2, t3));
    best_waste = std::min(best_waste, secs(t3, t4));
    best_tree = std::min(best_tree, secs(t4, t5));
    if (tree.stored != m.stored_bytes) std::fprintf(stderr, "breakdown total mismatch!\n");
  }
  const double added = (best_capture - best_plain) + best_attr + best_waste;
  std::printf("image %s: %zu final entries, best of %d runs%s\n", argv[1], files, runs,
              co.elf ? " (with --elf)" : "");
  std::printf("  analyze_image (baseline)          %8.3f s\n", best_plain);
  std::printf("  analyze_image with capture        %8.3f s\n", best_capture);
  std::printf("  attribute()                       %8.3f s\n", best_attr);
  std::printf("  find_waste()                      %8.3f s\n", best_waste);
  std::printf("  breakdown layer,category,package  %8.3f s\n", best_tree);
  std::printf("  attribution adds %.1f%% (capture + attribute + findings), %.1f%% with the breakdown\n",
              100.0 * added / best_plain, 100.0 * (added + best_tree) / best_plain);
  return 0;
}

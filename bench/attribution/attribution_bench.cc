// In-process timing of attribution against the analysis it extends, on the
// same image in the same run, both through analysis::analyze() (what
// `ballast analyze` calls): without attribution (the baseline), then with
// attribution, findings and a layer,category,package breakdown, whose stages
// the report times (AnalyzeReport::timings). Reports the best of N runs of each.
// Usage: attribution_bench IMAGE [RUNS] [elf]   (elf: also the opt-in ELF inspection)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "analysis/analyze.h"

using namespace ballast;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s IMAGE [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 2 ? std::stoi(argv[2]) : 5;
  const bool elf = argc > 3 && std::string(argv[3]) == "elf";
  double best_plain = 1e9, best_capture = 1e9, best_attr = 1e9, best_waste = 1e9, best_tree = 1e9;
  std::size_t files = 0;
  auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  for (int r = 0; r < runs; ++r) {
    analysis::AnalyzeRequest plain;
    plain.image = argv[1];
    plain.attribution = false;
    auto t0 = Clock::now();
    { analysis::AnalyzeReport rep = analysis::analyze(plain); files = rep.image.final_files.size(); }
    auto t1 = Clock::now();
    analysis::AnalyzeRequest full;
    full.image = argv[1];
    full.elf = elf;
    full.breakdown = "layer,category,package";
    analysis::AnalyzeReport rep = analysis::analyze(full);
    best_plain = std::min(best_plain, secs(t0, t1));
    best_capture = std::min(best_capture, rep.timings.read);
    best_attr = std::min(best_attr, rep.timings.attribute);
    best_waste = std::min(best_waste, rep.timings.findings);
    best_tree = std::min(best_tree, rep.timings.breakdown);
    if (rep.breakdown->tree.stored != rep.image.stored_bytes) std::fprintf(stderr, "breakdown total mismatch!\n");
  }
  const double added = (best_capture - best_plain) + best_attr + best_waste;
  std::printf("image %s: %zu final entries, best of %d runs%s\n", argv[1], files, runs, elf ? " (with --elf)" : "");
  std::printf("  analyze, no attribution (baseline) %8.3f s\n", best_plain);
  std::printf("  reading with capture               %8.3f s\n", best_capture);
  std::printf("  attribute()                        %8.3f s\n", best_attr);
  std::printf("  find_waste()                       %8.3f s\n", best_waste);
  std::printf("  breakdown layer,category,package   %8.3f s\n", best_tree);
  std::printf("  attribution adds %.1f%% (capture + attribute + findings), %.1f%% with the breakdown\n",
              100.0 * added / best_plain, 100.0 * (added + best_tree) / best_plain);
  return 0;
}

// Key latency of `ballast explore`'s model on a large synthetic image:
// 100,000 files over 4 layers (100 top directories x 10 x 100 files, then
// rewrites and whiteouts), written with libballast's writer, analyzed once
// as the CLI does, then every action timed on the indexed model. The file
// contents are small: the model's cost is per entry, not per byte.
// Usage: explore_bench [WORK_DIR]   (docs/benchmarks.md#explore)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "explore/explorer.h"
#include "writer/image_writer.h"

using namespace ballast;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double cpu_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Runs `f` `n` times; prints the median and the worst wall-clock time, and
// the worst CPU time of this thread (what a loaded machine does not inflate),
// in milliseconds. Returns the worst wall-clock time.
double time_action(const char* name, int n, const std::function<void()>& f) {
  std::vector<double> t, cpu;
  for (int i = 0; i < n; ++i) {
    const double c0 = cpu_ms();
    const auto t0 = Clock::now();
    f();
    t.push_back(ms_since(t0));
    cpu.push_back(cpu_ms() - c0);
  }
  std::sort(t.begin(), t.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("  %-44s median %8.3f ms   max %8.3f ms   max CPU %8.3f ms   (%d runs)\n", name, t[t.size() / 2], t.back(),
              cpu.back(), n);
  return t.back();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string work = argc > 1 ? argv[1] : "build/explore-bench";
  std::filesystem::create_directories(work);
  const std::string image = work + "/explore-bench.tar";
  std::mt19937 rng(7);
  writer::WriteImage img;
  img.repo_tags = {"bench/explore:1"};
  if (!std::filesystem::exists(image)) {
    writer::WriteLayer base;
    base.created_by = "ADD rootfs.tar /";
    for (int a = 0; a < 100; ++a)
      for (int b = 0; b < 10; ++b)
        for (int c = 0; c < 90; ++c)
          base.entries.push_back(writer::file_entry("d" + std::to_string(a) + "/e" + std::to_string(b) + "/f" + std::to_string(c) +
                                                        (c % 3 ? ".so" : ".txt"),
                                                    std::string(rng() % 1024, 'x')));
    img.layers.push_back(std::move(base));
    writer::WriteLayer more;
    more.created_by = "/bin/sh -c make install";
    for (int a = 0; a < 100; ++a)
      for (int b = 0; b < 10; ++b)
        for (int c = 90; c < 100; ++c)
          more.entries.push_back(writer::file_entry("d" + std::to_string(a) + "/e" + std::to_string(b) + "/f" + std::to_string(c) + ".o",
                                                    std::string(rng() % 1024, 'y')));
    img.layers.push_back(std::move(more));
    writer::WriteLayer rewrite;
    rewrite.created_by = "/bin/sh -c chmod -R g+w /d1";
    for (int c = 0; c < 90; ++c) rewrite.entries.push_back(writer::file_entry("d1/e0/f" + std::to_string(c) + (c % 3 ? ".so" : ".txt"), "z"));
    img.layers.push_back(std::move(rewrite));
    writer::WriteLayer rm;
    rm.created_by = "/bin/sh -c rm -rf /d99";
    rm.entries.push_back(writer::whiteout_entry("d99"));
    img.layers.push_back(std::move(rm));
    writer::write_docker_archive({img}, image);
  }

  analysis::AnalyzeRequest request;
  request.image = image;
  auto t0 = Clock::now();
  analysis::AnalyzeReport report = analysis::analyze(request);
  const double analyze_ms = ms_since(t0);
  std::size_t entries = 0;
  for (const auto& t : report.image.tables) entries += t.entries().size();
  std::printf("image: %zu layer entries, %zu final entries, %llu final bytes\n", entries, report.image.final_files.size(),
              static_cast<unsigned long long>(report.image.final_bytes));
  std::printf("  %-44s %8.1f ms\n", "analyze() (read, merge, attribution)", analyze_ms);
  t0 = Clock::now();
  explore::Explorer m(report);
  std::printf("  %-44s %8.1f ms\n", "Explorer(report): index every tree once", ms_since(t0));
  for (int p = 0; p < explore::kPaneCount; ++p) m.set_page(static_cast<explore::Pane>(p), 40);

  using explore::Action;
  using explore::Pane;
  double worst = 0;
  auto run = [&](const char* name, int n, const std::function<void()>& f) { worst = std::max(worst, time_action(name, n, f)); };
  run("Down (a file row)", 1000, [&] { m.apply(Action::kDown); });
  run("Right then Left on the biggest directory", 200, [&] {
    m.select(Pane::kTree, 1);
    m.apply(Action::kRight);
    m.apply(Action::kLeft);
  });
  run("Expand all (100k rows shown), then collapse", 10, [&] {
    m.select(Pane::kTree, 0);
    m.apply(Action::kExpandAll);
    m.apply(Action::kCollapseAll);
  });
  m.select(Pane::kTree, 0);
  m.apply(Action::kExpandAll);
  run("PageDown in 100k rows", 200, [&] { m.apply(Action::kPageDown); });
  run("End in 100k rows", 50, [&] { m.apply(Action::kEnd); });
  run("Sort size <-> name with 100k rows shown", 20, [&] { m.apply(Action::kSort); });
  m.apply(Action::kCollapseAll);
  run("Filter glob */e3/*.so (100k paths)", 20, [&] { m.set_pattern("*/e3/*.so"); });
  run("Filter substring f42 (100k paths)", 20, [&] { m.set_pattern("f42"); });
  run("Only files >= 1000 bytes", 20, [&] { m.set_min_bytes(1000); });
  run("Clear the filter", 20, [&] { m.apply(Action::kClearFilter); });
  run("Next layer (a 10k-entry tree)", 50, [&] {
    m.select(Pane::kLayers, 2);
    m.select(Pane::kLayers, 0);
  });
  std::printf("worst key: %.3f ms\n", worst);
  return 0;
}

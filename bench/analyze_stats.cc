// Where analyze's time goes, for docs/benchmarks.md: runs analyze_image()
// on one image and prints the phases' counters (layers seeked vs streamed,
// files and bytes read after the fact for duplicate / rewrite hashing).
//   bench_analyze_stats IMAGE [--no-duplicates] [--threads N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "analysis/image_analysis.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s IMAGE [--no-duplicates] [--threads N]\n", argv[0]);
    return 2;
  }
  ballast::analysis::AnalyzeOptions options;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--no-duplicates")) options.hashing.find_duplicates = false;
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) options.threads = std::atoi(argv[++i]);
  }
  try {
    auto start = std::chrono::steady_clock::now();
    ballast::analysis::AnalyzeStats stats;
    auto model = ballast::analysis::analyze_image(ballast::image::parse_image_reference(argv[1]), options, &stats);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::uint64_t entries = 0, memory = 0;
    for (const auto& t : model.tables) {
      entries += t.entries().size();
      memory += t.memory_bytes();
    }
    std::printf("seconds %.3f\nlayers_seeked %llu\nlayers_streamed %llu\nentries %llu\n"
                "table_bytes %llu (%.1f per entry)\nfiles_hashed_after %llu\nbytes_read_after %llu\n"
                "duplicate_sets %zu\n",
                seconds, (unsigned long long)stats.layers_seeked, (unsigned long long)stats.layers_streamed,
                (unsigned long long)entries, (unsigned long long)memory,
                entries ? double(memory) / double(entries) : 0.0,
                (unsigned long long)stats.hashing.files_hashed, (unsigned long long)stats.hashing.bytes_read,
                model.duplicates.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}

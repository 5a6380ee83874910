// Times walk_context alone (no report) for several thread counts, so the
// default (default_walk_threads) can be chosen by measurement.
// Usage: context_walk_bench DIR [--engine 20.10] [--no-rules] [--repeat N] [--scan-only] THREADS...
// Prints per thread count the best wall time, and user/sys CPU of that run.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "context/dir_scan.h"
#include "context/walker.h"

namespace {

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

}  // namespace

int main(int argc, char** argv) {
  using namespace ballast::context;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DIR [--engine 20.10] [--no-rules] [--repeat N] THREADS...\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  Engine engine = Engine::kBuildKit;
  bool rules = true;
  bool scan_only = false;
  int repeat = 3;
  std::vector<unsigned> threads;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--engine" && i + 1 < argc) engine = std::string(argv[++i]) == "20.10" ? Engine::kDocker20 : Engine::kBuildKit;
    else if (a == "--no-rules") rules = false;
    else if (a == "--scan-only") scan_only = true;  // the parallel system calls alone (DirScan)
    else if (a == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else threads.push_back(static_cast<unsigned>(std::atoi(a.c_str())));
  }
  Matcher matcher;
  if (rules) {
    std::ifstream in(dir + "/.dockerignore");
    std::stringstream ss;
    ss << in.rdbuf();
    matcher = Matcher::from_file_content(ss.str(), ".dockerignore", engine == Engine::kDocker20);
  }
  for (unsigned t : threads) {
    double best = 1e9, user = 0, sys = 0;
    std::size_t entries = 0;
    for (int r = 0; r < repeat; ++r) {
      rusage before{}, after{};
      getrusage(RUSAGE_SELF, &before);
      auto t0 = std::chrono::steady_clock::now();
      if (scan_only) {
        int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DirScan scan(fd, t);
        scan.finish();
        entries = scan.entries();
        close(fd);
      } else {
        entries = walk_context(dir, matcher, engine, t).entries.size();
      }
      double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      getrusage(RUSAGE_SELF, &after);
      if (wall < best) {
        best = wall;
        user = seconds(after.ru_utime) - seconds(before.ru_utime);
        sys = seconds(after.ru_stime) - seconds(before.ru_stime);
      }
    }
    std::printf("threads %3u: %.3f s wall (user %.2f s, sys %.2f s), %zu entries\n", t, best, user, sys, entries);
    std::fflush(stdout);
  }
  return 0;
}

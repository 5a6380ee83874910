// Lint stays linear (or n log n) in the size of the Dockerfile (issue 19):
// 10,000 stages each FROM the previous one were cubic, 1,000,000 `RUN true`
// lines quadratic. Not a timed test: the input is doubled and the CPU time of
// the whole lint (this thread, best of three, so other load on the machine
// cannot make it fail) must grow by less than 3x — quadratic would be 4x,
// cubic 8x. docs/benchmarks.md has the absolute figures.
#include <gtest/gtest.h>

#include <time.h>

#include <algorithm>
#include <string>

#include "lint/linter.h"

namespace ballast::lint {
namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double best_lint_seconds(const std::string& text) {
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    double start = thread_cpu_seconds();
    auto findings = lint_text(text, "Dockerfile", LintOptions{});
    best = std::min(best, thread_cpu_seconds() - start);
    EXPECT_FALSE(findings.empty());  // it really linted (DL3006-style findings on every FROM)
  }
  return best;
}

std::string chained_stages(int n) {
  std::string s = "FROM alpine:3.19 AS s0\n";
  for (int i = 1; i < n; ++i) s += "FROM s" + std::to_string(i - 1) + " AS s" + std::to_string(i) + "\n";
  return s;
}

std::string run_lines(int n) {
  std::string s = "FROM alpine:3.19\n";
  for (int i = 0; i < n; ++i) s += "RUN true\n";
  return s;
}

TEST(LintGrowth, ChainedStagesAreLinear) {
  double small = best_lint_seconds(chained_stages(2500));
  double large = best_lint_seconds(chained_stages(5000));
  EXPECT_LT(large, 3 * small + 0.05) << "2,500 stages " << small << " s, 5,000 stages " << large << " s";
}

TEST(LintGrowth, RunLinesAreLinear) {
  double small = best_lint_seconds(run_lines(50'000));
  double large = best_lint_seconds(run_lines(100'000));
  EXPECT_LT(large, 3 * small + 0.05) << "50k RUN " << small << " s, 100k RUN " << large << " s";
}

}  // namespace
}  // namespace ballast::lint

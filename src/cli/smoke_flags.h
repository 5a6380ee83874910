// --smoke, --smoke-seconds and --smoke-timeout, shared by `fix --verify`
// and `slim --verify` (the smoke test of src/engine_run/smoke.h).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace ballast::cli {

struct SmokeArgs {
  std::string command;  // empty: no --smoke (the HEALTHCHECK or CMD modes)
  double seconds = 5;
  double timeout = 300;

  void add_to(CLI::App& sub) {
    sub.add_option("--smoke", command,
                   "With --verify: command run with sh -c in both images; same exit code and stdout expected");
    sub.add_option("--smoke-seconds", seconds,
                   "With --verify, no --smoke and no HEALTHCHECK: seconds the images' CMD must keep running (or exit alike)")
        ->check(CLI::Range(0.0, 3600.0));
    sub.add_option("--smoke-timeout", timeout,
                   "With --verify: seconds the --smoke command may run, or the HEALTHCHECK may take to report healthy, "
                   "in each image (default 300)")
        ->check(CLI::Range(0.1, 86400.0));
  }
};

}  // namespace ballast::cli

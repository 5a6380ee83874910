// The smoke test of two images, the original and its rewrite (`fix
// --verify`'s fixed build, `slim --verify`'s slim output): does the new one
// still behave the same? Three modes:
//  - a command: `sh -c COMMAND` in both; same exit code and stdout;
//  - the HEALTHCHECK: when no command is given and the original has one,
//    both run their CMD until the engine reports both healthy (or one
//    unhealthy, or the timeout passes);
//  - the CMD: otherwise both run their CMD for a few seconds; both still
//    running, or both exited alike (code and stdout).
#pragma once

#include <optional>
#include <string>

#include "engine_run/container_engine.h"

namespace ballast::engine_run {

enum class SmokeMode { kCommand, kCmd, kHealth };

struct SmokeRequest {
  std::optional<std::string> command;  // unset: the HEALTHCHECK, else the CMD
  double seconds = 5;                  // the CMD mode's wait
  double timeout = 300;                // the command's limit / the wait for healthy, in each image
  double poll_seconds = 1;             // the health mode's interval between looks
};

struct SmokeReport {
  SmokeMode mode = SmokeMode::kCommand;
  std::string command;  // kCommand
  double timeout = 0;   // kCommand, kHealth
  double seconds = 0;   // kCmd; kHealth: how long until both were healthy (or it gave up)
  RunOutcome before;
  RunOutcome after;
  bool ran = false;
  bool passed = false;
  std::string reason;  // why it passed or failed, one line
  // How the reason names the two images.
  std::string before_name = "the original";
  std::string after_name = "the new image";
};

// Same exit code and stdout (the command mode); in the CMD mode both still
// running, or both exited with the same code and stdout; in the health mode
// both healthy. Sets passed/reason.
void judge_smoke(SmokeReport& smoke);

// Runs the smoke test in `before` and `after` (image references), fills
// `smoke` (its names are kept) and judges it. Every container it starts is
// removed.
void run_smoke(ContainerEngine& engine, const SmokeRequest& request, const std::string& before,
               const std::string& after, SmokeReport& smoke);

}  // namespace ballast::engine_run

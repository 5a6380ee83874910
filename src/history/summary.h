// The bridge between an analysis and the history: the Run a `--record`
// appends (from the snapshot analyze or check already made), and the other
// way, a recorded Run as the baseline snapshot `check` measures growth
// against. The repository and tag come from the image's own name
// (normalized as the engine does: "docker.io/library/busybox" is
// "busybox:latest"); an image without one is recorded under its source.
#pragma once

#include <cstdint>
#include <string>

#include "analysis/snapshot.h"
#include "history/run.h"

namespace ballast::history {

struct RecordContext {
  std::string command;     // "analyze" or "check"
  std::int64_t time = 0;   // Unix seconds
  std::string git_commit;  // git_head() of the working directory
  std::string result;      // check: "pass" / "fail"
};

Run summarize(const analysis::ImageSnapshot& snapshot, const RecordContext& context);

// "app:1.0" -> {"app", "1.0"}; "reg:5000/x/y@sha256:…" -> {"reg:5000/x/y", ""}.
std::pair<std::string, std::string> split_repository(const std::string& name);

// The repository a snapshot is recorded under (split_repository of its
// name, else its source).
std::string repository_of(const analysis::ImageSnapshot& snapshot);

// Only the totals: what a growth budget compares.
analysis::ImageSnapshot baseline_snapshot(const Run& run);

}  // namespace ballast::history

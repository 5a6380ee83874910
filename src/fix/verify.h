// `fix --verify`: measure the fix instead of promising it. The original and
// the fixed Dockerfile are built by the real engine, each image is measured
// by ballast's own analysis, rebuilt after one source file changed, and run
// (a smoke command, or its own CMD for a few seconds) to show the fixed image
// still behaves the same. The engine sits behind BuildEngine so the decision
// and table logic is tested without one; docker_engine.h is the real one.
// Knows no command line: the caller fills VerifyRequest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine_run/container_engine.h"
#include "engine_run/smoke.h"
#include "fix/fix.h"
#include "model/finding.h"

namespace ballast::fix {

struct BuildSpec {
  std::filesystem::path dockerfile;
  std::filesystem::path context;
  std::string tag;        // empty: untagged (BuildOutcome::image_id names it)
  bool no_cache = false;  // a cold build: every step runs
  std::map<std::string, std::string> build_args;
  std::optional<std::string> target;
};

struct BuildOutcome {
  bool ok = false;
  double seconds = 0;
  std::string image_id;  // "sha256:…" when ok
  std::string log;       // the build's output, for the error
};

// What ballast's analysis measures of an image (analysis::analyze()).
struct ImageFigures {
  std::uint64_t stored_bytes = 0;      // Σ layers' file bytes
  std::uint64_t final_bytes = 0;       // visible in the final filesystem
  std::uint64_t compressed_bytes = 0;  // what a registry stores (gzip estimate for plain tars)
  bool compressed_estimated = false;
  std::uint64_t layers = 0;
  std::vector<model::Finding> findings;  // the waste findings (bytes_saved)
};

// The engine-running pieces are shared with `slim --verify` (src/engine_run/).
using engine_run::RunOutcome;
using engine_run::SmokeMode;
using engine_run::SmokeReport;
using engine_run::judge_smoke;


// The container engine plus builds and ballast's measure of a built image.
class BuildEngine : public virtual engine_run::ContainerEngine {
 public:
  // A failing build is an outcome, not an exception; an engine that cannot
  // be reached is an InputError.
  virtual BuildOutcome build(const BuildSpec& spec) = 0;
  virtual ImageFigures measure(const std::string& image) = 0;
};

struct VerifyRequest {
  std::filesystem::path dockerfile;  // the original's path (its Dockerfile-specific .dockerignore)
  std::filesystem::path context;
  std::string tag_prefix = "ballast-verify";  // tags PREFIX:before, PREFIX:after
  bool keep = false;                          // leave both tags in the engine
  std::optional<std::string> smoke_command;   // unset: the HEALTHCHECK when the original has one, else its CMD for smoke_seconds
  double smoke_seconds = 5;
  double smoke_timeout = 300;  // the smoke command's limit (the wait for healthy) in each image
  std::map<std::string, std::string> build_args;
  std::optional<std::string> target;
};

struct SideReport {
  std::string tag;
  std::string image_id;
  bool built = false;
  ImageFigures figures;
  double cold_seconds = 0;
  std::optional<double> warm_seconds;  // unset: no source file to change, or the warm build failed
};

// One finding of the original image a change addresses, with its bytes.
struct Prediction {
  std::string rule;     // the lint rule the change fixes (BA1010)
  std::string finding;  // the analyze finding (image.rewritten-same-content)
  std::uint64_t bytes = 0;
};

struct VerifyReport {
  SideReport before;
  SideReport after;
  std::string after_build_error;  // the fixed build's last lines when it failed
  std::optional<std::string> changed_file;  // relative to the context, for the warm rebuild
  std::vector<Prediction> predictions;
  std::uint64_t predicted_bytes = 0;  // Σ predictions (each finding once)
  SmokeReport smoke;
  bool recommended = false;
  std::string verdict;  // one line
  bool kept = false;

  // before - after: positive saves.
  std::int64_t stored_saved() const;
  std::int64_t final_saved() const;
  std::int64_t compressed_saved() const;
};

// The analyze findings that show the bytes a fixed rule wastes (BA1010 ->
// image.rewritten-same-content); empty for a rule without one.
std::vector<std::string> findings_for_rule(const std::string& rule);

// The predictions: every finding of `before` that some change's rule maps
// to, each finding once, in the order of the changes.
std::vector<Prediction> predict(const std::vector<Change>& changes, const std::vector<model::Finding>& before);

// Builds, measures, rebuilds, smoke-tests and removes what it built (unless
// keep). Throws InputError when the engine is unreachable or the original
// does not build; a fixed file that does not build is a report with
// recommended = false.
VerifyReport verify(const FixResult& fix, BuildEngine& engine, const VerifyRequest& request);

}  // namespace ballast::fix

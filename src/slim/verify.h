// `slim --verify`: prove the slim image instead of promising it. Both the
// original and the written output are loaded into the container engine
// (docker load; the original only when the engine does not have it yet),
// smoke-tested alike (engine_run/smoke.h: a command, the HEALTHCHECK, or
// the CMD), and the output is re-analyzed with analysis::analyze(): nothing
// reclaimable may be left above the kept base, and the stored bytes saved
// above the base must equal what the input's analysis predicted (its
// reclaimable bytes by reason, plus the opt-in drops). What it loaded is
// removed unless kept. Knows no command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine_run/container_engine.h"
#include "engine_run/smoke.h"
#include "image/image_model.h"
#include "slim/slim.h"

namespace ballast::slim {

struct SlimVerifyRequest {
  std::optional<std::string> smoke_command;  // unset: the HEALTHCHECK when the original has one, else its CMD
  double smoke_seconds = 5;
  double smoke_timeout = 300;
  bool keep = false;  // leave what was loaded in the engine
};

// What analysis::analyze() measures of one side.
struct SlimFigures {
  std::uint64_t stored_bytes = 0;
  std::uint64_t final_bytes = 0;
  std::uint64_t compressed_bytes = 0;  // layers as a registry stores them (gzip estimate for plain tars)
  bool compressed_estimated = false;
  std::uint64_t layers = 0;
  std::uint64_t upper_stored_bytes = 0;  // Σ files_size of the layers above the kept base
  std::uint64_t reclaimable_bytes = 0;   // the whole image
  std::uint64_t upper_reclaimable_bytes = 0;
  std::uint64_t upper_reclaimable_by_reason[image::kShadowReasonCount] = {};  // added above the base
};

struct SlimSide {
  std::string reference;  // what the engine ran ("e2e/app:1", "sha256:…")
  bool loaded = false;    // by this run (false: the engine had it)
  std::vector<std::string> loaded_refs;  // what docker load made, removed unless kept
  SlimFigures figures;
};

struct SlimVerifyReport {
  SlimSide before, after;
  int base_layers = 0;
  // Predicted by the input's analysis (SlimPlan): reclaimable by reason
  // above the base, and the drop rules' bytes above it.
  std::uint64_t predicted_by_reason[image::kShadowReasonCount] = {};
  std::uint64_t predicted_dropped = 0;
  // Of predicted_by_reason: a deleted file's contents a kept hardlink still
  // needs, written after all (SlimPlan::carried_bytes).
  std::uint64_t predicted_carried = 0;
  std::uint64_t predicted_bytes = 0;  // by reason + dropped - carried
  std::int64_t measured_saved = 0;    // before.upper_stored - after.upper_stored
  bool reclaimable_ok = false;  // nothing reclaimable left above the base
  bool saving_ok = false;       // measured_saved == predicted_bytes
  engine_run::SmokeReport smoke;
  bool passed = false;  // smoke passed and both checks hold
  bool broken = false;  // the smoke test failed: the slim image does not behave as the original
  std::string verdict;  // one line
  bool kept = false;

  std::int64_t stored_saved() const;
  std::int64_t final_saved() const;
  std::int64_t compressed_saved() const;
};

// Throws InputError (before anything is written) when the input or the
// output cannot be loaded into the engine (an OCI layout).
void check_verifiable(const SlimRequest& request);

// The figures of an analysis; `base` layers are the kept base.
SlimFigures figures_of(const analysis::AnalyzeReport& report, int base);

// The checks and the verdict from the figures and the smoke test (sets
// measured_saved, reclaimable_ok, saving_ok, passed, broken, verdict).
void judge(SlimVerifyReport& report);

// Loads, smoke-tests, re-analyzes and removes what it loaded. Throws
// InputError when the engine is unreachable or refuses an image.
SlimVerifyReport verify(const SlimRequest& request, const SlimResult& result, engine_run::ContainerEngine& engine,
                        const SlimVerifyRequest& verify);

}  // namespace ballast::slim

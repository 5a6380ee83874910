#include "slim/verify.h"

#include "image/image_reference.h"
#include "image/resolved_image.h"
#include "slim/write_pass_input.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::slim {
namespace {

analysis::AnalyzeRequest measure_request(const analysis::AnalyzeRequest& base, const std::string& image,
                                         const std::string& image_name) {
  analysis::AnalyzeRequest r = base;
  r.image = image;
  r.image_name = image_name;
  r.findings = false;
  // The compressed size: plain tars (docker save) get the cost model's gzip estimate.
  r.cost = cost::CostRates{};
  return r;
}

// `docker load` tags what it loads with the archive's RepoTags, moving a tag
// the engine has on another image (which the cleanup would then remove):
// refused, before anything is loaded.
void check_tags_free(engine_run::ContainerEngine& engine, const std::vector<std::string>& tags,
                     const std::string& image_id, const std::string& archive) {
  for (const auto& tag : tags) {
    const std::string had = engine.image_id(tag);
    if (!had.empty() && had != image_id)
      throw InputError("the engine has " + tag + " as another image (" + had.substr(0, 19) + "): loading " + archive +
                           " would move the tag",
                       "write the slim image with a --tag the engine does not use, or untag that image");
  }
}

// Loads `archive` unless the engine has `image_id` already.
void load_side(engine_run::ContainerEngine& engine, SlimSide& side, const std::string& archive, const std::string& image_id,
               engine_run::ImageCleanup* cleanup) {
  if (!image_id.empty() && engine.has_image(image_id)) {
    side.reference = image_id;
    return;
  }
  engine_run::LoadOutcome load = engine.load(archive);
  side.loaded = true;
  side.reference = load.reference();
  side.loaded_refs = load.tags;
  if (side.loaded_refs.empty()) side.loaded_refs.push_back(load.image_id);
  if (cleanup)
    for (const auto& r : side.loaded_refs) cleanup->add(r);
}

}  // namespace

std::int64_t SlimVerifyReport::stored_saved() const {
  return static_cast<std::int64_t>(before.figures.stored_bytes) - static_cast<std::int64_t>(after.figures.stored_bytes);
}
std::int64_t SlimVerifyReport::final_saved() const {
  return static_cast<std::int64_t>(before.figures.final_bytes) - static_cast<std::int64_t>(after.figures.final_bytes);
}
std::int64_t SlimVerifyReport::compressed_saved() const {
  return static_cast<std::int64_t>(before.figures.compressed_bytes) -
         static_cast<std::int64_t>(after.figures.compressed_bytes);
}

void check_verifiable(const SlimRequest& request) {
  const OutputTarget target = parse_output_target(request.output);
  if (target.kind != OutputTarget::Kind::kDockerArchive)
    throw InputError(std::string("cannot verify the ") + to_string(target.kind) +
                         " output: docker loads docker-archive files only",
                     "write a docker-archive (a bare FILE or docker-archive:FILE)");
  const image::ImageReference ref = image::parse_image_reference(request.analyze.image);
  // An engine image is in the engine already: nothing to load for it.
  if (ref.transport != image::Transport::kDockerArchive && ref.transport != image::Transport::kDockerDaemon)
    throw InputError(std::string("cannot verify against a ") + image::to_string(ref.transport) +
                         " input: docker loads docker-archive files only",
                     "docker save the original, or skopeo copy it to docker-archive:FILE");
}

SlimFigures figures_of(const analysis::AnalyzeReport& report, int base) {
  const image::ImageModel& m = report.image;
  SlimFigures f;
  f.stored_bytes = m.stored_bytes;
  f.final_bytes = m.final_bytes;
  f.layers = m.layers.size();
  f.reclaimable_bytes = m.reclaimable_bytes;
  for (std::size_t l = static_cast<std::size_t>(base); l < m.layers.size(); ++l) f.upper_stored_bytes += m.layers[l].files_size;
  for (const auto& item : m.reclaimable) {
    if (item.added_layer < base) continue;
    f.upper_reclaimable_bytes += item.size;
    f.upper_reclaimable_by_reason[static_cast<int>(item.reason)] += item.size;
  }
  if (report.cost) {
    f.compressed_bytes = report.cost->compressed_bytes;
    f.compressed_estimated = report.cost->estimated || report.cost->uncompressed;
  }
  return f;
}

void judge(SlimVerifyReport& r) {
  r.measured_saved = static_cast<std::int64_t>(r.before.figures.upper_stored_bytes) -
                     static_cast<std::int64_t>(r.after.figures.upper_stored_bytes);
  r.reclaimable_ok = r.after.figures.upper_reclaimable_bytes == 0;
  r.saving_ok = r.measured_saved == static_cast<std::int64_t>(r.predicted_bytes);
  r.broken = r.smoke.ran && !r.smoke.passed;
  r.passed = r.smoke.passed && r.reclaimable_ok && r.saving_ok;
  if (r.broken) {
    r.verdict = "slim image broken: the smoke test failed (" + r.smoke.reason + ")";
  } else if (!r.reclaimable_ok) {
    r.verdict = "slim image not proven: re-analysis finds " + std::to_string(r.after.figures.upper_reclaimable_bytes) +
                " reclaimable bytes above the base";
  } else if (!r.saving_ok) {
    r.verdict = "slim image not proven: saved " + std::to_string(r.measured_saved) + " bytes above the base, predicted " +
                std::to_string(r.predicted_bytes);
  } else {
    r.verdict = "slim image verified: it passes the smoke test, and saves what the analysis predicted";
  }
}

SlimVerifyReport verify(const SlimRequest& request, const SlimResult& result, engine_run::ContainerEngine& engine,
                        const SlimVerifyRequest& v) {
  check_verifiable(request);
  engine.check_reachable();
  SlimVerifyReport report;
  report.kept = v.keep;
  report.base_layers = result.base_layers;
  for (int i = 0; i < image::kShadowReasonCount; ++i) {
    report.predicted_by_reason[i] = result.plan.reclaimable_by_reason[i];
    report.predicted_bytes += report.predicted_by_reason[i];
  }
  report.predicted_dropped = result.plan.dropped_bytes;
  report.predicted_bytes += report.predicted_dropped;
  report.predicted_carried = result.plan.carried_bytes;
  report.predicted_bytes -= report.predicted_carried;

  // The figures, by ballast's own analysis of both files.
  // Read as slim's analysis read it (an engine image: its save stream).
  const analysis::AnalyzeReport before = analysis::analyze(measure_request(
      analysis_pass_request(image::parse_image_reference(request.analyze.image), request.analyze),
      request.analyze.image, request.analyze.image_name));
  report.before.figures = figures_of(before, result.base_layers);
  const analysis::AnalyzeReport after =
      analysis::analyze(measure_request(request.analyze, "docker-archive:" + result.target.path, ""));
  report.after.figures = figures_of(after, result.base_layers);

  const image::ImageReference ref = image::parse_image_reference(request.analyze.image);
  const std::string before_id = "sha256:" + sha256_hex(before.image.config.json);
  image::ResolveOptions ro;
  ro.image_name = request.analyze.image_name;
  ro.platform = request.analyze.platform;
  if (!engine.has_image(before_id)) {
    if (ref.transport == image::Transport::kDockerDaemon)
      throw InputError(request.analyze.image + ": the engine no longer has the image slim read (" + before_id + ")");
    check_tags_free(engine, image::resolve_image(ref, ro).archive_tags, before_id, ref.path);
  }
  if (!engine.has_image(result.image_id) && !result.repo_tag.empty())
    check_tags_free(engine, {result.repo_tag}, result.image_id, result.target.path);
  engine_run::ImageCleanup cleanup(engine);
  engine_run::ImageCleanup* c = v.keep ? nullptr : &cleanup;
  load_side(engine, report.before, ref.path, before_id, c);
  load_side(engine, report.after, result.target.path, result.image_id, c);

  engine_run::SmokeRequest smoke;
  smoke.command = v.smoke_command;
  smoke.seconds = v.smoke_seconds;
  smoke.timeout = v.smoke_timeout;
  report.smoke.after_name = "the slim image";
  engine_run::run_smoke(engine, smoke, report.before.reference, report.after.reference, report.smoke);
  judge(report);
  return report;
}

}  // namespace ballast::slim

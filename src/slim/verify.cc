#include "slim/verify.h"

#include "image/image_reference.h"
#include "image/resolved_image.h"
#include "slim/image_output.h"
#include "slim/loadable_image.h"
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

// How a side gets into the engine: a docker-archive file by its path (docker
// load -i), anything else resolved and streamed into docker load's stdin.
struct SideSource {
  std::string reference;  // what the user named ("oci:out", "docker://…"), for errors
  image::ImageReference ref;
  image::ResolveOptions options;
  std::string repo_tag;  // a streamed side's tag in the engine ("" : loaded by ID)
};

engine_run::LoadOutcome load_into(engine_run::ContainerEngine& engine, const SideSource& s) {
  if (s.ref.transport == image::Transport::kDockerArchive) return engine.load(s.ref.path);
  const image::ResolvedImage resolved = image::resolve_image(s.ref, s.options);
  OutputImage image = loadable_image(resolved);
  image.repo_tag = s.repo_tag;
  try {
    return engine.load_stream(s.reference,
                              [&](int fd) { write_docker_archive_to(fd, image, "docker load's input"); });
  } catch (const InputError& e) {
    // Docker before 23 reads no zstd layer and says only "unexpected EOF".
    for (const auto& l : image.layers)
      if (l.media_type.find("zstd") != std::string::npos)
        throw InputError(e.what(), "its layers are zstd-compressed, which docker load reads from Docker 23 on: "
                                   "verify a --compression gzip output with this engine");
    throw;
  }
}

// Loads the side unless the engine has `image_id` already.
void load_side(engine_run::ContainerEngine& engine, SlimSide& side, const SideSource& source, const std::string& image_id,
               engine_run::ImageCleanup* cleanup) {
  if (!image_id.empty() && engine.has_image(image_id)) {
    side.reference = image_id;
    return;
  }
  engine_run::LoadOutcome load = load_into(engine, source);
  side.loaded = true;
  side.reference = load.reference();
  side.loaded_refs = load.tags;
  if (side.loaded_refs.empty()) side.loaded_refs.push_back(load.image_id);
  if (cleanup)
    for (const auto& r : side.loaded_refs) cleanup->add(r);
}

// The reference the analysis reads OUT by.
std::string output_reference(const OutputTarget& t) {
  switch (t.kind) {
    case OutputTarget::Kind::kDockerArchive: return "docker-archive:" + t.path;
    case OutputTarget::Kind::kOciDir: return "oci:" + t.path;
    case OutputTarget::Kind::kOciArchive: return "oci-archive:" + t.path;
  }
  return t.path;
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
  parse_output_target(request.output);
  const image::ImageReference ref = image::parse_image_reference(request.analyze.image);
  // slim itself refuses standard input (it reads the input twice).
  if (ref.transport == image::Transport::kStdin)
    throw InputError("cannot verify against an image read from standard input", "save it to a file first");
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
  const std::string out_ref = output_reference(result.target);
  const analysis::AnalyzeReport after = analysis::analyze(measure_request(request.analyze, out_ref, ""));
  report.after.figures = figures_of(after, result.base_layers);

  SideSource in{request.analyze.image, image::parse_image_reference(request.analyze.image),
                analysis::resolve_options(request.analyze), ""};
  // An OCI output is streamed with its --tag when that is a NAME:TAG docker
  // can tag (an OCI ref name such as "1.0" is not): else loaded by ID.
  const bool out_is_file = result.target.kind == OutputTarget::Kind::kDockerArchive;
  SideSource out{out_ref, image::parse_image_reference(out_ref), {}, ""};
  if (!out_is_file && result.repo_tag.find(':') != std::string::npos) out.repo_tag = result.repo_tag;
  const std::string before_id = "sha256:" + sha256_hex(before.image.config.json);
  if (!engine.has_image(before_id)) {
    if (in.ref.transport == image::Transport::kDockerDaemon)
      throw InputError(request.analyze.image + ": the engine no longer has the image slim read (" + before_id + ")");
    // Only a docker-archive's own RepoTags are applied by docker load; a
    // streamed original is loaded by ID.
    if (in.ref.transport == image::Transport::kDockerArchive)
      check_tags_free(engine, image::resolve_image(in.ref, in.options).archive_tags, before_id, in.ref.path);
  }
  const std::string out_tag = out_is_file ? result.repo_tag : out.repo_tag;
  if (!engine.has_image(result.image_id) && !out_tag.empty())
    check_tags_free(engine, {out_tag}, result.image_id, result.target.path);
  engine_run::ImageCleanup cleanup(engine);
  engine_run::ImageCleanup* c = v.keep ? nullptr : &cleanup;
  load_side(engine, report.before, in, before_id, c);
  load_side(engine, report.after, out, result.image_id, c);

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

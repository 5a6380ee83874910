#include "slim/slim.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "attribution/attribution.h"
#include "image/image_reference.h"
#include "image/resolved_image.h"
#include "slim/blob_sink.h"
#include "slim/config_rewrite.h"
#include "slim/image_output.h"
#include "slim/layer_squasher.h"
#include "slim/write_pass_input.h"
#include "util/error.h"
#include "util/human_bytes.h"
#include "util/parallel_for.h"
#include "util/sha256.h"

namespace ballast::slim {
namespace {

constexpr const char* kReasonNames[image::kShadowReasonCount] = {"deleted", "opaque", "overwritten",
                                                                  "rewritten-same-content"};

std::string history_line(const SlimPlan& p, std::size_t layers) {
  std::string s = "ballast slim: layers " + std::to_string(p.base_layers + 1) + "-" + std::to_string(layers) +
                  (p.keep_layers ? " rewritten one by one, " : " squashed into one, ") +
                  std::to_string(p.removed_bytes()) + " bytes removed";
  std::string parts;
  for (int r = 0; r < image::kShadowReasonCount; ++r)
    if (p.reclaimable_by_reason[r])
      parts += (parts.empty() ? "" : ", ") + std::string(kReasonNames[r]) + " " + std::to_string(p.reclaimable_by_reason[r]);
  for (const auto& [rule, bytes] : p.dropped_by_rule)
    parts += (parts.empty() ? "" : ", ") + std::string("dropped ") + rule + " " + std::to_string(bytes);
  if (!parts.empty()) s += " (" + parts + ")";
  return s;
}

}  // namespace

SlimResult slim(const SlimRequest& request) {
  SlimResult result;
  result.target = parse_output_target(request.output);
  const image::ImageReference ref = image::parse_image_reference(request.analyze.image);
  analysis::AnalyzeRequest ar = analysis_pass_request(ref, request.analyze);
  // Refuses an existing OUT before reading anything.
  Staging staging(result.target, request.force);

  ar.use_toc = false;  // the second pass reads layers in full: the tables must come from full reads
  ar.findings = false;
  ar.attribution = true;
  const analysis::AnalyzeReport report = analysis::analyze(ar);
  const image::ImageModel& m = report.image;
  const WritePassInput pass = open_write_pass_input(ref, ar, m);
  const image::ResolvedImage& input = pass.image;
  if (input.layers.size() != m.layers.size()) throw std::runtime_error("layer count changed since the analysis");
  result.input_layers = m.layers.size();

  int base = request.squash_all ? 0 : report.attribution.base_layers;
  if (base < 0) base = 0;
  if (base > static_cast<int>(m.layers.size())) base = static_cast<int>(m.layers.size());
  result.base_layers = base;
  result.plan = plan_slim(report, base, request.drop, request.keep_layers);
  const SlimPlan& plan = result.plan;

  // Room for the worst case: the copied base blobs, the new layer (twice
  // for archives: its temporary file and its copy inside), 1 MiB of slack.
  std::uint64_t base_bytes = 0;
  for (int l = 0; l < base; ++l) base_bytes += input.layers[static_cast<std::size_t>(l)].source->size();
  for (const auto& l : input.layers) result.input_blob_bytes += l.source->size();
  const std::uint64_t layer_bound = plan.tar_upper_bound + plan.tar_upper_bound / 100 + (1 << 20);
  const bool archive = result.target.kind != OutputTarget::Kind::kOciDir;
  check_free_space(staging.target_dir(), base_bytes + layer_bound * (archive ? 2 : 1) + (1 << 20));

  // The new layers: one squashed, or (--keep-layers) one per layer above
  // the base, written by a few threads at once, each to its own file.
  const std::size_t count = request.keep_layers ? plan.layers.size() : 1;
  result.new_layers.resize(count);
  std::vector<std::string> files(count);
  for (std::size_t i = 0; i < count; ++i) files[i] = staging.layer_file(i);
  SquashOptions so;
  so.mtime = request.mtime;
  auto write_layer = [&](std::size_t i) {
    int fd = ::open(files[i].c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw InputError("cannot create " + files[i] + ": " + std::strerror(errno));
    try {
      // One squashed layer: compressing and hashing on a second thread
      // overlaps reading the input (--keep-layers has its layers for that).
      // The sink lives in the try block: joined before the fd is closed.
      BlobSink sink(fd, files[i], request.compression, request.level, /*background=*/count == 1);
      if (request.keep_layers) write_kept_layer(input, m, plan, base + static_cast<int>(i), sink, so);
      else write_squashed_layer(input, m, plan, sink, so);
      sink.finish();
      result.new_layers[i] = {sink.digest(), sink.diff_id(), sink.tar_size()};
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0) throw InputError("cannot write " + files[i] + ": " + std::strerror(errno));
  };
  // Layers that share one stream (the engine's) are read one after another.
  parallel_for(count, pass.one_reader ? 1 : request.threads, write_layer);

  OutputImage out;
  std::vector<std::string> diff_ids;
  for (int l = 0; l < base; ++l) {
    const image::LayerBlob& b = input.layers[static_cast<std::size_t>(l)];
    OutputBlob ob;
    ob.source = b.source;
    ob.size = b.source->size();
    ob.digest = b.digest.empty() ? b.diff_id : b.digest;
    // What the analysis sniffed: the engine's stream is not read again for it.
    ob.media_type = layer_media_type(m.layers[static_cast<std::size_t>(l)].compression);
    out.layers.push_back(ob);
    diff_ids.push_back(m.config.diff_ids.at(static_cast<std::size_t>(l)));
  }
  for (std::size_t i = 0; i < count; ++i) {
    OutputBlob nl;
    nl.source = image::open_file(files[i]);
    nl.size = nl.source->size();
    nl.digest = result.new_layers[i].digest;
    nl.media_type = layer_media_type(*nl.source);
    out.layers.push_back(nl);
    diff_ids.push_back(result.new_layers[i].diff_id);
  }
  for (const auto& l : out.layers) result.output_blob_bytes += l.size;

  ConfigEdit edit;
  edit.base_layers = base;
  edit.keep_layers = request.keep_layers;
  edit.diff_ids = diff_ids;
  edit.created_by = result.history_line = history_line(plan, m.layers.size());
  edit.comment = "ballast slim";
  out.config_json = rewrite_config(m.config.json, edit);
  result.image_id = "sha256:" + sha256_hex(out.config_json);
  out.repo_tag = !request.tag.empty() ? request.tag
                 : result.target.kind == OutputTarget::Kind::kDockerArchive ? result.target.tag
                                                                            : std::string();
  out.ref_name = !request.tag.empty() ? request.tag : std::string();
  result.repo_tag = out.repo_tag;
  write_output(result.target, out, staging);
  staging.commit();

  if (!plan.dropped_os_packages.empty()) {
    std::string names;
    std::size_t shown = 0;
    for (const auto& p : plan.dropped_os_packages) {
      if (shown++ == 5) {  // path and name lists end the same way everywhere
        names += " \u2026 and " + std::to_string(plan.dropped_os_packages.size() - 5) + " more";
        break;
      }
      names += (names.empty() ? "" : ", ") + p;
    }
    result.notes.push_back("files of " + std::to_string(plan.dropped_os_packages.size()) +
                           " installed OS packages were dropped (" + names +
                           "); their package database still lists them, so a reinstall or verify will see them missing");
  }
  if (plan.hidden_base_files)
    result.notes.push_back(std::to_string(plan.hidden_base_files) + " dropped files (" +
                           human_bytes(plan.hidden_base_bytes) +
                           ") are stored in the kept base layers: hidden by whiteouts, not removed (--squash-all removes them)");
  if (plan.reclaimable_in_base)
    result.notes.push_back(human_bytes(plan.reclaimable_in_base) +
                           " stored in the base layers is shadowed above them and stays stored (--squash-all removes it)");
  return result;
}

}  // namespace ballast::slim

#include "analysis/image_analysis.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <exception>
#include <thread>

#include <unistd.h>

#include "cache/layer_cache.h"
#include "image/engine/daemon_image.h"
#include "image/estargz_toc.h"
#include "image/gzip_estimate.h"
#include "image/layer_reader.h"
#include "analysis/layer_verification.h"
#include "analysis/merged_fs.h"
#include "analysis/read_progress.h"
#include "image/platform.h"
#include "image/resolved_image.h"
#include "image/stream_archive.h"
#include "util/parallel_for.h"
#include "util/error.h"

namespace ballast::analysis {

using image::ByteSourcePtr;
using image::Compression;
using image::HistoryEntry;
using image::HistoryRow;
using image::ImageModel;
using image::ImageReference;
using image::kTocDigestAnnotation;
using image::kUncompressedSizeAnnotation;
using image::LayerBlob;
using image::LayerReadOptions;
using image::LayerReadResult;
using image::LayerSummary;
using image::parse_platform;
using image::read_estargz_layer;
using image::read_layer;
using image::ReadMethod;
using image::resolve_image;
using image::ResolvedImage;
using image::ResolveOptions;
using image::sniff_compression;
using image::TocIndex;
using image::TocReadOptions;
namespace {

// An eStargz layer whose TOC digest is stated and matches is read from its
// TOC; otherwise (or when the TOC is unusable, with a warning) in full.
std::optional<LayerReadResult> read_from_toc(const LayerBlob& blob, const AnalyzeOptions& options,
                                             std::string* warning) {
  if (!options.use_toc || options.verify == VerifyMode::kAll) return std::nullopt;
  auto digest = blob.annotations.find(kTocDigestAnnotation);
  if (digest == blob.annotations.end()) return std::nullopt;
  TocReadOptions to;
  to.toc_digest = digest->second;
  to.capture = options.capture;
  if (auto size = blob.annotations.find(kUncompressedSizeAnnotation); size != blob.annotations.end()) {
    const std::string& v = size->second;
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec == std::errc() && end == v.data() + v.size() && !v.empty()) to.uncompressed_size = n;
  }
  std::string why;
  auto result = read_estargz_layer(blob.source, to, &why);
  if (!result) *warning = "table of contents not used (" + why + "); layer read in full";
  return result;
}

std::string_view verify_name(VerifyMode mode) {
  switch (mode) {
    case VerifyMode::kCompressed: return "compressed";
    case VerifyMode::kAll: return "all";
    case VerifyMode::kNone: return "none";
  }
  return "?";
}

// The cache key of layer `blob`, or nullopt when this read must not use the
// cache: --verify asks for every byte to be checked again; a layer read from
// its TOC keeps a TocIndex the entry does not hold (and a TOC fallback's
// warning would be lost); a capture without a name may answer differently.
std::optional<cache::LayerKey> cache_key(const LayerBlob& blob, const AnalyzeOptions& options) {
  if (!options.cache || !options.cache->enabled() || options.verify == VerifyMode::kAll) return std::nullopt;
  if (options.capture && options.capture_profile.empty()) return std::nullopt;
  if (blob.diff_id.empty() || blob.digest.empty()) return std::nullopt;
  if (options.use_toc && blob.annotations.contains(kTocDigestAnnotation)) return std::nullopt;
  cache::LayerKey key;
  key.digest = blob.digest;
  key.diff_id = blob.diff_id;
  key.stored_size = blob.source->size();
  key.seekable = blob.source->seekable();
  key.verify = verify_name(options.verify);
  key.capture = options.capture ? options.capture_profile : "";
  return key;
}

// Reads all layers, at most `threads` at a time; the first error (in layer
// order) is rethrown once all workers have stopped. warnings[i] is set when
// layer i's table of contents could not be used.
std::vector<LayerReadResult> read_layers(const ResolvedImage& image, const AnalyzeOptions& options,
                                         std::vector<std::string>& warnings, std::uint64_t* cached) {
  const std::size_t n = image.layers.size();
  warnings.assign(n, {});
  std::vector<LayerReadResult> results(n);
  std::atomic<std::uint64_t> hits{0};
  std::uint64_t bytes_total = 0;
  for (const LayerBlob& blob : image.layers) bytes_total += blob.source->size();
  ProgressMeter meter(options.on_progress, n, bytes_total);
  image::MetadataBudget budget(options.max_metadata_bytes);
  parallel_for(n, options.threads, [&](std::size_t i) {
      std::shared_ptr<CountedSource> counted;
      // The meter counts a layer done whether it was read or failed.
      struct Done {
        const AnalyzeOptions& options;
        ProgressMeter& meter;
        std::shared_ptr<CountedSource>& counted;
        ~Done() {
          if (options.on_progress) meter.layer_done(counted ? counted->unread() : 0);
        }
      } done{options, meter, counted};
      {
        LayerBlob blob = image.layers[i];
        if (options.on_progress) {
          counted = std::make_shared<CountedSource>(blob.source, &meter);
          blob.source = counted;
        }
        std::optional<cache::LayerKey> key = cache_key(blob, options);
        std::optional<LayerReadResult> hit;
        if (key) hit = options.cache->lookup(*key);
        if (hit) {
          // Never read: its bytes count as done when the layer is (unread()).
          // A hit holds what a read would have: the same budget, the same error.
          const image::LayerTable& t = hit->table;
          budget.charge(t.entries().size() * sizeof(image::TarEntry) + t.arena().size(), blob.source->name());
          results[i] = std::move(*hit);
          ++hits;
        } else {
          LayerReadOptions lo;
          VerifyPlan plan = plan_verification(options.verify, blob);
          if (plan.digest) lo.expected_digest = blob.digest;
          if (plan.diff_id) lo.expected_diff_id = blob.diff_id;
          // Same-content rewrites need hashes even without duplicate search.
          lo.hash_contents = true;
          lo.capture = options.capture;
          lo.pipeline = options.pipeline_layers;
          lo.metadata = &budget;
          lo.max_tar_bytes = options.max_layer_tar_bytes;
          if (auto toc = read_from_toc(blob, options, &warnings[i]))
            results[i] = std::move(*toc);
          else
            results[i] = read_layer(blob.source, lo);
          // Stored as read, before the content hasher adds hashes of its own:
          // a hit must give what a fresh read gives.
          if (key && results[i].method != ReadMethod::kToc) options.cache->store(*key, results[i]);
        }
        // Not cached: the estimate is asked for per run (--cost), and costs a
        // deflate pass only when asked.
        if (options.estimate_compressed && results[i].compression == image::Compression::kNone &&
            blob.source->seekable())
          results[i].estimated_gzip_size = image::estimate_gzip_size(*blob.source);
      }
  });
  if (options.cache) options.cache->trim();
  *cached = hits;
  return results;
}

void map_history(ImageModel& m) {
  int layer = 0;
  const int layers = static_cast<int>(m.layers.size());
  for (const HistoryEntry& h : m.config.history) {
    HistoryRow row{h, -1};
    if (!h.empty_layer && layer < layers) {
      row.layer = layer;
      m.layers[layer].history_index = static_cast<int>(m.history.size());
      ++layer;
    }
    m.history.push_back(std::move(row));
  }
  if (!m.config.history.empty() && layer != layers)
    m.warnings.push_back("config history describes " + std::to_string(layer) + " layers, image has " +
                         std::to_string(layers));
}

// Layers read from a stream (stdin, the engine): one pass, in arrival order.
image::StreamedImage read_streamed(const ImageReference& ref, const ResolveOptions& ro,
                                   const AnalyzeOptions& options) {
  image::StreamReadOptions so;
  so.resolve = ro;
  so.layer.hash_contents = true;
  so.layer.capture = options.capture;
  so.layer.max_tar_bytes = options.max_layer_tar_bytes;
  image::MetadataBudget budget(options.max_metadata_bytes);  // outlives the synchronous read below
  so.layer.metadata = &budget;
  so.verify = options.verify != VerifyMode::kNone;
  so.verify_diff_ids = options.verify == VerifyMode::kAll;
  // A stream has no byte total to show: the layers it has delivered.
  auto meter = std::make_shared<ProgressMeter>(options.on_progress, 0, 0);
  if (options.on_progress)
    so.on_layer_done = [meter](std::size_t done, std::size_t total) { meter->set_layers_done(done, total); };
  so.threads = options.threads;
  so.engine_layers = options.engine_layers;
  if (options.verify == VerifyMode::kAll && so.engine_layers == image::EngineLayers::kAuto)
    so.engine_layers = image::EngineLayers::kStream;
  if (ref.transport == image::Transport::kDockerDaemon)
    return image::engine::read_daemon_image(ref.engine_ref, ref.implicit, so);
  if (::isatty(STDIN_FILENO))
    throw InputError("-: standard input is a terminal, not an image archive (pipe one in: docker save IMAGE | ...)");
  return image::read_image_stream(STDIN_FILENO, "-", so);
}

ImageModel build_model(const ResolvedImage& image, std::vector<LayerReadResult>& read,
                       const std::vector<std::string>& toc_warnings, const AnalyzeOptions& options,
                       AnalyzeStats* stats, std::uint64_t cached);

// A multi-platform index is matched while resolving; a single image is what
// it is, and when a platform was asked for, another one is an error.
void require_platform(const ResolvedImage& image, const AnalyzeOptions& options) {
  if (!options.platform_required) return;
  const image::Platform have{image.config.os, image.config.architecture, image.config.variant};
  if (have.os.empty() && have.architecture.empty()) return;  // a config that does not say
  if (!image::platform_matches(parse_platform(options.platform), have))
    throw InputError(image.description + ": no image for platform " + options.platform +
                     " (present: " + image::to_string(have) + ")");
}

}  // namespace

ImageModel analyze_image(const ImageReference& ref, const AnalyzeOptions& options,
                         AnalyzeStats* stats) {
  parse_platform(options.platform);  // reject a malformed --platform even for single-platform images
  ResolveOptions ro;
  ro.image_name = options.image_name;
  ro.platform = options.platform;
  ro.registry = options.registry;
  if (image::is_streamed(ref.transport)) {
    image::StreamedImage streamed = read_streamed(ref, ro, options);
    require_platform(streamed.image, options);
    if (options.on_layers_read) options.on_layers_read();
    return build_model(streamed.image, streamed.layers,
                       std::vector<std::string>(streamed.layers.size()), options, stats, 0);
  }
  ResolvedImage image = resolve_image(ref, ro);
  require_platform(image, options);
  std::vector<std::string> toc_warnings;
  std::uint64_t cached = 0;
  std::vector<LayerReadResult> read = read_layers(image, options, toc_warnings, &cached);
  if (options.on_layers_read) options.on_layers_read();
  return build_model(image, read, toc_warnings, options, stats, cached);
}

namespace {

ImageModel build_model(const ResolvedImage& image, std::vector<LayerReadResult>& read,
                       const std::vector<std::string>& toc_warnings, const AnalyzeOptions& options,
                       AnalyzeStats* stats, std::uint64_t cached) {
  ImageModel m;
  m.description = image.description;
  m.name = image.name;
  m.config = image.config;
  m.warnings = image.warnings;
  std::vector<ByteSourcePtr> sources;
  std::vector<std::shared_ptr<const TocIndex>> tocs;
  AnalyzeStats local;
  for (std::size_t i = 0; i < read.size(); ++i) {
    LayerSummary s;
    s.index = static_cast<int>(i);
    s.digest = image.layers[i].digest;
    s.diff_id = image.layers[i].diff_id;
    s.media_type = image.layers[i].media_type;
    s.compression = read[i].compression;
    s.stored_size = image.layers[i].source->size();
    s.tar_size = read[i].tar_size;
    s.estimated_gzip_size = read[i].estimated_gzip_size;
    s.not_verified = verification_gap(options.verify, image.layers[i], &read[i]);
    s.verified = read[i].verified;
    s.diff_id_verified = read[i].diff_id_verified;
    s.seeked = read[i].seeked;
    s.read_via = read[i].method;
    s.member = image.layers[i].member;
    (s.read_via == ReadMethod::kToc         ? local.layers_toc
     : s.read_via == ReadMethod::kDirectory ? local.layers_directory
     : s.seeked                     ? local.layers_seeked
                                    : local.layers_streamed)++;
    if (!toc_warnings[i].empty())
      m.warnings.push_back("layer " + std::to_string(i) + ": " + toc_warnings[i]);
    m.layers.push_back(std::move(s));
    m.tables.push_back(std::move(read[i].table));
    m.captured.push_back(std::move(read[i].captured));
    sources.push_back(image.layers[i].source);
    tocs.push_back(std::move(read[i].toc));
  }
  local.layers_cached = cached;
  local.layers_read = read.size() - cached;
  map_history(m);
  merge_layers(m);
  local.hashing = hash_candidates(m, sources, options.hashing, tocs);

  std::sort(m.reclaimable.begin(), m.reclaimable.end(), [](const auto& a, const auto& b) {
    return a.size != b.size ? a.size > b.size : a.path < b.path;
  });
  for (const auto& item : m.reclaimable) {
    m.reclaimable_bytes += item.size;
    m.reclaimable_by_reason[static_cast<int>(item.reason)] += item.size;
  }
  if (stats) *stats = local;
  return m;
}

}  // namespace
}  // namespace ballast::analysis

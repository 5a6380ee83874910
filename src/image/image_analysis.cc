#include "image/image_analysis.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "image/layer_reader.h"
#include "image/merged_fs.h"
#include "image/platform.h"
#include "image/resolved_image.h"
#include "util/error.h"

namespace ballast::image {
namespace {

bool should_verify(VerifyMode mode, const LayerBlob& blob) {
  if (mode == VerifyMode::kNone || blob.digest.empty()) return false;
  Compression c = sniff_compression(*blob.source);
  // docker-archive states the diff ID, the digest of the *uncompressed* tar:
  // it can only be checked against stored bytes that are uncompressed.
  if (blob.digest == blob.diff_id && c != Compression::kNone) return false;
  return mode == VerifyMode::kAll || c != Compression::kNone;
}

// Reads all layers, at most `threads` at a time; the first error (in layer
// order) is rethrown once all workers have stopped.
std::vector<LayerReadResult> read_layers(const ResolvedImage& image, const AnalyzeOptions& options) {
  const std::size_t n = image.layers.size();
  std::vector<LayerReadResult> results(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        const LayerBlob& blob = image.layers[i];
        LayerReadOptions lo;
        if (should_verify(options.verify, blob)) lo.expected_digest = blob.digest;
        // Same-content rewrites need hashes even without duplicate search.
        lo.hash_contents = true;
        lo.capture = options.capture;
        results[i] = read_layer(blob.source, lo);
      } catch (...) {
        errors[i] = std::current_exception();
      }
      std::size_t finished = ++done;
      if (options.on_layer_done) options.on_layer_done(finished, n);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
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

}  // namespace

ImageModel analyze_image(const ImageReference& ref, const AnalyzeOptions& options,
                         AnalyzeStats* stats) {
  parse_platform(options.platform);  // reject a malformed --platform even for single-platform images
  ResolveOptions ro;
  ro.image_name = options.image_name;
  ro.platform = options.platform;
  ResolvedImage image = resolve_image(ref, ro);

  std::vector<LayerReadResult> read = read_layers(image, options);

  ImageModel m;
  m.description = image.description;
  m.name = image.name;
  m.config = image.config;
  std::vector<ByteSourcePtr> sources;
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
    s.verified = read[i].verified;
    s.seeked = read[i].seeked;
    (s.seeked ? local.layers_seeked : local.layers_streamed)++;
    m.layers.push_back(std::move(s));
    m.tables.push_back(std::move(read[i].table));
    m.captured.push_back(std::move(read[i].captured));
    sources.push_back(image.layers[i].source);
  }
  map_history(m);
  merge_layers(m);
  local.hashing = hash_candidates(m, sources, options.hashing);

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

}  // namespace ballast::image

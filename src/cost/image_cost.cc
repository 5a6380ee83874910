#include "cost/image_cost.h"

#include <cmath>

namespace ballast::cost {
namespace {

double gb(double bytes) { return bytes / kBytesPerGb; }
double seconds(const CostRates& r, double bytes) { return bytes * 8 / (r.bandwidth_mbps * 1e6); }

}  // namespace

ImageCost image_cost(const image::ImageModel& model, int base_layers, const CostRates& rates) {
  ImageCost c;
  c.rates = rates;
  c.base_layers = base_layers;
  for (const image::LayerSummary& l : model.layers) {
    LayerCost lc;
    if (l.compression != image::Compression::kNone) {
      lc.compressed_bytes = l.stored_size;
    } else if (l.estimated_gzip_size) {
      lc.compressed_bytes = l.estimated_gzip_size;
      lc.source = SizeSource::kEstimated;
      c.estimated = true;
    } else {
      lc.compressed_bytes = l.stored_size ? l.stored_size : l.tar_size;
      lc.source = SizeSource::kUncompressed;
      c.uncompressed = true;
    }
    lc.pulled = !rates.base_shared || l.index >= base_layers;
    c.compressed_bytes += lc.compressed_bytes;
    c.tar_bytes += l.tar_size;
    if (lc.pulled) c.pull_bytes += lc.compressed_bytes;
    c.layers.push_back(lc);
  }
  c.storage_per_month = gb(static_cast<double>(c.compressed_bytes)) * rates.storage_per_gb_month;
  c.per_pull = gb(static_cast<double>(c.pull_bytes)) * rates.egress_per_gb;
  c.egress_per_month = c.per_pull * rates.pulls_per_day * kDaysPerMonth;
  c.per_month = c.storage_per_month + c.egress_per_month;
  c.seconds_per_pull = seconds(rates, static_cast<double>(c.pull_bytes));
  c.seconds_cold_pull = seconds(rates, static_cast<double>(c.compressed_bytes));
  return c;
}

Saving saving(const ImageCost& cost, std::uint64_t file_bytes) {
  // Findings count file bytes; registries hold them compressed. The image's
  // own ratio (compressed / tar bytes, all layers) converts one to the other.
  double ratio = cost.tar_bytes ? static_cast<double>(cost.compressed_bytes) / static_cast<double>(cost.tar_bytes) : 1.0;
  if (ratio > 1) ratio = 1;
  Saving s = delta(cost.rates, static_cast<std::int64_t>(std::llround(static_cast<double>(file_bytes) * ratio)));
  return s;
}

Saving delta(const CostRates& rates, std::int64_t compressed_delta) {
  Saving s;
  double bytes = static_cast<double>(compressed_delta);
  s.compressed_bytes = compressed_delta < 0 ? 0 : static_cast<std::uint64_t>(compressed_delta);
  s.per_month = gb(bytes) * (rates.storage_per_gb_month + rates.egress_per_gb * rates.pulls_per_day * kDaysPerMonth);
  s.seconds_per_pull = seconds(rates, bytes);
  return s;
}

}  // namespace ballast::cost

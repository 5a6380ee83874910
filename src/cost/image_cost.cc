#include "cost/image_cost.h"

#include <cmath>
#include <set>

namespace ballast::cost {
namespace {

double gb(double bytes) { return bytes / kBytesPerGb; }
double seconds(const CostRates& r, double bytes) { return bytes * 8 / (r.bandwidth_mbps * 1e6); }

}  // namespace

LayerCost layer_cost(const image::LayerSummary& l) {
  LayerCost lc;
  lc.diff_id = l.diff_id;
  lc.tar_bytes = l.tar_size;
  if (l.compression != image::Compression::kNone) {
    lc.compressed_bytes = l.stored_size;
  } else if (l.estimated_gzip_size) {
    lc.compressed_bytes = l.estimated_gzip_size;
    lc.source = SizeSource::kEstimated;
  } else {
    lc.compressed_bytes = l.stored_size ? l.stored_size : l.tar_size;
    lc.source = SizeSource::kUncompressed;
  }
  return lc;
}

ImageCost price(std::vector<LayerCost> layers, int base_layers, const CostRates& rates) {
  ImageCost c;
  c.rates = rates;
  c.base_layers = base_layers;
  c.layers = std::move(layers);
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    LayerCost& lc = c.layers[i];
    lc.pulled = !rates.base_shared || static_cast<int>(i) >= base_layers;
    c.estimated |= lc.source == SizeSource::kEstimated;
    c.uncompressed |= lc.source == SizeSource::kUncompressed;
    c.compressed_bytes += lc.compressed_bytes;
    c.tar_bytes += lc.tar_bytes;
    if (lc.pulled) c.pull_bytes += lc.compressed_bytes;
  }
  c.storage_per_month = gb(static_cast<double>(c.compressed_bytes)) * rates.storage_per_gb_month;
  c.per_pull = gb(static_cast<double>(c.pull_bytes)) * rates.egress_per_gb;
  c.egress_per_month = c.per_pull * rates.pulls_per_day * kDaysPerMonth;
  c.per_month = c.storage_per_month + c.egress_per_month;
  c.seconds_per_pull = seconds(rates, static_cast<double>(c.pull_bytes));
  c.seconds_cold_pull = seconds(rates, static_cast<double>(c.compressed_bytes));
  return c;
}

ImageCost image_cost(const image::ImageModel& model, int base_layers, const CostRates& rates) {
  std::vector<LayerCost> layers;
  for (const image::LayerSummary& l : model.layers) layers.push_back(layer_cost(l));
  return price(std::move(layers), base_layers, rates);
}

CostChange compare(ImageCost a, ImageCost b) {
  CostChange c;
  std::set<std::string> held;
  for (const LayerCost& l : a.layers) held.insert(l.diff_id);
  for (const LayerCost& l : b.layers) {
    if (!l.diff_id.empty() && held.count(l.diff_id)) continue;
    c.update_pull_bytes += l.compressed_bytes;
    ++c.update_layers;
  }
  const double bytes = static_cast<double>(c.update_pull_bytes);
  c.update_per_pull = gb(bytes) * b.rates.egress_per_gb;
  c.seconds_update_pull = seconds(b.rates, bytes);
  c.a = std::move(a);
  c.b = std::move(b);
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

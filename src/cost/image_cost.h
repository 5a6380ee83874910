// The cost of an image at given rates (rates.h): what storing it costs a
// month, what pulling it costs in money and seconds, and what a number of
// saved bytes is worth. Registries store and hosts pull compressed layers,
// so the bytes priced are the compressed ones: a layer's stored blob size
// when it is compressed, ISA-L's gzip estimate (image/gzip_estimate.h) when
// it is a plain tar (docker save), and the tar size itself -- flagged --
// when neither is known.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cost/rates.h"
#include "image/image_model.h"

namespace ballast::cost {

inline constexpr double kDaysPerMonth = 30;
inline constexpr double kBytesPerGb = 1e9;  // providers bill decimal GB (docs/cost.md)

enum class SizeSource { kStored, kEstimated, kUncompressed };

struct LayerCost {
  std::string diff_id;  // the layer's identity across sources (a docker-save tar and its registry push share it)
  std::uint64_t compressed_bytes = 0;
  std::uint64_t tar_bytes = 0;
  SizeSource source = SizeSource::kStored;
  bool pulled = true;  // fetched by a pull (above the base when it is shared)
};

struct ImageCost {
  CostRates rates;
  int base_layers = 0;
  std::vector<LayerCost> layers;
  std::uint64_t compressed_bytes = 0;  // all layers: what the registry stores
  std::uint64_t pull_bytes = 0;        // what one pull fetches
  std::uint64_t tar_bytes = 0;         // all layers uncompressed
  bool estimated = false;              // some layer is an ISA-L estimate
  bool uncompressed = false;           // some layer counted at its tar size
  double storage_per_month = 0;
  double egress_per_month = 0;
  double per_month = 0;         // storage + egress
  double per_pull = 0;          // egress of one pull
  double seconds_per_pull = 0;  // pull_bytes at the bandwidth
  double seconds_cold_pull = 0; // every layer at the bandwidth
};

// A layer's compressed size and where it comes from: the stored blob when
// compressed, the ISA-L estimate of a plain tar, else the tar size (flagged).
LayerCost layer_cost(const image::LayerSummary& layer);

// The one pricing function: `layers` (their `pulled` is recomputed from
// `base_layers` and rates.base_shared) at `rates`.
ImageCost price(std::vector<LayerCost> layers, int base_layers, const CostRates& rates);

// `base_layers`: the analysis's base layer count (attribution).
ImageCost image_cost(const image::ImageModel& model, int base_layers, const CostRates& rates);

// What B costs against A (diff), both priced by price() at the same rates,
// and the update: a host that holds A fetches only B's layers A lacks (by
// diffID), whatever the base setting -- the pull a deploy of B waits for.
struct CostChange {
  ImageCost a, b;
  std::uint64_t update_pull_bytes = 0;
  int update_layers = 0;  // B's layers A lacks
  double update_per_pull = 0;
  double seconds_update_pull = 0;
  bool estimated() const { return a.estimated || b.estimated; }
  bool uncompressed() const { return a.uncompressed || b.uncompressed; }
  double per_month_delta() const { return b.per_month - a.per_month; }
  double per_pull_delta() const { return b.per_pull - a.per_pull; }
  double seconds_per_pull_delta() const { return b.seconds_per_pull - a.seconds_per_pull; }
};
CostChange compare(ImageCost a, ImageCost b);

// What removing `file_bytes` (uncompressed file bytes, as findings count
// them) saves: scaled to compressed bytes by the image's own ratio
// (compressed / tar bytes, all layers), priced as stored and as pulled
// (findings' bytes sit above the base, in what every pull fetches).
struct Saving {
  std::uint64_t compressed_bytes = 0;
  double per_month = 0;
  double seconds_per_pull = 0;
};
Saving saving(const ImageCost& cost, std::uint64_t file_bytes);

// Money and seconds for a change of `compressed_delta` bytes (diff, check):
// negative saves.
Saving delta(const CostRates& rates, std::int64_t compressed_delta);

}  // namespace ballast::cost

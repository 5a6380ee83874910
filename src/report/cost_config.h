// The `cost:` section of .ballast.yaml (docs/cost.md#configuration):
//   cost:
//     enabled: true              # analyze prices every image (as --cost does)
//     storage_per_gb_month: 0.10
//     egress_per_gb: 0.09
//     pulls_per_day: 10
//     bandwidth_mbps: 100
//     base_shared: true
//     currency: USD
// Keys left out keep cost/rates.h's defaults; --cost-rates overrides keys.
#pragma once

#include "cost/rates.h"

namespace ballast::config {
class ConfigFile;
}

namespace ballast::report {

struct CostConfig {
  bool enabled = false;
  cost::CostRates rates;
};

// Throws InputError "file:line: ..." for a value that is not a number >= 0.
CostConfig cost_config(const config::ConfigFile& file);

}  // namespace ballast::report

// --cost and --cost-rates, shared by analyze, diff and check, and their
// resolution: --cost-rates keys over the `cost:` section of .ballast.yaml
// over cost/rates.h's defaults; either flag or `cost.enabled` turns pricing
// on (docs/cost.md).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "config/config_file.h"
#include "cost/rates.h"
#include "report/cost_config.h"

namespace ballast::cli {

struct CostArgs {
  bool cost = false;
  std::string rates;

  void add_to(CLI::App& sub, const std::string& what) {
    sub.add_flag("--cost", cost, what + " (compressed bytes at the rates of docs/cost.md)");
    sub.add_option("--cost-rates", rates,
                   "Rates for --cost (implies it): storage=USD/GB-month,egress=USD/GB,pulls=N/day,bandwidth=Mbit/s,"
                   "base=shared|cold,currency=CODE");
  }

  // nullopt: no pricing asked for. InputError on a bad rate (exit 2).
  std::optional<cost::CostRates> resolve(const config::ConfigFile& file, bool required = false) const {
    const report::CostConfig config = report::cost_config(file);
    if (cost || !rates.empty() || config.enabled || required) return cost::parse_rates(rates, config.rates);
    return std::nullopt;
  }
};

}  // namespace ballast::cli

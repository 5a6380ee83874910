// What a byte of an image costs: the four rates `--cost` and the `cost:`
// section of .ballast.yaml set (docs/cost.md). The defaults are stated
// assumptions, each with the public price list it comes from; they are list
// prices "as of" that page's 2024 edition, not quotes -- set your own.
#pragma once

#include <string>

namespace ballast::cost {

struct CostRates {
  // Amazon ECR, private repository storage: $0.10 per GB-month
  // (aws.amazon.com/ecr/pricing, as of 2024). Google Artifact Registry
  // lists the same $0.10 (cloud.google.com/artifact-registry/pricing).
  double storage_per_gb_month = 0.10;
  // Amazon ECR data transfer out to the internet, first 10 TB a month:
  // $0.09 per GB (aws.amazon.com/ecr/pricing, "Data transfer", as of 2024).
  // Pulls inside one region are free there: set 0 for that case.
  double egress_per_gb = 0.09;
  // An assumption, no price list: a small service's deploys, autoscaling
  // and CI pulls together.
  double pulls_per_day = 10;
  // An assumption: the sustained download rate a host reaches from the
  // registry, in Mbit/s (10^6 bits per second).
  double bandwidth_mbps = 100;
  // Hosts that pull the image already hold its base layers (another image
  // on the same base was pulled there): a pull fetches only the layers above
  // the base. false: every pull is cold.
  bool base_shared = true;
  std::string currency = "USD";
};

// Parses "storage=0.1,egress=0.09,pulls=10,bandwidth=100,base=shared|cold,
// currency=EUR" (any subset, on top of `base`); throws InputError naming
// the bad part.
CostRates parse_rates(const std::string& spec, CostRates base = {});

}  // namespace ballast::cost

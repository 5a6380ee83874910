// The cost lines and JSON of analyze --cost, on the hand-computed image of
// tests/unit/cost (1 GB base + 0.5 GB top layer, gzip, default rates).
#include <gtest/gtest.h>

#include "cost/image_cost.h"
#include "report/cost_report.h"

namespace ballast::report {
namespace {

cost::ImageCost example() {
  image::ImageModel m;
  for (auto [i, stored, tar] : {std::tuple{0, 1'000'000'000ull, 2'500'000'000ull},
                                std::tuple{1, 500'000'000ull, 1'500'000'000ull}}) {
    image::LayerSummary l;
    l.index = i;
    l.compression = image::Compression::kGzip;
    l.stored_size = stored;
    l.tar_size = tar;
    m.layers.push_back(l);
  }
  return cost::image_cost(m, 1, cost::CostRates{});
}

TEST(CostReport, Text) {
  std::string text = render_cost_text(example(), false);
  // storage 1.5 GB * $0.10 = $0.15; egress 0.5 GB * $0.09 * 10 * 30 = $13.50; 40 s per pull, 120 s cold.
  EXPECT_NE(text.find("Cost       $13.65/month: storage $0.150 (1.50 GB compressed) + egress $13.50 (10 pulls/day)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("Per pull   $0.045, 40.0 s at 100 Mbit/s (500 MB: 1 of 2 layers, the base's 1 already on the host; "
                      "cold pull 2 min 0 s)"),
            std::string::npos) << text;
  EXPECT_EQ(text.find("estimated"), std::string::npos);
}

TEST(CostReport, FindingsAndJson) {
  attribution::WasteReport waste;
  model::Finding f;
  f.id = "image.caches";
  f.bytes_saved = 400'000'000;
  waste.findings.push_back(f);
  model::Finding none;
  none.id = "BA3001";  // saves no bytes: no row
  waste.findings.push_back(none);
  cost::ImageCost c = example();
  std::string rows = render_finding_costs_text(c, waste, 10, false);
  EXPECT_NE(rows.find("image.caches"), std::string::npos);
  EXPECT_NE(rows.find("$4.0"), std::string::npos) << rows;  // 0.15 GB * (0.10 + 27) = $4.065
  EXPECT_NE(rows.find("12.0 s"), std::string::npos) << rows;
  EXPECT_EQ(rows.find("BA3001"), std::string::npos);
  nlohmann::json j = cost_to_json(c, &waste);
  EXPECT_EQ(j["compressed_bytes"], 1'500'000'000u);
  EXPECT_EQ(j["pull_bytes"], 500'000'000u);
  EXPECT_EQ(j["layers"][0]["pulled"], false);
  EXPECT_EQ(j["layers"][1]["size_source"], "stored");
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["compressed_bytes"], 150'000'000u);
  EXPECT_EQ(format_money(2.5, "EUR"), "2.50 EUR");
  EXPECT_EQ(format_money(-0.5, "USD"), "-$0.500");
}

}  // namespace
}  // namespace ballast::report

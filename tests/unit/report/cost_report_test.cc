// The cost lines and JSON of analyze --cost, on the hand-computed image of
// tests/unit/cost (1 GB base + 0.5 GB top layer, gzip, default rates).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

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

// diff --cost on the hand-computed example against itself plus a 0.3 GB
// layer (above the base). B: storage 1.8 GB * $0.10 = $0.18, a pull
// 0.8 GB: $0.072, * 10 * 30 = $21.60 egress; $21.78/month; 6.4e9 bit / 1e8 = 64 s
// ("1 min 4 s").
// Change: +$8.13/month, +$0.027 and +24 s a pull; the update pulls 0.3 GB:
// 24 s, $0.027.
cost::CostChange change_example() {
  cost::ImageCost a = example();
  std::vector<cost::LayerCost> layers = a.layers;
  for (std::size_t i = 0; i < layers.size(); ++i) layers[i].diff_id = "sha256:" + std::to_string(i);
  cost::ImageCost a2 = cost::price(layers, 1, a.rates);
  cost::LayerCost extra;
  extra.diff_id = "sha256:new";
  extra.compressed_bytes = 300'000'000;
  layers.push_back(extra);
  return cost::compare(a2, cost::price(layers, 1, a.rates));
}

TEST(CostReport, DiffTextAndMarkdown) {
  const cost::CostChange c = change_example();
  const std::string text = render_cost_change_text(c, false);
  EXPECT_NE(text.find("cost         $13.65/month -> $21.78/month: +$8.13/month (storage + egress at 10 pulls/day)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("per pull     40.0 s -> 1 min 4 s: +24.0 s, +$0.027 at 100 Mbit/s (500 MB -> 800 MB)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("update pull  24.0 s, $0.027 (300 MB: 1 of B's 3 layers a host holding A lacks)"),
            std::string::npos) << text;
  EXPECT_EQ(render_cost_change_markdown(c), "≈ $8.13/month more, +24.0 s per pull (an update from A pulls 24.0 s)\n");
  const cost::CostChange back = cost::compare(c.b, c.a);  // B -> A saves
  EXPECT_EQ(render_cost_change_markdown(back), "≈ $8.13/month less, -24.0 s per pull (an update from A pulls 0.0 s)\n");
}

// Every field docs/json-schema.md lists for kind diff's `cost` object is in
// the real output, and every field of the output is listed.
TEST(CostReport, DiffJsonMatchesTheSchemaDoc) {
  const nlohmann::json j = cost_change_to_json(change_example());
  EXPECT_NEAR(j["change"]["per_month"].get<double>(), 8.13, 1e-9);
  EXPECT_EQ(j["update"]["pull_bytes"], 300'000'000u);
  EXPECT_NEAR(j["update"]["seconds_per_pull"].get<double>(), 24, 1e-9);
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/docs/json-schema.md");
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = doc.str();
  const std::size_t diff = text.find("## kind `diff`");
  ASSERT_NE(diff, std::string::npos);
  const std::size_t row = text.find("| `cost` | object |", diff);
  ASSERT_NE(row, std::string::npos);
  const std::string line = text.substr(row, text.find('\n', row) - row);
  auto listed = [&](const std::string& key) { return line.find("`" + key + "`") != std::string::npos; };
  for (const auto& [key, value] : j.items()) {
    EXPECT_TRUE(listed(key)) << key;
    if (value.is_object()) {
      for (const auto& [inner, v] : value.items()) {
        EXPECT_TRUE(listed(inner)) << key << "." << inner;
      }
    }
  }
  // And the types the doc gives: integers are integers.
  EXPECT_TRUE(j["a"]["compressed_bytes"].is_number_integer());
  EXPECT_TRUE(j["update"]["layers"].is_number_integer());
  EXPECT_TRUE(j["rates"]["base_shared"].is_boolean());
}

}  // namespace
}  // namespace ballast::report

// `ballast diff --cost` on images the test writes. A: two gzip layers; B: A
// plus one layer. Rates chosen so the arithmetic is the byte counts: storage
// $1e9 per GB-month = $1 per compressed byte a month, egress 0, bandwidth
// 0.008 Mbit/s = 1000 B/s, --base-layers 0 (a pull fetches every layer).
//   A costs CA dollars a month (CA = Σ A's blob sizes in its OCI manifest),
//   B CB; the change is CB - CA; the update a host holding A pulls is B's
//   new layer only: CB - CA bytes, (CB - CA) / 1000 s.
// A docker-save tar of B is priced on its ISA-L estimate (flagged estimated).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

writer::WriteImage image_a() {
  writer::WriteImage img;
  img.layers.push_back({{writer::file_entry("bin/sh", std::string(10, 's')),
                         writer::file_entry("srv/model.bin", std::string(1000, 'a'))},
                        "ADD rootfs /"});
  img.layers.push_back({{writer::file_entry("srv/app.py", std::string(500, 'p'))}, "COPY app /srv/"});
  for (auto& l : img.layers) l.compression = image::Compression::kGzip;  // stored sizes are the compressed ones
  return img;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::uint64_t manifest_layer_bytes(const std::string& layout) {
  const nlohmann::json index = read_json(layout + "/index.json");
  std::string digest = index["manifests"][0]["digest"];
  const nlohmann::json manifest = read_json(layout + "/blobs/sha256/" + digest.substr(7));
  std::uint64_t sum = 0;
  for (const auto& l : manifest["layers"]) sum += l["size"].get<std::uint64_t>();
  return sum;
}

constexpr const char* kRates = " --base-layers 0 --cost-rates storage=1e9,egress=0,bandwidth=0.008";

TEST(DiffCostCli, BothSidesAndTheUpdatePull) {
  TempDir dir;
  const std::string a = dir / "a", b = dir / "b";
  writer::write_oci_layout({image_a()}, a);
  writer::WriteImage grown = image_a();
  grown.layers.push_back({{writer::file_entry("srv/extra.txt", std::string(1000, 'x'))}, "COPY extra /srv/"});
  grown.layers.back().compression = image::Compression::kGzip;
  writer::write_oci_layout({grown}, b);
  const double ca = static_cast<double>(manifest_layer_bytes(a)), cb = static_cast<double>(manifest_layer_bytes(b));
  ASSERT_GT(cb, ca);
  const std::string cd = "cd " + dir.path() + " && " + BALLAST_BINARY + " diff --no-config oci:" + a + " oci:" + b;
  CommandResult r = run_command(cd + " --format json" + kRates + " 2>&1");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& cost = doc["cost"];
  EXPECT_NEAR(cost["a"]["per_month"].get<double>(), ca, 1e-6);
  EXPECT_NEAR(cost["b"]["per_month"].get<double>(), cb, 1e-6);
  EXPECT_NEAR(cost["change"]["per_month"].get<double>(), cb - ca, 1e-6);
  EXPECT_NEAR(cost["change"]["seconds_per_pull"].get<double>(), (cb - ca) / 1000, 1e-9);
  EXPECT_EQ(cost["update"]["layers"], 1);
  EXPECT_NEAR(cost["update"]["pull_bytes"].get<double>(), cb - ca, 0.5);
  EXPECT_NEAR(cost["update"]["seconds_per_pull"].get<double>(), (cb - ca) / 1000, 1e-9);
  EXPECT_FALSE(cost["estimated"].get<bool>());

  CommandResult md = run_command(cd + " --format markdown" + kRates + " 2>&1");
  ASSERT_EQ(md.code, 0) << md.out;
  EXPECT_NE(md.out.find("/month more, +"), std::string::npos) << md.out;
  CommandResult text = run_command(cd + kRates + " 2>&1");
  EXPECT_NE(text.out.find("update pull  "), std::string::npos) << text.out;
  CommandResult plain = run_command(cd + " 2>&1");
  EXPECT_EQ(plain.out.find("update pull"), std::string::npos) << plain.out;  // only with --cost

  // B saved by docker save: plain tars, priced on ISA-L's estimate, flagged.
  for (auto& l : grown.layers) l.compression = image::Compression::kNone;
  writer::write_docker_archive({grown}, dir / "b.tar");
  CommandResult est = run_command(cd.substr(0, cd.rfind(' ')) + " docker-archive:" + (dir / "b.tar") + kRates + " 2>&1");
  ASSERT_EQ(est.code, 0) << est.out;
  EXPECT_NE(est.out.find("compressed sizes estimated with ISA-L gzip"), std::string::npos) << est.out;

  // A bad rate is one line, exit 2.
  CommandResult bad = run_command(cd + " --cost-rates bandwidth=0 2>&1");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("bandwidth must be above 0"), std::string::npos) << bad.out;
}

// Uncompressed bytes of every layer blob in an OCI layout's manifest (gzip -dc).
std::uint64_t manifest_tar_bytes(const std::string& layout) {
  const nlohmann::json index = read_json(layout + "/index.json");
  std::string digest = index["manifests"][0]["digest"];
  const nlohmann::json manifest = read_json(layout + "/blobs/sha256/" + digest.substr(7));
  std::uint64_t sum = 0;
  for (const auto& l : manifest["layers"]) {
    const std::string blob = layout + "/blobs/sha256/" + l["digest"].get<std::string>().substr(7);
    sum += std::stoull(run_command("gzip -dc '" + blob + "' | wc -c").out);
  }
  return sum;
}

// The findings of a diff are priced: a new one on B (what fixing it would
// save), a fixed one on A. With $1 per compressed byte, a finding of N file
// bytes is worth N × (the side's compressed / uncompressed bytes) dollars.
TEST(DiffCostCli, FindingsArePricedOnTheirSide) {
  TempDir dir;
  const std::string a = dir / "a", b = dir / "b";
  writer::write_oci_layout({image_a()}, a);
  writer::WriteImage grown = image_a();
  grown.layers.push_back({{writer::file_entry("root/.cache/pip/wheels/ab/torch.whl", std::string(4000, 'w'))},
                          "RUN pip install torch"});
  grown.layers.back().compression = image::Compression::kGzip;
  writer::write_oci_layout({grown}, b);
  const double ratio = static_cast<double>(manifest_layer_bytes(b)) / static_cast<double>(manifest_tar_bytes(b));
  const std::string bin = std::string(BALLAST_BINARY) + " diff --no-config ";
  for (bool reverse : {false, true}) {
    SCOPED_TRACE(reverse ? "B -> A: fixed" : "A -> B: new");
    const std::string sides = reverse ? "oci:" + b + " oci:" + a : "oci:" + a + " oci:" + b;
    CommandResult r = run_command("cd " + dir.path() + " && " + bin + sides + " --format json" + kRates + " 2>&1");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto doc = nlohmann::json::parse(r.out);
    const auto& listed = doc["findings"][reverse ? "fixed" : "new"];
    const auto& priced = doc["cost"]["findings"][reverse ? "fixed" : "new"];
    ASSERT_FALSE(listed.empty()) << r.out;  // the pip cache
    EXPECT_TRUE(doc["cost"]["findings"][reverse ? "new" : "fixed"].empty());
    std::size_t with_bytes = 0;
    for (const auto& f : listed) with_bytes += f["bytes_saved"].get<std::uint64_t>() > 0;
    ASSERT_EQ(priced.size(), with_bytes);
    ASSERT_GT(with_bytes, 0u);
    for (const auto& p : priced) {
      const double bytes = p["bytes_saved"].get<double>();
      EXPECT_NEAR(p["per_month"].get<double>(), std::llround(bytes * ratio), 1e-6) << p;
      EXPECT_NEAR(p["seconds_per_pull"].get<double>(), std::llround(bytes * ratio) / 1000.0, 1e-9) << p;
    }
    CommandResult text = run_command("cd " + dir.path() + " && " + bin + sides + kRates + " 2>&1");
    EXPECT_NE(text.out.find("/month and "), std::string::npos) << text.out;
    CommandResult plain = run_command("cd " + dir.path() + " && " + bin + sides + " 2>&1");
    EXPECT_EQ(plain.out.find("/month and "), std::string::npos) << plain.out;  // only with --cost
  }
}

}  // namespace
}  // namespace ballast::testing

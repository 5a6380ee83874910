// `ballast check` on images the test writes, every expected number worked
// out by hand from what the test put in them:
//   A: layer 0 bin/sh (10 B) + srv/model.bin (1000 B);
//      layer 1 srv/model.bin again (2000 B) + srv/app.py (500 B).
//   stored 3510, final 2510, reclaimable 1000 (28.49 % of stored), 2 layers;
//   .ballast.yaml puts srv/model.bin in ml-models: 3000 B stored.
//   dive: paths bin/sh (10), srv/model.bin (x2: 3000, min 1000), srv/app.py
//   (500): efficiency 1510/3510 = 0.4302, wasted 3000, userSize 2500 (layer
//   1), userWastedPercent 1.2.
//   B: A plus layer 2 srv/extra.txt (1000 B): +1000 B stored, +28.49 %.
//   compressed: the blob sizes the OCI manifest lists.
#include <gtest/gtest.h>

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
  img.layers.push_back({{writer::file_entry("srv/model.bin", std::string(2000, 'b')),
                         writer::file_entry("srv/app.py", std::string(500, 'p'))},
                        "/bin/sh -c train"});
  return img;
}

void put(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Σ layer sizes from the OCI manifest the writer made.
std::uint64_t manifest_layer_bytes(const std::string& layout) {
  const nlohmann::json index = read_json(layout + "/index.json");
  std::string digest = index["manifests"][0]["digest"];
  const nlohmann::json manifest = read_json(layout + "/blobs/sha256/" + digest.substr(7));
  std::uint64_t sum = 0;
  for (const auto& l : manifest["layers"]) sum += l["size"].get<std::uint64_t>();
  return sum;
}

struct Fixture {
  TempDir dir;
  std::string a = dir / "a";
  std::string b = dir / "b";
  Fixture() {
    writer::write_oci_layout({image_a()}, a);
    writer::WriteImage grown = image_a();
    grown.layers.push_back({{writer::file_entry("srv/extra.txt", std::string(1000, 'x'))}, "COPY extra /srv/"});
    writer::write_oci_layout({grown}, b);
    put(dir / ".ballast.yaml", "analyze:\n  categories:\n    - category: ml-models\n      path: srv/model.bin\n");
  }
  CommandResult check(const std::string& args) const {
    return run_command("cd " + dir.path() + " && " + BALLAST_BINARY + " check " + args + " 2>&1");
  }
};

const nlohmann::json& rule(const nlohmann::json& doc, const std::string& name) {
  for (const auto& r : doc["rules"])
    if (r["rule"] == name) return r;
  static const nlohmann::json none;
  ADD_FAILURE() << "no rule " << name << " in " << doc.dump();
  return none;
}

TEST(CheckCli, BudgetsFromFlags) {
  Fixture f;
  const std::uint64_t compressed = manifest_layer_bytes(f.a);
  CommandResult r = f.check("oci:" + f.a + " --format json --max-stored 3510 --max-final 2509 --max-layers 2 "
                            "--max-reclaimable 1kB --max-reclaimable-percent 28 --max-compressed " +
                            std::to_string(compressed));
  ASSERT_EQ(r.code, 1) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["kind"], "check");
  EXPECT_EQ(doc["result"], "fail");
  EXPECT_EQ(rule(doc, "max_stored")["status"], "PASS");
  EXPECT_EQ(rule(doc, "max_stored")["value"], 3510);
  EXPECT_EQ(rule(doc, "max_final")["status"], "FAIL");
  EXPECT_EQ(rule(doc, "max_final")["value"], 2510);
  EXPECT_EQ(rule(doc, "max_layers")["status"], "PASS");
  EXPECT_EQ(rule(doc, "max_reclaimable")["status"], "PASS");
  EXPECT_EQ(rule(doc, "max_reclaimable")["threshold"], 1000);
  EXPECT_EQ(rule(doc, "max_reclaimable_percent")["status"], "FAIL");
  EXPECT_NEAR(rule(doc, "max_reclaimable_percent")["value"].get<double>(), 100.0 * 1000 / 3510, 1e-9);
  EXPECT_EQ(rule(doc, "max_compressed")["status"], "PASS");
  EXPECT_EQ(rule(doc, "max_compressed")["value"], compressed);
  EXPECT_EQ(doc["summary"]["failed"], 2);

  CommandResult ok = f.check("oci:" + f.a + " --max-stored 3510 --max-final 2510");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("PASS  max_stored"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("Result: PASS [Total:2] [Passed:2] [Failed:0] [Skipped:0]"), std::string::npos) << ok.out;
}

TEST(CheckCli, CategoryBudgetFromConfig) {
  Fixture f;
  put(f.dir / ".ballast.yaml",
      "analyze:\n  categories:\n    - category: ml-models\n      path: srv/model.bin\n"
      "check:\n  max_category:\n    ml-models: 2999\n  max_package: {torch: 1GB}\n");
  CommandResult r = f.check("oci:" + f.a + " --format json");
  ASSERT_EQ(r.code, 1) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(rule(doc, "max_category.ml-models")["value"], 3000);
  EXPECT_EQ(rule(doc, "max_category.ml-models")["status"], "FAIL");
  EXPECT_EQ(rule(doc, "max_package.torch")["status"], "PASS");
  EXPECT_EQ(rule(doc, "max_package.torch")["note"], "not installed");

  put(f.dir / ".ballast.yaml", "check:\n  max_stored: 3510\n  max_final: huge\n");
  CommandResult bad = f.check("oci:" + f.a);
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find(".ballast.yaml:3: check.max_final must be a size like 200MB or 1.5GiB, not 'huge'"),
            std::string::npos)
      << bad.out;
  put(f.dir / ".ballast.yaml", "check:\n  max_stord: 3510\n");
  CommandResult typo = f.check("oci:" + f.a);
  EXPECT_EQ(typo.code, 2) << typo.out;
  EXPECT_NE(typo.out.find("did you mean 'max_stored'?"), std::string::npos) << typo.out;
}

// Cost budgets at rates that make the arithmetic the byte count: $1e9 per
// GB-month = $1 per compressed byte a month, egress 0, 0.008 Mbit/s =
// 1000 B/s, --base-layers 0 (a pull fetches every layer): A costs C dollars
// a month and pulls in C / 1000 s, C = Σ its manifest's (gzip) blob sizes.
TEST(CheckCli, CostBudgetsFromConfig) {
  Fixture f;
  writer::WriteImage gz = image_a();
  for (auto& l : gz.layers) l.compression = image::Compression::kGzip;
  f.a = f.dir / "gz";
  writer::write_oci_layout({gz}, f.a);
  const double c = static_cast<double>(manifest_layer_bytes(f.a));
  auto config = [&](double money, double seconds) {
    put(f.dir / ".ballast.yaml", "cost:\n  storage_per_gb_month: 1e9\n  egress_per_gb: 0\n  bandwidth_mbps: 0.008\n"
                                 "check:\n  max_monthly_cost: " + std::to_string(money) +
                                     "\n  max_pull_seconds: " + std::to_string(seconds) + "\n");
  };
  config(c + 0.5, c / 1000 + 0.001);  // just above (floating point: 1e9 / 1e9 need not be exactly 1)
  CommandResult ok = f.check("oci:" + f.a + " --base-layers 0 --format json");
  ASSERT_EQ(ok.code, 0) << ok.out;
  auto doc = nlohmann::json::parse(ok.out);
  EXPECT_NEAR(rule(doc, "max_monthly_cost")["value"].get<double>(), c, 1e-6);
  EXPECT_EQ(rule(doc, "max_monthly_cost")["unit"], "money");
  EXPECT_NEAR(rule(doc, "max_pull_seconds")["value"].get<double>(), c / 1000, 1e-9);
  EXPECT_NEAR(doc["cost"]["per_month"].get<double>(), c, 1e-6);
  config(c - 1, c / 1000 - 0.01);  // positive control: the same image over lower budgets
  CommandResult over = f.check("oci:" + f.a + " --base-layers 0");
  EXPECT_EQ(over.code, 1) << over.out;
  EXPECT_NE(over.out.find("FAIL  max_monthly_cost"), std::string::npos) << over.out;
  EXPECT_NE(over.out.find("FAIL  max_pull_seconds"), std::string::npos) << over.out;
  EXPECT_NE(over.out.find("Cost       $"), std::string::npos) << over.out;  // the image's monthly cost

  put(f.dir / ".ballast.yaml", "check:\n  max_monthly_cst: 5\n");
  CommandResult typo = f.check("oci:" + f.a);
  EXPECT_EQ(typo.code, 2) << typo.out;
  EXPECT_NE(typo.out.find("did you mean 'max_monthly_cost'?"), std::string::npos) << typo.out;
  put(f.dir / ".ballast.yaml", "check:\n  max_pull_seconds: soon\n");
  CommandResult bad = f.check("oci:" + f.a);
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("check.max_pull_seconds must be a number >= 0"), std::string::npos) << bad.out;
  // --cost alone with a byte budget: the report shows the cost.
  put(f.dir / ".ballast.yaml", "check:\n  max_stored: 1GB\n");
  CommandResult priced = f.check("oci:" + f.a + " --cost");
  EXPECT_EQ(priced.code, 0) << priced.out;
  EXPECT_NE(priced.out.find("Cost       $"), std::string::npos) << priced.out;

  // The same budgets as flags, which win over the file: the file's ceilings
  // pass, the flags' (just below the cost) fail; a bad value is exit 2.
  config(c + 0.5, c / 1000 + 0.001);
  CommandResult flags = f.check("oci:" + f.a + " --base-layers 0 --max-monthly-cost " + std::to_string(c - 1) +
                                " --max-pull-seconds " + std::to_string(c / 1000 - 0.01));
  EXPECT_EQ(flags.code, 1) << flags.out;
  EXPECT_NE(flags.out.find("FAIL  max_monthly_cost"), std::string::npos) << flags.out;
  EXPECT_NE(flags.out.find("FAIL  max_pull_seconds"), std::string::npos) << flags.out;
  CommandResult flag_ok = f.check("oci:" + f.a + " --base-layers 0 --max-monthly-cost " + std::to_string(c + 0.5));
  EXPECT_EQ(flag_ok.code, 0) << flag_ok.out;
  CommandResult bad_flag = f.check("oci:" + f.a + " --max-monthly-cost cheap");
  EXPECT_EQ(bad_flag.code, 2) << bad_flag.out;
  EXPECT_NE(bad_flag.out.find("--max-monthly-cost must be a number >= 0 like 25 or 0.5, not 'cheap'"),
            std::string::npos)
      << bad_flag.out;
}

TEST(CheckCli, DiveCiDropIn) {
  Fixture f;
  put(f.dir / ".dive-ci", "rules:\n  lowestEfficiency: 0.43\n  highestWastedBytes: 3KB\n  highestUserWastedPercent: 1.2\n");
  CommandResult pass = f.check("oci:" + f.a + " --no-config");
  EXPECT_EQ(pass.code, 0) << pass.out;
  EXPECT_NE(pass.out.find("PASS  dive.lowestEfficiency "), std::string::npos) << pass.out;
  EXPECT_NE(pass.out.find(" 0.4302  >= 0.4300\n"), std::string::npos) << pass.out;
  EXPECT_NE(pass.out.find("PASS  dive.highestWastedBytes"), std::string::npos) << pass.out;

  put(f.dir / "strict.yaml", "rules:\n  lowest-efficiency: 0.44\n  highest-wasted-bytes: 2999\n"
                             "  highest-user-wasted-percent: 1.19\n");
  CommandResult fail = f.check("oci:" + f.a + " --no-config --ci-config strict.yaml --format json");
  ASSERT_EQ(fail.code, 1) << fail.out;
  const auto doc = nlohmann::json::parse(fail.out);
  EXPECT_NEAR(rule(doc, "dive.lowestEfficiency")["value"].get<double>(), 1510.0 / 3510.0, 1e-12);
  EXPECT_EQ(rule(doc, "dive.highestWastedBytes")["value"], 3000);
  EXPECT_DOUBLE_EQ(rule(doc, "dive.highestUserWastedPercent")["value"].get<double>(), 1.2);
  EXPECT_EQ(doc["summary"]["failed"], 3);

  put(f.dir / ".dive-ci", "rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: lots\n");
  CommandResult bad = f.check("oci:" + f.a + " --no-config");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find(".dive-ci:3: rules.highestWastedBytes: invalid size 'lots'"), std::string::npos) << bad.out;
}

TEST(CheckCli, GrowthAgainstASavedReport) {
  Fixture f;
  CommandResult saved = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format json oci:" + f.a +
                                    " > " + (f.dir / "base.json"));
  ASSERT_EQ(saved.code, 0);
  // +1000 B, +28.49 %: both limits must be crossed by default.
  CommandResult both = f.check("oci:" + f.b + " --no-config --baseline base.json --max-growth 999 --max-growth-percent 30 --bytes");
  EXPECT_EQ(both.code, 0) << both.out;
  EXPECT_NE(both.out.find("+1000 (+28.49%)  <= +999 and +30.00%"), std::string::npos) << both.out;
  CommandResult either = f.check("oci:" + f.b + " --no-config --baseline base.json --max-growth 999 "
                                 "--max-growth-percent 30 --growth-requires either");
  EXPECT_EQ(either.code, 1) << either.out;
  CommandResult crossed = f.check("oci:" + f.b + " --no-config --baseline base.json --max-growth 999 --max-growth-percent 28");
  EXPECT_EQ(crossed.code, 1) << crossed.out;
  // The baseline as an image gives the same answer as its saved report.
  CommandResult image = f.check("oci:" + f.b + " --no-config --baseline oci:" + f.a + " --max-growth 999 --max-growth-percent 28");
  EXPECT_EQ(image.code, 1) << image.out;
  EXPECT_NE(image.out.find("+1.00 kB (+28.49%)  <= +999 B and +28.00%"), std::string::npos) << image.out;
  CommandResult none = f.check("oci:" + f.b + " --no-config --max-growth 1MB");
  EXPECT_EQ(none.code, 2) << none.out;
}

TEST(CheckCli, FormatsAndNothingToCheck) {
  Fixture f;
  CommandResult md = f.check("oci:" + f.a + " --no-config --max-stored 1kB --format markdown");
  EXPECT_EQ(md.code, 1);
  EXPECT_EQ(md.out.rfind("<!-- ballast-check -->\n", 0), 0u) << md.out;
  EXPECT_NE(md.out.find("| FAIL | `max_stored` | 3.51 kB | <= 1.00 kB |"), std::string::npos) << md.out;
  CommandResult gh = f.check("oci:" + f.a + " --no-config --max-stored 1kB --max-layers 5 --format github");
  EXPECT_EQ(gh.code, 1);
  EXPECT_NE(gh.out.find("::error title=ballast check max_stored::max_stored: 3.51 kB (threshold <= 1.00 kB)"),
            std::string::npos)
      << gh.out;
  EXPECT_EQ(gh.out.find("max_layers::"), std::string::npos) << gh.out;  // passing rules are not annotated
  CommandResult nothing = f.check("oci:" + f.a + " --no-config");
  EXPECT_EQ(nothing.code, 2) << nothing.out;
  EXPECT_NE(nothing.out.find("nothing to check"), std::string::npos) << nothing.out;
}

}  // namespace
}  // namespace ballast::testing

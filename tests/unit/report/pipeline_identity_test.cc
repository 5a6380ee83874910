// The whole report is the same whether each layer is inflated on a second
// thread or not, for every count of layers read in parallel (as the context
// walker's serial-vs-parallel test does): gzip and zstd layers with package
// databases (captured), duplicates (hashed), whiteouts and hardlinks.
#include <gtest/gtest.h>

#include <string>

#include "analysis/analyze.h"
#include "report/analyze_report.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::report {
namespace {

using namespace ballast::writer;

WriteImage tricky_image() {
  WriteImage img;
  img.repo_tags = {"pipe:1"};
  WriteLayer base{{dir_entry("var"), dir_entry("var/lib"), dir_entry("var/lib/dpkg"),
                   file_entry("var/lib/dpkg/status",
                              "Package: big\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n\n"),
                   dir_entry("var/lib/dpkg/info"), file_entry("var/lib/dpkg/info/big.list", "/opt/big\n"),
                   dir_entry("opt")},
                  "ADD rootfs /", Compression::kGzip};
  // 3 MB of varied text, so chunks cross the 1 MiB buffer boundary inside files.
  std::string big;
  for (std::uint64_t i = 0; big.size() < 3'000'000; ++i) big += "line " + std::to_string(i * 7919 % 100003) + "\n";
  base.entries.push_back(file_entry("opt/big", big));
  for (int i = 0; i < 300; ++i)
    base.entries.push_back(file_entry("opt/f" + std::to_string(i), std::string(1000 + i * 37, 'a' + i % 26)));
  img.layers.push_back(base);
  img.layers.push_back({{file_entry("opt/copy", big), hardlink_entry("opt/link", "opt/copy"),
                         whiteout_entry("opt/f1")},
                        "RUN cp /opt/big /opt/copy", Compression::kZstd});
  img.layers.push_back({{file_entry("opt/f2", std::string(5000, 'z'))}, "COPY f2 /opt/f2", Compression::kGzip});
  return img;
}

std::string report_json(const std::string& path, bool pipeline, unsigned threads) {
  analysis::AnalyzeRequest r;
  r.image = path;
  r.pipeline_layers = pipeline;
  r.threads = threads;
  r.hash_files = true;
  analysis::AnalyzeReport report = analysis::analyze(r);
  AnalyzeRenderOptions options;
  options.exact_bytes = true;
  options.include_files = true;
  nlohmann::json j = analyze_to_json(report, options);
  return j.dump(1);
}

TEST(PipelineIdentity, SameReportWithAndWithoutThePipelineForEveryThreadCount) {
  ballast::testing::TempDir dir;
  const std::string path = "oci-archive:" + (dir / "img.tar");
  write_oci_archive({tricky_image()}, dir / "img.tar");
  const std::string reference = report_json(path, false, 1);
  // Positive control: the fixture exercised what the pipeline could break.
  nlohmann::json j = nlohmann::json::parse(reference);
  ASSERT_FALSE(j["duplicates"].empty()) << "no duplicates: /opt/copy is /opt/big's copy";
  ASSERT_EQ(j["totals"]["layers"], 3);
  ASSERT_NE(reference.find("\"/opt/link\""), std::string::npos);
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    EXPECT_EQ(report_json(path, true, threads), reference) << "pipeline, threads " << threads;
    EXPECT_EQ(report_json(path, false, threads), reference) << "serial, threads " << threads;
  }
}

}  // namespace
}  // namespace ballast::report

// `ballast analyze --format sarif|github|markdown` on an image the test
// writes: one pip cache of 3000 + 2000 bytes in layer 1 under
// /root/.cache/pip (hand-computed: image.cache.pip saves 5000 B, 5.00 kB),
// rendered by the shared findings renderers from the AnalyzeReport.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

std::string pip_cache_image(const TempDir& dir) {
  writer::WriteImage img;
  img.layers.push_back({{writer::file_entry("bin/sh", std::string(10, 's'))}, "ADD rootfs /"});
  img.layers.push_back({{writer::file_entry("root/.cache/pip/http/a/b", std::string(3000, 'a')),
                         writer::file_entry("root/.cache/pip/wheels/x.whl", std::string(2000, 'w'))},
                        "/bin/sh -c pip install x"});
  img.repo_tags = {"pip:1"};
  std::string path = dir / "image.tar";
  writer::write_docker_archive({img}, path);
  return path;
}

CommandResult analyze(const std::string& args) {
  return run_command(std::string(BALLAST_BINARY) + " analyze --no-config " + args + " 2>&1");
}

const nlohmann::json* result_for(const nlohmann::json& log, const std::string& id) {
  for (const auto& r : log["runs"][0]["results"])
    if (r["ruleId"] == id) return &r;
  return nullptr;
}

TEST(AnalyzeFormats, SarifCarriesBytesPathsAndLayers) {
  TempDir dir;
  const std::string image = pip_cache_image(dir);
  CommandResult sarif = analyze("--format sarif " + image);
  ASSERT_EQ(sarif.code, 0) << sarif.out;
  auto log = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["name"], "ballast");
  const nlohmann::json* pip = result_for(log, "image.cache.pip");
  ASSERT_NE(pip, nullptr) << sarif.out;
  EXPECT_EQ(pip->at("properties")["bytesSaved"], 5000);
  EXPECT_EQ(pip->at("properties")["layers"], nlohmann::json::array({1}));
  EXPECT_EQ(pip->at("locations")[0]["logicalLocations"][0]["fullyQualifiedName"], "/root/.cache/pip");
  const auto& rule = log["runs"][0]["tool"]["driver"]["rules"][pip->at("ruleIndex").get<int>()];
  EXPECT_EQ(rule["id"], "image.cache.pip");
  EXPECT_EQ(rule["help"]["text"], "docs/findings.md");
}

TEST(AnalyzeFormats, MarkdownAndGithub) {
  TempDir dir;
  const std::string image = pip_cache_image(dir);
  CommandResult md = analyze("--format markdown " + image);
  ASSERT_EQ(md.code, 0) << md.out;
  EXPECT_EQ(md.out.rfind("### ballast analyze `" + image + "`: ", 0), 0u) << md.out;
  EXPECT_NE(md.out.find("| Saves |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| `image.cache.pip` | `/root/.cache/pip` | "), std::string::npos) << md.out;
  EXPECT_NE(md.out.find(" | 5.00 kB |\n"), std::string::npos) << md.out;

  CommandResult gh = analyze("--format github " + image);
  ASSERT_EQ(gh.code, 0) << gh.out;
  EXPECT_NE(gh.out.find("title=image.cache.pip::"), std::string::npos) << gh.out;
  EXPECT_EQ(gh.out.find("file="), std::string::npos) << gh.out;  // image paths are not repository files

  // Without attribution there are no findings: the table is the heading alone.
  CommandResult none = analyze("--format markdown --no-attribution " + image);
  EXPECT_EQ(none.out, "### ballast analyze `" + image + "`: no findings\n");
}

}  // namespace
}  // namespace ballast::testing

// User configuration of `ballast analyze`: --categories files and the
// `analyze:` section of .ballast.yaml, read directly and through the CLI.
#include "report/analyze_config.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"
#include "util/error.h"

namespace ballast::testing {
namespace {

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir / name;
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(AnalyzeConfig, ReadsTheAnalyzeSection) {
  TempDir dir;
  std::string path = write(
      dir, ".ballast.yaml",
      "lint:\n  ignore: [BA1001]\nanalyze:\n  base_layers: 2\n  categories:\n"
      "    - category: weights\n      path: /srv/**\n    - category: app\n      package: my-*\n"
      "      manager: python\n      layers: copy\n"
      "    - category: ml-models\n      path: \"**/*.bin\"\n      beside: params.json\n");
  report::AnalyzeConfig c = report::load_analyze_config(path);
  EXPECT_EQ(c.base_layers, 2);
  ASSERT_EQ(c.categories.size(), 3u);
  EXPECT_EQ(c.categories[2].beside, "params.json");
  EXPECT_EQ(c.categories[0].category, "weights");
  EXPECT_EQ(c.categories[0].path, "srv/**");  // leading "/" dropped: image paths have none
  EXPECT_EQ(c.categories[1].package, "my-*");
  EXPECT_EQ(c.categories[1].layers, attribution::LayerScope::kCopy);
}

TEST(AnalyzeConfig, NoSectionIsEmpty) {
  TempDir dir;
  report::AnalyzeConfig c =
      report::load_analyze_config(write(dir, "c.yaml", "lint:\n  ignore: [BA1001]\n"));
  EXPECT_TRUE(c.categories.empty());
  EXPECT_FALSE(c.base_layers);
}

TEST(AnalyzeConfig, ErrorsNameFileAndLine) {
  TempDir dir;
  std::string unknown = write(dir, "a.yaml", "analyze:\n  base_layer: 2\n");
  EXPECT_EQ(error_of([&] { report::load_analyze_config(unknown); }),
            unknown + ":2: analyze.base_layer: unknown key (categories, base_layers, max_memory, max_layer_size)");
  std::string negative = write(dir, "b.yaml", "analyze:\n  base_layers: -1\n");
  EXPECT_NE(error_of([&] {
              report::load_analyze_config(negative);
            }).find(":2: analyze.base_layers: expected"),
            std::string::npos);
  std::string no_category = write(dir, "c.yaml", "analyze:\n  categories:\n    - path: a/**\n");
  EXPECT_EQ(error_of([&] { report::load_analyze_config(no_category); }),
            no_category + ": rule 1 (line 3): no 'category'");
  std::string bad_yaml = write(dir, "d.yaml", "analyze: [\n");
  EXPECT_NE(error_of([&] { report::load_analyze_config(bad_yaml); }).find(bad_yaml + ":"),
            std::string::npos);
  std::string rules = write(dir, "e.yaml", "rule:\n  - category: x\n");
  EXPECT_EQ(error_of([&] { report::load_category_rules(rules); }),
            rules + ": expected a top-level 'rules:' list");
}

using CliRun = ballast::testing::CommandResult;

CliRun analyze_in(const std::string& dir, const std::string& args) {
  return ballast::testing::run_command("cd '" + dir + "' && " + BALLAST_BINARY + " analyze " +
                                       args + " 2>&1");
}

std::uint64_t category_bytes(const std::string& json_text, const std::string& name) {
  auto j = nlohmann::json::parse(json_text);
  for (const auto& c : j["categories"])
    if (c["name"] == name) return c["final_bytes"].get<std::uint64_t>();
  return 0;
}

// The CLI finds .ballast.yaml upward from the current directory.
TEST(AnalyzeConfig, CliUsesTheProjectConfig) {
  TempDir dir;
  std::filesystem::create_directories(dir / "sub");
  writer::WriteImage img;
  img.layers.push_back({});
  img.layers[0].entries = {writer::file_entry("srv/model.dat", std::string(5000, 'm')),
                           writer::file_entry("srv/other.txt", std::string(300, 'o'))};
  img.repo_tags = {"cfg:1"};
  std::string tar = dir / "image.tar";
  writer::write_docker_archive({img}, tar);
  write(dir, ".ballast.yaml",
        "analyze:\n  categories:\n    - category: weights\n      path: srv/*.dat\n");

  CliRun with = analyze_in(dir / "sub", "--format json " + tar);
  ASSERT_EQ(with.code, 0) << with.out;
  EXPECT_EQ(category_bytes(with.out, "weights"), 5000u);
  CliRun without = analyze_in(dir / "sub", "--format json --no-config " + tar);
  ASSERT_EQ(without.code, 0) << without.out;
  EXPECT_EQ(category_bytes(without.out, "weights"), 0u);
  write(dir, "broken.yaml", "analyze:\n  colors: 3\n");
  CliRun broken = analyze_in(dir.path(), "--config broken.yaml " + tar);
  EXPECT_EQ(broken.code, 2);
  EXPECT_NE(broken.out.find("ballast: error: broken.yaml:2: analyze.colors: unknown key"),
            std::string::npos)
      << broken.out;
}

}  // namespace
}  // namespace ballast::testing

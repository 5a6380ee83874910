// .ballast.yaml `lint:` section: parsing, name mapping, errors, upward search,
// and the effect on findings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lint/config.h"
#include "config/config_file.h"
#include "lint_test_util.h"
#include "util/error.h"

namespace ballast::lint {
namespace {

using testing::ids;
using testing::lint;

TEST(Config, ParsesAllKeys) {
  Config c = parse_config(R"(
context: {top: 5}
lint:
  ignore: [BA1001, DL3059, JSONArgsRecommended]
  enable: BA4020
  severity: {BA3001: error, BA2005: off}
  trusted_registries: [ghcr.io]
  failure_threshold: info
)",
                          "x.yaml");
  EXPECT_EQ(c.ignored, (std::set<std::string>{"BA1001", "BA2004", "BA4005", "BA2005"}));
  EXPECT_TRUE(c.enabled.count("BA4020"));
  EXPECT_EQ(c.severity.at("BA3001"), model::Severity::kError);
  EXPECT_EQ(c.trusted_registries, std::vector<std::string>{"ghcr.io"});
  EXPECT_EQ(c.failure_threshold, FailureThreshold::kInfo);
}

TEST(Config, EmptyAndMissingSection) {
  EXPECT_TRUE(parse_config("", "x").ignored.empty());
  EXPECT_TRUE(parse_config("deps: {}\n", "x").ignored.empty());
}

TEST(Config, ErrorsNameFileAndLine) {
  try {
    parse_config("lint:\n  ignore: [BA9999]\n", "conf.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("conf.yaml:2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("BA9999"), std::string::npos);
  }
  EXPECT_THROW(parse_config("lint:\n  ignroe: [BA1001]\n", "c"), InputError);
  EXPECT_THROW(parse_config("lint:\n  failure_threshold: severe\n", "c"), InputError);
  EXPECT_THROW(parse_config("lint:\n  severity: {BA1001: loud}\n", "c"), InputError);
  EXPECT_THROW(parse_config("lint: [unclosed\n", "c"), InputError);
  EXPECT_THROW(parse_config("- a\n- b\n", "c"), InputError);
}

TEST(Config, Thresholds) {
  EXPECT_TRUE(reaches(model::Severity::kError, FailureThreshold::kWarning));
  EXPECT_TRUE(reaches(model::Severity::kWarning, FailureThreshold::kWarning));
  EXPECT_FALSE(reaches(model::Severity::kInfo, FailureThreshold::kWarning));
  EXPECT_TRUE(reaches(model::Severity::kInfo, FailureThreshold::kInfo));
  EXPECT_FALSE(reaches(model::Severity::kWarning, FailureThreshold::kError));
  EXPECT_FALSE(reaches(model::Severity::kError, FailureThreshold::kNone));
  EXPECT_FALSE(parse_failure_threshold("fatal"));
}

TEST(Config, FoundUpward) {
  auto root = std::filesystem::temp_directory_path() / "ballast-lint-config-test";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "a" / "b");
  std::ofstream(root / ".ballast.yaml") << "lint:\n  ignore: [BA1001]\n";
  auto found = config::find_config_file(root / "a" / "b");
  ASSERT_TRUE(found);
  EXPECT_EQ(std::filesystem::canonical(*found), std::filesystem::canonical(root / ".ballast.yaml"));
  EXPECT_TRUE(load_config(*found).ignored.count("BA1001"));
  std::filesystem::remove_all(root);
}

TEST(Config, AppliedToFindings) {
  const std::string df = "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n";
  ASSERT_TRUE(ids(lint(df)).count("BA1001"));
  LintOptions options;
  options.config = parse_config("lint:\n  ignore: [DL3015]\n  severity: {BA3002: error}\n", "c");
  auto findings = lint(df, options);
  EXPECT_FALSE(ids(findings).count("BA1001"));
  for (const auto& f : findings) {
    if (f.id == "BA3002") {
      EXPECT_EQ(f.severity, model::Severity::kError);
    }
  }
}

}  // namespace
}  // namespace ballast::lint

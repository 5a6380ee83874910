// Every vector of shared/conformance/dockerignore/matches.jsonl (taken from
// moby/patternmatcher's own tests) against Matcher::matches_or_parent_matches.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "context/matcher.h"
#include "util/error.h"

namespace ballast::context {
namespace {

const std::string kVectors = std::string(BALLAST_CONFORMANCE_DIR) + "/dockerignore/matches.jsonl";

std::vector<std::string> load_lines() {
  std::vector<std::string> lines;
  std::ifstream in(kVectors);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

class DockerignoreConformance : public ::testing::TestWithParam<std::string> {};

TEST_P(DockerignoreConformance, Matches) {
  if (GetParam().empty()) GTEST_SKIP() << "!!! SKIPPED: conformance vectors missing: " << kVectors;
  auto j = nlohmann::json::parse(GetParam());
  std::vector<std::string> patterns = j["patterns"].get<std::vector<std::string>>();
  std::string path = j["path"];
  if (j.value("error", false)) {
    EXPECT_THROW(Matcher::from_patterns(patterns), InputError) << GetParam();
    return;
  }
  Matcher m = Matcher::from_patterns(patterns);
  EXPECT_EQ(m.matches_or_parent_matches(path).excluded, j["excluded"].get<bool>()) << GetParam();
}

std::vector<std::string> params() {
  auto lines = load_lines();
  if (lines.empty()) lines.push_back("");  // becomes one loud skip
  return lines;
}

INSTANTIATE_TEST_SUITE_P(Vectors, DockerignoreConformance, ::testing::ValuesIn(params()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return "line" + std::to_string(info.index + 1);
                         });

// An empty parameter only exists when the vectors are missing.
class DockerignoreVectorsPresent : public ::testing::Test {};
TEST_F(DockerignoreVectorsPresent, FileExists) {
  if (!std::filesystem::exists(kVectors)) GTEST_SKIP() << "!!! conformance vectors missing: " << kVectors;
  EXPECT_GE(load_lines().size(), 80u);
}

}  // namespace
}  // namespace ballast::context

// The rule table: ids unique, sorted, well-formed, each documented in
// docs/rules.md with its severity; hadolint/BuildKit names map back.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "lint/config.h"
#include "lint/rule.h"

namespace ballast::lint {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RuleTable, IdsUniqueSortedWellFormed) {
  std::set<std::string> seen;
  std::string previous;
  for (const auto& r : rules()) {
    std::string id(r.id);
    EXPECT_TRUE(std::regex_match(id, std::regex("BA[1-46][0-9]{3}"))) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    EXPECT_LT(previous, id) << "not sorted at " << id;
    previous = id;
    EXPECT_FALSE(r.message.empty()) << id;
    EXPECT_EQ(find_rule(r.id), &r);
  }
  EXPECT_GE(seen.size(), 50u);
}

TEST(RuleTable, EachRuleDocumented) {
  std::string docs = read(std::string(BALLAST_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_FALSE(docs.empty()) << "docs/rules.md missing";
  for (const auto& r : rules()) {
    std::string id(r.id);
    auto heading = docs.find("\n## " + id);
    ASSERT_NE(heading, std::string::npos) << id << " has no section in docs/rules.md";
    auto next = docs.find("\n## ", heading + 1);
    std::string section = docs.substr(heading, next - heading);
    EXPECT_NE(section.find(std::string(model::to_string(r.severity))), std::string::npos) << id << " severity";
    EXPECT_NE(section.find("Bad"), std::string::npos) << id << " bad example";
    EXPECT_NE(section.find("Good"), std::string::npos) << id << " good example";
    if (!r.buildkit.empty()) {
      EXPECT_NE(section.find(std::string(r.buildkit)), std::string::npos) << id;
    }
    if (!r.hadolint.empty()) {
      std::string first(r.hadolint.substr(0, r.hadolint.find(' ')));
      EXPECT_NE(section.find(first), std::string::npos) << id;
    }
  }
}

TEST(RuleTable, ForeignNamesMap) {
  EXPECT_EQ(resolve_rule_name("DL3015"), std::vector<std::string>{"BA1001"});
  EXPECT_EQ(resolve_rule_name("JSONArgsRecommended"), std::vector<std::string>{"BA4005"});
  EXPECT_EQ(resolve_rule_name("DL4004"), std::vector<std::string>{"BA4010"});
  EXPECT_EQ(resolve_rule_name("BA2004"), std::vector<std::string>{"BA2004"});
  EXPECT_TRUE(resolve_rule_name("DL9999").empty());
  EXPECT_TRUE(resolve_rule_name("jsonargsrecommended").empty());  // BuildKit names are case-sensitive
}

TEST(RuleTable, AllBuildKitChecksOfTheIssuePresent) {
  for (const char* name :
       {"StageNameCasing", "FromAsCasing", "DuplicateStageName", "ReservedStageName", "JSONArgsRecommended",
        "MaintainerDeprecated", "UndefinedArgInFrom", "UndefinedVar", "WorkdirRelativePath",
        "MultipleInstructionsDisallowed", "LegacyKeyValueFormat", "RedundantTargetPlatform",
        "InvalidDefaultArgInFrom", "ExposeProtoCasing", "ExposeInvalidFormat", "NoEmptyContinuation",
        "ConsistentInstructionCasing", "SecretsUsedInArgOrEnv", "CopyIgnoredFile"}) {
    EXPECT_NE(find_rule_by_buildkit(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace ballast::lint

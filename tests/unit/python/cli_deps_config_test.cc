// `ballast deps` with .ballast.yaml (docs/config.md) and the shared findings
// formats: the deps: section sets defaults, flags win, bad values exit 2
// naming file and line; SARIF and Markdown carry the same finding JSON does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.h"
#include "temp_project.h"

namespace ballast::python {
namespace {

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " deps " + args + " 2>&1");
}

// requests is used, torch (line 2) is not: one DEP002, hand-derived.
void write_unused_torch(testing::TempProject& p) {
  p.write("requirements.txt", "requests==2.31.0\ntorch==2.1.0\n");
  p.write("main.py", "import requests\n");
}

TEST(CliDepsConfig, SectionSetsDefaultsAndFlagsWin) {
  testing::TempProject p;
  write_unused_torch(p);
  const std::string dir = p.root().string();
  EXPECT_EQ(run(dir).code, 0);  // positive control: no fail_on, exit 0
  p.write(".ballast.yaml", "deps:\n  fail_on: [unused]\n  python_version: \"3.12\"\n");
  EXPECT_EQ(run(dir).code, 1);
  EXPECT_EQ(run(dir + " --fail-on missing").code, 0);  // the flag replaces the list
  EXPECT_EQ(run(dir + " --no-config").code, 0);
  CliRun json = run(dir + " --format json");
  EXPECT_EQ(nlohmann::json::parse(json.out)["python_version"], "3.12") << json.out;
  EXPECT_EQ(nlohmann::json::parse(run(dir + " --format json --python-version 3.9").out)["python_version"], "3.9");
}

TEST(CliDepsConfig, BadValuesExitTwoWithFileAndLine) {
  testing::TempProject p;
  write_unused_torch(p);
  const std::string dir = p.root().string();
  p.write(".ballast.yaml", "deps:\n  fail_on: [unused, nonsense]\n");
  CliRun bad = run(dir);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find(".ballast.yaml:2: deps.fail_on: unknown finding 'nonsense'"), std::string::npos) << bad.out;
  p.write(".ballast.yaml", "deps:\n  exclud: [tests/**]\n");
  CliRun typo = run(dir);
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.out.find(".ballast.yaml:2: deps.exclud: unknown key (python_version, exclude, dockerignore, fail_on); "
                          "did you mean 'exclude'?"),
            std::string::npos)
      << typo.out;
}

TEST(CliDepsFormats, SarifAndMarkdown) {
  testing::TempProject p;
  write_unused_torch(p);
  const std::string dir = p.root().string();
  CliRun sarif = run(dir + " --format sarif");
  ASSERT_EQ(sarif.code, 0) << sarif.out;
  auto log = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(log["version"], "2.1.0");
  const auto& rules = log["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_EQ(rules[1]["id"], "DEP002");
  EXPECT_EQ(rules[1]["name"], "unused");
  ASSERT_EQ(log["runs"][0]["results"].size(), 1u);
  const auto& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "DEP002");
  EXPECT_EQ(result["ruleIndex"], 1);
  EXPECT_EQ(result["level"], "warning");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "requirements.txt");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);

  CliRun md = run(dir + " --format markdown");
  ASSERT_EQ(md.code, 0) << md.out;
  EXPECT_NE(md.out.find(": 1 finding (1 warning)\n"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| :warning: | `DEP002` | `requirements.txt:2` | "), std::string::npos) << md.out;

  CliRun gh = run(dir + " --format github");
  EXPECT_EQ(gh.out.rfind("::warning file=requirements.txt,line=2,", 0), 0u) << gh.out;
}

}  // namespace
}  // namespace ballast::python

// The four renderers of a lint report, on a report built by hand.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "lint/rule.h"
#include "report/lint_github.h"
#include "report/lint_json.h"
#include "report/lint_sarif.h"
#include "report/lint_text.h"

namespace ballast::report {
namespace {

lint::LintReport sample() {
  lint::LintReport r;
  r.files = {"Dockerfile", "broken/Dockerfile"};
  model::Finding a;
  a.id = "BA1001";
  a.severity = model::Severity::kWarning;
  a.message = "apt-get install without --no-install-recommends";
  a.fix = "apt-get install -y --no-install-recommends ...";
  a.location = model::SourceLocation{"Dockerfile", 3, 1, 4};
  model::Finding b;
  b.id = "BA4003";
  b.severity = model::Severity::kError;
  b.message = "Duplicate stage name \"a\", stage names should be unique";
  b.location = model::SourceLocation{"Dockerfile", 7, 1, 7};
  model::Finding c;
  c.id = "BA2004";
  c.severity = model::Severity::kInfo;
  c.message = "100% mergeable, a:b\nnext";
  c.location = model::SourceLocation{"dir,x/Dockerfile", 2, 1, 2};
  r.findings = {a, b, c};
  r.errors = {{"broken/Dockerfile", "broken/Dockerfile:1:1: file with no instructions"}};
  r.failed = true;
  return r;
}

TEST(LintFormats, Text) {
  std::ostringstream out;
  render_lint_text(sample(), out);
  EXPECT_EQ(out.str(),
            "Dockerfile:3:1 warning BA1001 apt-get install without --no-install-recommends\n"
            "Dockerfile:7:1 error BA4003 Duplicate stage name \"a\", stage names should be unique\n"
            "dir,x/Dockerfile:2:1 info BA2004 100% mergeable, a:b\nnext\n"
            "broken/Dockerfile:1:1: file with no instructions\n");
}

TEST(LintFormats, JsonEnvelope) {
  auto j = lint_to_json(sample());
  EXPECT_EQ(j["schema"], "ballast.report");
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["kind"], "lint");
  EXPECT_EQ(j["tool"]["name"], "ballast");
  ASSERT_EQ(j["findings"].size(), 3u);
  EXPECT_EQ(j["findings"][0]["id"], "BA1001");
  EXPECT_EQ(j["findings"][0]["location"]["line"], 3);
  EXPECT_EQ(j["findings"][0]["location"]["end_line"], 4);
  EXPECT_EQ(j["summary"]["error"], 1);
  EXPECT_EQ(j["summary"]["warning"], 1);
  EXPECT_EQ(j["summary"]["info"], 1);
  EXPECT_EQ(j["errors"][0]["file"], "broken/Dockerfile");
  EXPECT_EQ(j["failed"], true);
  EXPECT_EQ(j["exit_code"], 2);
  EXPECT_EQ(j["failure_threshold"], "warning");
}

TEST(LintFormats, SarifStructure) {
  auto s = lint_to_sarif(sample());
  EXPECT_EQ(s["version"], "2.1.0");
  ASSERT_EQ(s["runs"].size(), 1u);
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "ballast");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), lint::rules().size());
  for (const auto& rule : rules) {
    EXPECT_TRUE(rule.contains("id"));
    EXPECT_TRUE(rule["shortDescription"].contains("text"));
    std::string level = rule["defaultConfiguration"]["level"];
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
  }
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.contains("ruleId"));
    EXPECT_TRUE(r["message"].contains("text"));
    std::size_t index = r["ruleIndex"];
    EXPECT_EQ(rules[index]["id"], r["ruleId"]);
    const auto& loc = r["locations"][0]["physicalLocation"];
    EXPECT_TRUE(loc["artifactLocation"].contains("uri"));
    EXPECT_GE(loc["region"]["startLine"].get<int>(), 1);
  }
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["endLine"], 4);
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "dir%2Cx/Dockerfile");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"].size(), 1u);
}

TEST(LintFormats, GithubAnnotations) {
  std::ostringstream out;
  render_lint_github(sample(), out);
  EXPECT_EQ(out.str(),
            "::warning file=Dockerfile,line=3,col=1,endLine=4,title=BA1001::apt-get install without "
            "--no-install-recommends\n"
            "::error file=Dockerfile,line=7,col=1,endLine=7,title=BA4003::Duplicate stage name \"a\", stage names "
            "should be unique\n"
            "::notice file=dir%2Cx/Dockerfile,line=2,col=1,endLine=2,title=BA2004::100%25 mergeable, a:b%0Anext\n"
            "::error file=broken/Dockerfile,title=parse error::broken/Dockerfile:1:1: file with no instructions\n");
}

TEST(LintFormats, ExitCodes) {
  lint::LintReport r;
  EXPECT_EQ(r.exit_code(), 0);
  r.failed = true;
  EXPECT_EQ(r.exit_code(), 1);
  r.errors.push_back({"x", "x: bad"});
  EXPECT_EQ(r.exit_code(), 2);
}

}  // namespace
}  // namespace ballast::report

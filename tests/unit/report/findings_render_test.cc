// The shared findings renderers, field by field against hand-written
// expectations: SARIF 2.1.0 (sarif-v2.1.0-os: §3.13 sarifLog version and
// $schema, §3.19 driver.rules, §3.27 results with ruleId, ruleIndex, level,
// message, locations), GitHub workflow commands and the Markdown table.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/findings_github.h"
#include "report/findings_markdown.h"
#include "report/findings_render.h"
#include "report/findings_sarif.h"
#include "report/findings_text.h"

namespace ballast::report {
namespace {

std::vector<model::Finding> sample_findings() {
  model::Finding lint_like;
  lint_like.id = "BA1001";
  lint_like.severity = model::Severity::kError;
  lint_like.message = "apt-get install | without --no-install-recommends";
  lint_like.fix = "add --no-install-recommends";
  lint_like.location = model::SourceLocation{"svc/Docker file", 3, 5, 4};

  model::Finding image_like;
  image_like.id = "image.cache.pip";
  image_like.severity = model::Severity::kWarning;
  image_like.message = "pip cache <1.5 MB> left in the image";
  image_like.bytes_saved = 1536000;
  image_like.paths = {"root/.cache/pip", "home/app/.cache/pip"};
  image_like.layers = {2};

  model::Finding note;
  note.id = "BA1001";
  note.severity = model::Severity::kInfo;
  note.message = "second";
  return {lint_like, image_like, note};
}

FindingsDocument derived_rules_doc(const std::vector<model::Finding>& findings) {
  FindingsDocument doc;
  doc.command = "analyze";
  doc.subject = "app:1";
  doc.findings = &findings;
  doc.help_page = "docs/findings.md";
  return doc;
}

TEST(FindingsSarif, LogRunDriverAndRules) {
  const auto findings = sample_findings();
  const nlohmann::json log = findings_to_sarif(derived_rules_doc(findings));
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "ballast");
  EXPECT_TRUE(driver["version"].is_string());
  // One rule per distinct id, in order of first appearance.
  ASSERT_EQ(driver["rules"].size(), 2u);
  EXPECT_EQ(driver["rules"][0]["id"], "BA1001");
  EXPECT_EQ(driver["rules"][0]["help"]["text"], "docs/findings.md");
  // Issue 23: an absolute helpUri (SARIF 2.1.0 §3.49.12) and a shortDescription on every rule.
  EXPECT_EQ(driver["rules"][0]["helpUri"], "https://github.com/ballast-image/ballast/blob/main/docs/findings.md");
  for (const auto& rule : driver["rules"]) {
    EXPECT_TRUE(rule["helpUri"].get<std::string>().starts_with("https://")) << rule;
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty()) << rule;
  }
  EXPECT_EQ(driver["rules"][0]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(driver["rules"][1]["id"], "image.cache.pip");
  EXPECT_EQ(driver["rules"][1]["defaultConfiguration"]["level"], "warning");
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST(FindingsSarif, ResultsFieldByField) {
  const auto findings = sample_findings();
  const nlohmann::json results = findings_to_sarif(derived_rules_doc(findings))["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);

  const auto& first = results[0];
  EXPECT_EQ(first["ruleId"], "BA1001");
  EXPECT_EQ(first["ruleIndex"], 0);
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(first["message"]["text"], "apt-get install | without --no-install-recommends");
  const auto& physical = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "svc/Docker%20file");  // §3.4.3: a URI
  EXPECT_EQ(physical["region"]["startLine"], 3);
  EXPECT_EQ(physical["region"]["startColumn"], 5);
  EXPECT_EQ(physical["region"]["endLine"], 4);
  EXPECT_EQ(first["properties"]["fix"], "add --no-install-recommends");
  EXPECT_FALSE(first["properties"].contains("bytesSaved"));

  const auto& second = results[1];
  EXPECT_EQ(second["ruleId"], "image.cache.pip");
  EXPECT_EQ(second["ruleIndex"], 1);
  EXPECT_EQ(second["level"], "warning");
  EXPECT_FALSE(second["locations"][0].contains("physicalLocation"));
  ASSERT_EQ(second["locations"][0]["logicalLocations"].size(), 2u);
  EXPECT_EQ(second["locations"][0]["logicalLocations"][1]["fullyQualifiedName"], "home/app/.cache/pip");
  EXPECT_EQ(second["properties"]["bytesSaved"], 1536000);
  EXPECT_EQ(second["properties"]["layers"], nlohmann::json::array({2}));

  EXPECT_EQ(results[2]["level"], "note");  // §3.27.10: info is "note"
  EXPECT_EQ(results[2]["ruleIndex"], 0);
  EXPECT_FALSE(results[2].contains("locations"));
}

TEST(FindingsSarif, GivenRulesAndProblems) {
  const auto findings = sample_findings();
  FindingsDocument doc = derived_rules_doc(findings);
  doc.rules = {{"BA0001", "", "first rule", "docs/rules.md#ba0001", model::Severity::kInfo, false, {}},
               {"BA1001", "AptNoRecommends", "apt rule", "docs/rules.md#ba1001", model::Severity::kWarning, true,
                {{"hadolint", "DL3015"}}}};
  doc.problems = {{"bad/Dockerfile", "bad/Dockerfile:1: unknown instruction"}};
  const nlohmann::json log = findings_to_sarif(doc);
  const auto& rules = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["shortDescription"]["text"], "first rule");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["enabled"], false);
  EXPECT_FALSE(rules[0].contains("name"));
  EXPECT_EQ(rules[1]["name"], "AptNoRecommends");
  EXPECT_EQ(rules[1]["properties"]["hadolint"], "DL3015");
  const auto& results = log["runs"][0]["results"];
  EXPECT_EQ(results[0]["ruleIndex"], 1);
  EXPECT_FALSE(results[1].contains("ruleIndex"));  // not in the given table
  const auto& invocation = log["runs"][0]["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["level"], "error");
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "bad/Dockerfile");
}

TEST(FindingsGithub, OneWorkflowCommandPerFinding) {
  const auto findings = sample_findings();
  FindingsDocument doc = derived_rules_doc(findings);
  doc.problems = {{"x,y", "broken\nfile"}};
  std::ostringstream out;
  render_findings_github(doc, out);
  EXPECT_EQ(out.str(),
            "::error file=svc/Docker file,line=3,col=5,endLine=4,title=BA1001::apt-get install | without "
            "--no-install-recommends\n"
            "::warning title=image.cache.pip::pip cache <1.5 MB> left in the image\n"
            "::notice title=BA1001::second\n"
            "::error file=x%2Cy,title=parse error::broken%0Afile\n");
}

TEST(FindingsMarkdown, CompactTableWithSavings) {
  const auto findings = sample_findings();
  std::ostringstream out;
  render_findings_markdown(derived_rules_doc(findings), out);
  EXPECT_EQ(out.str(),
            "### ballast analyze `app:1`: 3 findings (1 error, 1 warning, 1 note)\n"
            "\n"
            "| | Rule | Where | Finding | Saves |\n"
            "|---|---|---|---|---:|\n"
            "| :x: | `BA1001` | `svc/Docker file:3` | apt-get install \\| without --no-install-recommends"
            "<br>**Fix:** add --no-install-recommends | |\n"
            "| :warning: | `image.cache.pip` | `root/.cache/pip` +1 | pip cache &lt;1.5 MB&gt; left in the image | 1.54 MB |\n"  // 1,536,000 B, SI units
            "| :information_source: | `BA1001` |  | second | |\n");
}

TEST(FindingsMarkdown, EmptyAndTruncated) {
  std::vector<model::Finding> none;
  FindingsDocument doc;
  doc.command = "lint";
  doc.findings = &none;
  std::ostringstream empty;
  render_findings_markdown(doc, empty);
  EXPECT_EQ(empty.str(), "### ballast lint: no findings\n");

  std::vector<model::Finding> many(kMarkdownRows + 3);
  for (auto& f : many) {
    f.id = "context.x";
    f.message = "m";
  }
  doc.findings = &many;
  std::ostringstream out;
  render_findings_markdown(doc, out);
  const std::string text = out.str();
  std::size_t rows = 0;
  for (std::size_t at = text.find("| :warning: |"); at != std::string::npos; at = text.find("| :warning: |", at + 1))
    ++rows;
  EXPECT_EQ(rows, kMarkdownRows);
  EXPECT_NE(text.find("… and 3 more findings"), std::string::npos);
}

TEST(FindingsMarkdown, CellsCannotBreakTheTable) {
  EXPECT_EQ(markdown_cell("a|b<script>&\nc"), "a\\|b&lt;script&gt;&amp;<br>c");
  // Code spans are literal: kept as written, only | escaped.
  EXPECT_EQ(markdown_cell("end with `&& rm -rf x|y` <b>"), "end with `&& rm -rf x\\|y` &lt;b&gt;");
  // An unclosed backtick is text: what follows is still escaped.
  EXPECT_EQ(markdown_cell("a ` <img>"), "a ` &lt;img&gt;");
  EXPECT_EQ(markdown_cell("``a`b`` <i>"), "``a`b`` &lt;i&gt;");
}

TEST(FindingsText, CompilerStyleLines) {
  const auto findings = sample_findings();
  std::ostringstream out;
  render_findings_text(derived_rules_doc(findings), out);
  EXPECT_EQ(out.str(),
            "svc/Docker file:3:5 error BA1001 apt-get install | without --no-install-recommends\n"
            "    fix: add --no-install-recommends\n"
            "-:0:0 warning image.cache.pip pip cache <1.5 MB> left in the image\n"
            "-:0:0 info BA1001 second\n");
}

TEST(FindingsRender, FormatNames) {
  EXPECT_EQ(parse_findings_format("sarif"), FindingsFormat::kSarif);
  EXPECT_EQ(parse_findings_format("github"), FindingsFormat::kGithub);
  EXPECT_EQ(parse_findings_format("markdown"), FindingsFormat::kMarkdown);
  EXPECT_FALSE(parse_findings_format("text"));
  EXPECT_FALSE(parse_findings_format("json"));
}

}  // namespace
}  // namespace ballast::report

// hadolint's own rule specs as the reference for the ballast rules that name a
// hadolint equivalent. fixtures/hadolint_specs.jsonl holds every assertion of
// those specs (hadolint/hadolint test/Hadolint/Rule/DL*Spec.hs, commit in the
// file's first line): a Dockerfile snippet and whether hadolint's rule fires.
// Each snippet is linted and "a ballast rule of that DL code fired" compared
// with hadolint's answer. The agreement table and the list of deliberate
// differences in docs/rules.md are parsed and must equal what is measured
// here, so the docs cannot drift from the behaviour.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dockerfile/parse_error.h"
#include "lint/rule.h"
#include "lint_test_util.h"

namespace ballast::lint {
namespace {

struct Vector {
  std::string rule;  // DLxxxx
  std::string name;  // the spec's `it` text (#N for its Nth assertion)
  std::string dockerfile;
  bool hit = false;
  std::vector<std::string> trusted_registries;
};

struct Source {
  nlohmann::json header;
  std::vector<Vector> vectors;
};

const Source& source() {
  static const Source kSource = [] {
    Source s;
    std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/tests/unit/lint/fixtures/hadolint_specs.jsonl");
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto j = nlohmann::json::parse(line);
      if (first) {
        s.header = j;
        first = false;
        continue;
      }
      Vector v;
      v.rule = j.at("rule").get<std::string>();
      v.name = j.at("case").get<std::string>();
      v.dockerfile = j.at("dockerfile").get<std::string>();
      v.hit = j.at("hit").get<bool>();
      if (j.contains("trusted_registries")) {
        v.trusted_registries = j.at("trusted_registries").get<std::vector<std::string>>();
      }
      s.vectors.push_back(std::move(v));
    }
    return s;
  }();
  return kSource;
}

// hadolint lints instructions outside any stage; BuildKit (and ballast) need a
// FROM, so a snippet without one gets `FROM scratch` in front.
std::string as_dockerfile(const std::string& snippet) {
  static const std::regex kFrom(R"((^|\n)\s*[Ff][Rr][Oo][Mm]\s)");
  std::string text = snippet + "\n";  // hadolint's assertChecks appends one too
  if (!std::regex_search(text, kFrom)) text = "FROM scratch\n" + text;
  return text;
}

// Whether one of the ballast rules that name `dl` fires on the snippet.
bool ballast_hits(const Vector& v) {
  LintOptions options;
  for (const RuleInfo* r : rules_for_hadolint(v.rule)) options.config.enabled.insert(std::string(r->id));
  options.config.trusted_registries = v.trusted_registries;
  std::set<std::string> found;
  try {
    found = testing::ids(testing::lint(as_dockerfile(v.dockerfile), options));
  } catch (const dockerfile::ParseError&) {
    return false;  // BuildKit rejects it: nothing fires (listed as a difference when hadolint fires)
  }
  for (const RuleInfo* r : rules_for_hadolint(v.rule)) {
    if (found.count(std::string(r->id))) return true;
  }
  return false;
}

std::string docs() {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/docs/rules.md");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The "## Agreement with hadolint" section of docs/rules.md.
std::string agreement_section() {
  std::string all = docs();
  auto start = all.find("\n## Agreement with hadolint");
  if (start == std::string::npos) return {};
  auto end = all.find("\n## ", start + 1);
  return all.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct Row {
  std::string ballast;
  int cases = 0, agree = 0;
};

TEST(HadolintConformance, SourceNamed) {
  const auto& h = source().header;
  EXPECT_EQ(h.value("source", ""), "https://github.com/hadolint/hadolint");
  EXPECT_TRUE(std::regex_match(h.value("commit", ""), std::regex("[0-9a-f]{40}")));
  EXPECT_FALSE(h.value("path", "").empty());
  EXPECT_GE(source().vectors.size(), 200u);
  // The docs name the same commit.
  EXPECT_NE(agreement_section().find(h.value("commit", "").substr(0, 12)), std::string::npos);
}

TEST(HadolintConformance, EveryVectorIsAnEquivalentWithBothAnswers) {
  std::map<std::string, std::set<bool>> answers;
  for (const auto& v : source().vectors) {
    EXPECT_FALSE(rules_for_hadolint(v.rule).empty()) << v.rule << " names no ballast rule";
    answers[v.rule].insert(v.hit);
  }
  // A rule whose vectors all say "fires" (or all "silent") could agree by accident.
  for (const auto& [dl, set] : answers) EXPECT_EQ(set.size(), 2u) << dl << " has only one kind of case";
}

// The measured agreement equals the table and the list of differences in docs/rules.md.
TEST(HadolintConformance, DocsTableMatchesBehaviour) {
  std::map<std::string, Row> measured;
  std::set<std::string> differ;  // "DLxxxx \"case\""
  for (const auto& v : source().vectors) {
    auto& row = measured[v.rule];
    std::string ids;
    for (const RuleInfo* r : rules_for_hadolint(v.rule)) ids += (ids.empty() ? "" : " ") + std::string(r->id);
    row.ballast = ids;
    ++row.cases;
    bool ours = ballast_hits(v);
    if (ours == v.hit) {
      ++row.agree;
    } else {
      differ.insert(v.rule + " \"" + v.name + "\"");
    }
  }

  std::string section = agreement_section();
  ASSERT_FALSE(section.empty()) << "docs/rules.md has no '## Agreement with hadolint' section";
  std::map<std::string, Row> documented;
  static const std::regex kRow(R"(\n\| (DL\d{4}) \| ([^|]+?) \| (\d+) \| (\d+) \|)");
  for (std::sregex_iterator it(section.begin(), section.end(), kRow), end; it != end; ++it) {
    documented[(*it)[1]] = Row{(*it)[2], std::stoi((*it)[3]), std::stoi((*it)[4])};
  }
  std::set<std::string> documented_differ;
  static const std::regex kDiff(R"re(\n- (DL\d{4}) "([^"]+)": (\S[^\n]*))re");
  for (std::sregex_iterator it(section.begin(), section.end(), kDiff), end; it != end; ++it) {
    EXPECT_TRUE(documented_differ.insert(std::string((*it)[1]) + " \"" + std::string((*it)[2]) + "\"").second)
        << "listed twice: " << (*it)[0];
  }

  for (const auto& [dl, row] : measured) {
    auto it = documented.find(dl);
    if (it == documented.end()) {
      ADD_FAILURE() << "no table row: | " << dl << " | " << row.ballast << " | " << row.cases << " | " << row.agree
                    << " |";
      continue;
    }
    EXPECT_EQ(it->second.ballast, row.ballast) << dl;
    EXPECT_EQ(it->second.cases, row.cases) << dl;
    EXPECT_EQ(it->second.agree, row.agree) << dl << " (docs say " << it->second.agree << ")";
  }
  for (const auto& [dl, row] : documented) EXPECT_TRUE(measured.count(dl)) << dl << " in the table but no vectors";
  for (const auto& d : differ) {
    EXPECT_TRUE(documented_differ.count(d)) << "ballast differs, docs do not say why: - " << d << ": ...";
  }
  for (const auto& d : documented_differ) {
    EXPECT_TRUE(differ.count(d)) << "docs list a difference that is not (or no longer) one: " << d;
  }
}

// Every hadolint code of the rule table is either measured or said to have no spec.
TEST(HadolintConformance, EveryNamedHadolintRuleCovered) {
  std::set<std::string> with_vectors;
  for (const auto& v : source().vectors) with_vectors.insert(v.rule);
  std::string section = agreement_section();
  for (const auto& r : rules()) {
    std::string_view list = r.hadolint;
    while (!list.empty()) {
      auto space = list.find(' ');
      std::string dl(list.substr(0, space));
      if (!with_vectors.count(dl)) {
        EXPECT_NE(section.find("\n| " + dl + " | " + std::string(r.id) + " | - |"), std::string::npos)
            << dl << " has no vectors and no '| " << dl << " | " << r.id << " | - |' row saying why";
      }
      if (space == std::string_view::npos) break;
      list.remove_prefix(space + 1);
    }
  }
}

}  // namespace
}  // namespace ballast::lint

// Properties of `fix` on every Dockerfile the repository's tests hold (the
// seed fixtures of lint, every hadolint spec case, the golden inputs, the
// repo's own Dockerfile, the fix fixtures), with rm-in-RUN and with cache
// mounts: the result parses; every rule a change names has strictly fewer
// findings after; no rule gains a finding; a second fix changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "dockerfile/parser.h"
#include "fix/fix.h"

namespace ballast::fix {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  std::string text;
  std::string context;  // directory for manifests, "" = none
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Case> corpus() {
  std::vector<Case> out;
  const fs::path src = BALLAST_SOURCE_DIR;
  for (const auto& e : fs::directory_iterator(src / "tests/unit/lint/fixtures")) {
    if (e.path().extension() == ".Dockerfile") out.push_back({e.path().filename().string(), read(e.path()), ""});
  }
  std::ifstream specs(src / "tests/unit/lint/fixtures/hadolint_specs.jsonl");
  std::string line;
  int n = 0;
  while (std::getline(specs, line)) {
    auto j = nlohmann::json::parse(line);
    if (!j.contains("dockerfile")) continue;
    std::string text = j["dockerfile"].get<std::string>();
    try {
      dockerfile::parse_dockerfile(text);
    } catch (const std::exception&) {
      continue;  // cases about what BuildKit rejects
    }
    out.push_back({"hadolint#" + std::to_string(n++) + " " + j.value("rule", "") + " " + j.value("case", ""), text, ""});
  }
  for (const char* p : {"Dockerfile", "tests/unit/golden/inputs/ctx/Dockerfile", "tests/unit/golden/inputs/proj/Dockerfile"}) {
    out.push_back({p, read(src / p), (src / fs::path(p).parent_path()).string()});
  }
  for (const auto& e : fs::directory_iterator(src / "tests/unit/fix/fixtures")) {
    out.push_back({e.path().filename().string(), read(e.path() / "Dockerfile"), e.path().string()});
  }
  return out;
}

std::map<std::string, int> counts(const std::vector<model::Finding>& f) {
  std::map<std::string, int> out;
  for (const auto& x : f) ++out[x.id];
  return out;
}

bool multi_stage_run = false;

void check_properties(bool cache_mounts) {
  auto cases = corpus();
  ASSERT_GT(cases.size(), 100u);
  int changed = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name + "\n" + c.text);
    FixOptions o;
    o.cache_mounts = cache_mounts;
    o.multi_stage = multi_stage_run;
    o.context_dir = c.context.empty() ? fs::path("/nonexistent-context") : fs::path(c.context);
    FixResult r = fix_text(c.text, "Dockerfile", o);
    ASSERT_NO_THROW(dockerfile::parse_dockerfile(r.fixed));
    auto before = counts(r.before), after = counts(r.after);
    for (const auto& ch : r.changes) {
      for (const auto& id : ch.ids) EXPECT_LT(after[id], before[id]) << id << ": " << ch.description << "\n" << r.fixed;
    }
    for (const auto& [id, n] : after) {
      // The runtime stage of --multi-stage installs its packages again: one
      // more download without a cache mount (BA2005, info) is its price.
      if (multi_stage_run && id == "BA2005") continue;
      EXPECT_LE(n, before[id]) << id << " gained a finding\n" << r.fixed;
    }
    EXPECT_EQ(r.changes.empty(), !r.changed());
    FixResult again = fix_text(r.fixed, "Dockerfile", o);
    EXPECT_EQ(again.fixed, r.fixed) << "a second fix changed the file";
    EXPECT_TRUE(again.changes.empty());
    changed += r.changed();
  }
  // Positive control: the corpus is full of fixable findings.
  EXPECT_GT(changed, 40);
}

TEST(FixProperties, MultiStage) {
  // check_properties with --multi-stage on top of the default fixes.
  multi_stage_run = true;
  check_properties(false);
  multi_stage_run = false;
}

TEST(FixProperties, RemoveInRun) { check_properties(false); }
TEST(FixProperties, CacheMounts) { check_properties(true); }

}  // namespace
}  // namespace ballast::fix

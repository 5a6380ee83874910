// The fixture projects of tests/unit/fix/fixtures (a Python API, a Node
// service, a C program, a Dockerfile whose risky fixes are withheld): the
// diff `ballast fix` makes equals expected.diff, written by hand from
// docs/fix.md and docs/rules.md before the code printed anything; the
// withheld fixes name their reason.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "fix/fix.h"
#include "fix/line_diff.h"

namespace ballast::fix {
namespace {

std::string dir(const std::string& name) {
  return std::string(BALLAST_SOURCE_DIR) + "/tests/unit/fix/fixtures/" + name;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

FixResult fix_fixture(const std::string& name, FixOptions options = {}) {
  options.search_config = false;
  return fix_file(dir(name) + "/Dockerfile", options);
}

std::string diff_of(const FixResult& r) { return unified_diff(r.original, r.fixed, "a/Dockerfile", "b/Dockerfile"); }

bool has_change(const FixResult& r, const std::string& id) {
  for (const auto& c : r.changes) {
    for (const auto& i : c.ids) {
      if (i == id) return true;
    }
  }
  return false;
}

const Withheld* withheld(const FixResult& r, const std::string& id) {
  for (const auto& w : r.withheld) {
    if (w.id == id) return &w;
  }
  return nullptr;
}

TEST(FixFixtures, GoldenDiffs) {
  for (const char* name : {"python_api", "node_service", "c_program", "withheld_chown", "c_runtime_library"}) {
    SCOPED_TRACE(name);
    FixResult r = fix_fixture(name);
    EXPECT_EQ(diff_of(r), read(dir(name) + "/expected.diff"));
  }
}

TEST(FixFixtures, PythonApiChangesNameTheirFindings) {
  FixResult r = fix_fixture("python_api");
  for (const char* id : {"BA1001", "BA1002", "BA1005", "BA1010", "BA2001", "BA4005"}) {
    EXPECT_TRUE(has_change(r, id)) << id;
  }
  // The `# syntax` line is there for COPY --chmod (BA1010's fix): it names that.
  bool syntax = false;
  for (const auto& c : r.changes) {
    if (c.description.starts_with("# syntax")) syntax = c.ids == std::vector<std::string>{"BA1010"};
  }
  EXPECT_TRUE(syntax);
  // The BA1001/BA1002 changes are about the apt-get RUN at line 5 of the original.
  for (const auto& c : r.changes) {
    if (c.ids.front() == "BA1001" || c.ids.front() == "BA1002") {
      EXPECT_EQ(c.line, 5) << c.description;
    }
    if (c.ids.front() == "BA4005") {
      EXPECT_EQ(c.line, 12);
    }
  }
  // No user is created: the USER fix is withheld, with a reason.
  const Withheld* w = withheld(r, "BA3002");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("no unprivileged user"), std::string::npos);
}

TEST(FixFixtures, WithheldReasons) {
  FixResult r = fix_fixture("withheld_chown");
  const Withheld* chown = withheld(r, "BA1010");
  ASSERT_NE(chown, nullptr);
  EXPECT_NE(chown->reason.find("'app' may not exist"), std::string::npos) << chown->reason;
  EXPECT_EQ(chown->line, 4);
  ASSERT_NE(withheld(r, "BA4005"), nullptr);
  // Positive controls in the same file: ADD -> COPY and USER app were made.
  EXPECT_TRUE(has_change(r, "BA4021"));
  EXPECT_TRUE(has_change(r, "BA3002"));
}

TEST(FixFixtures, CMustKeepCrlf) {
  FixResult r = fix_fixture("c_program");
  EXPECT_TRUE(r.changed());
  std::size_t lf = 0, crlf = 0;
  for (std::size_t i = 0; i < r.fixed.size(); ++i) {
    if (r.fixed[i] == '\n') (i > 0 && r.fixed[i - 1] == '\r' ? crlf : lf)++;
  }
  EXPECT_EQ(lf, 0u);
  EXPECT_EQ(crlf, 8u);
}

TEST(FixFixtures, NodeWithoutContextIsWithheld) {
  FixOptions o;
  o.context_dir = dir("c_program");  // no package.json there
  FixResult r = fix_fixture("node_service", o);
  EXPECT_FALSE(has_change(r, "BA2001"));
  const Withheld* w = withheld(r, "BA2001");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("package.json"), std::string::npos) << w->reason;
  EXPECT_TRUE(has_change(r, "BA1008"));  // positive control
}

}  // namespace
}  // namespace ballast::fix

namespace ballast::fix {
namespace {

TEST(FixFixtures, MultiStageGoldenDiffs) {
  FixOptions o;
  o.multi_stage = true;
  for (const char* name : {"python_api", "c_program", "c_runtime_library"}) {
    SCOPED_TRACE(name);
    FixResult r = fix_fixture(name, o);
    EXPECT_EQ(diff_of(r), read(dir(name) + "/expected-multi-stage.diff"));
  }
}

TEST(FixFixtures, MultiStageWithheldForARuntimeLibrary) {
  FixOptions o;
  o.multi_stage = true;
  FixResult r = fix_fixture("c_runtime_library", o);
  EXPECT_FALSE(r.changed());
  const Withheld* w = withheld(r, "BA1012");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("libssl-dev"), std::string::npos) << w->reason;
  // Positive control: the C program without a -dev library is split.
  FixResult c = fix_fixture("c_program", o);
  EXPECT_TRUE(has_change(c, "BA1012"));
  EXPECT_NE(c.fixed.find("COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello"), std::string::npos);
}

}  // namespace
}  // namespace ballast::fix

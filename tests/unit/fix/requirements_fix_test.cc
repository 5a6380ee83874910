// `fix --image`: requirement lines removed on deps' evidence. The project and
// the installed distributions are written here, so what must go and what
// must stay is read off each case by hand.
#include "fix/requirements_fix.h"

#include <gtest/gtest.h>

#include "../python/temp_project.h"

namespace ballast::fix {
namespace {

using python::InstalledDistribution;
using python::testing::TempProject;

python::DepsReport deps_of(const TempProject& p, const std::vector<InstalledDistribution>* installed) {
  python::DepsOptions options;
  options.root = p.root();
  options.installed = installed;
  return python::analyze_deps(options);
}

void write_project(const TempProject& p) {
  p.write("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
                        "CMD [\"gunicorn\", \"app:app\"]\n");
  p.write("app.py", "import fastpoint\nprint(fastpoint.answer())\n");
  // heavyweight: unused, installed, with a hash continued over two lines.
  // tinyunused: unused but not in the image (no evidence). gunicorn: run by
  // the CMD, not imported. pyyaml: unused, in the dev file the Dockerfile
  // does not install.
  p.write("requirements.txt",
          "# the API\r\nfastpoint==1.0\r\nheavyweight==2.0 \\\r\n    --hash=sha256:00ff\r\ntinyunused==1.0\r\n"
          "gunicorn==21.2.0\r\n");
  p.write("requirements-dev.txt", "pyyaml==6.0\n");
}

TEST(RequirementsFix, RemovesOnlyWhatTheImageShowsUnused) {
  TempProject p;
  write_project(p);
  std::vector<InstalledDistribution> installed = {
      {"fastpoint", "1.0", {"fastpoint"}, 1'000, {}},
      {"heavyweight", "2.0", {"heavyweight"}, 20'000'000, {"ballast-only-dep"}},
      {"ballast-only-dep", "1.0", {"ballast_only_dep"}, 3'000'000, {}},
      {"gunicorn", "21.2.0", {"gunicorn"}, 500'000, {}},
      {"PyYAML", "6.0", {"yaml"}, 700'000, {}},
  };
  std::vector<FileFix> fixes = unused_requirement_fixes(deps_of(p, &installed), p.root());
  ASSERT_EQ(fixes.size(), 1u);
  const FileFix& f = fixes[0];
  EXPECT_EQ(f.name, "requirements.txt");
  // The continued line goes whole; CRLF endings and the comment stay.
  EXPECT_EQ(f.fixed, "# the API\r\nfastpoint==1.0\r\ntinyunused==1.0\r\ngunicorn==21.2.0\r\n");
  ASSERT_EQ(f.changes.size(), 1u);
  EXPECT_EQ(f.changes[0].ids, std::vector<std::string>{"DEP002"});
  EXPECT_EQ(f.changes[0].line, 3);
  // 20 MB of its own plus the 3 MB dependency nothing else needs.
  EXPECT_EQ(f.bytes, 23'000'000u);
  EXPECT_NE(f.changes[0].description.find("heavyweight removed"), std::string::npos);
}

TEST(RequirementsFix, NoImageNoEvidenceNoChange) {
  TempProject p;
  write_project(p);
  // The positive control above finds heavyweight; without the image's
  // distributions the same project gets no edit.
  EXPECT_TRUE(unused_requirement_fixes(deps_of(p, nullptr), p.root()).empty());
}

TEST(RequirementsFix, TheLastLineWithoutNewline) {
  TempProject p;
  p.write("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n");
  p.write("app.py", "import fastpoint\n");
  p.write("requirements.txt", "fastpoint==1.0\nheavyweight==2.0");
  std::vector<InstalledDistribution> installed = {{"fastpoint", "1.0", {"fastpoint"}, 1'000, {}},
                                                  {"heavyweight", "2.0", {"heavyweight"}, 20'000'000, {}}};
  std::vector<FileFix> fixes = unused_requirement_fixes(deps_of(p, &installed), p.root());
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].fixed, "fastpoint==1.0\n");
}

}  // namespace
}  // namespace ballast::fix

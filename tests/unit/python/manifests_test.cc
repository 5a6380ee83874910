// requirements*.txt (pip's file format), pyproject.toml and setup.cfg
// readers. Each fixture is written here with its expected content.
#include <gtest/gtest.h>

#include "python/pyproject.h"
#include "python/requirements_txt.h"
#include "python/setup_cfg.h"
#include "temp_project.h"

namespace ballast::python {
namespace {

using testing::TempProject;

const Requirement* find(const Declarations& d, std::string_view normalized) {
  for (const auto& r : d.requirements) {
    if (r.normalized == normalized) return &r;
  }
  return nullptr;
}

TEST(RequirementsTxt, HierarchyWithIncludesAndConstraints) {
  // The seeds' base -> cuda -> service hierarchy.
  TempProject p;
  p.write("requirements-base.txt",
          "# Base requirements for all services - pinned versions\n"
          "fastapi==0.109.2\n"
          "uvicorn[standard]==0.27.0.post1\n"
          "pyyaml==6.0.1  # comment after blanks\n");
  p.write("requirements-cuda.txt",
          "-r requirements-base.txt\n"
          "--extra-index-url https://download.pytorch.org/whl/cpu\n"
          "torch==2.5.1\n"
          "numpy==1.26.3 \\\n"
          "    --hash=sha256:aaaa \\\n"
          "    --hash=sha256:bbbb\n");
  p.write("services/requirements-tts.txt", "-r ../requirements-cuda.txt\n-c constraints.txt\nlibrosa>=0.10\n");
  p.write("services/constraints.txt", "librosa==0.10.1\n");
  Declarations d;
  RequirementsReader reader(p.root());
  ASSERT_TRUE(reader.read(p.root() / "services/requirements-tts.txt", d));
  EXPECT_TRUE(d.warnings.empty()) << d.warnings[0].message;

  const Requirement* fastapi = find(d, "fastapi");
  ASSERT_NE(fastapi, nullptr);
  EXPECT_EQ(fastapi->location.file, "requirements-base.txt");
  EXPECT_EQ(fastapi->location.line, 2);
  const Requirement* yaml = find(d, "pyyaml");
  ASSERT_NE(yaml, nullptr);
  EXPECT_EQ(yaml->specifier, "==6.0.1");
  const Requirement* numpy = find(d, "numpy");
  ASSERT_NE(numpy, nullptr);
  EXPECT_EQ(numpy->location.line, 4);  // a continued line keeps its first line
  EXPECT_EQ(numpy->hashes, (std::vector<std::string>{"sha256:aaaa", "sha256:bbbb"}));
  ASSERT_EQ(d.indexes.size(), 1u);
  EXPECT_TRUE(d.indexes[0].extra);
  EXPECT_TRUE(is_cpu_torch_index(d.indexes[0].url));

  int librosa_entries = 0;
  for (const auto& r : d.requirements) {
    if (r.normalized != "librosa") continue;
    ++librosa_entries;
    EXPECT_EQ(r.constraint, r.location.file == "services/constraints.txt");
  }
  EXPECT_EQ(librosa_entries, 2);
  EXPECT_EQ(d.files.size(), 4u);
}

TEST(RequirementsTxt, CycleIsAWarningNotAHang) {
  TempProject p;
  p.write("requirements.txt", "-r requirements-a.txt\nflask==3.0.0\n");
  p.write("requirements-a.txt", "-r requirements.txt\nredis==5.0.1\n");
  Declarations d;
  RequirementsReader reader(p.root());
  ASSERT_TRUE(reader.read(p.root() / "requirements.txt", d));
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].location.file, "requirements-a.txt");
  EXPECT_EQ(d.warnings[0].location.line, 1);
  EXPECT_NE(d.warnings[0].message.find("include cycle"), std::string::npos);
  EXPECT_NE(find(d, "flask"), nullptr);
  EXPECT_NE(find(d, "redis"), nullptr);
}

TEST(RequirementsTxt, UrlsPathsEditablesAndBadLines) {
  TempProject p;
  p.write("requirements.txt",
          "-e git+https://github.com/org/repo.git@v1.2#egg=mylib\n"
          "-e .\n"
          "git+https://github.com/psf/requests.git@main#egg=requests\n"
          "./wheels/Pillow-10.0.0-cp311-cp311-manylinux_2_28_x86_64.whl\n"
          "https://example.com/pkgs/simplejson-3.19.1.tar.gz\n"
          "pkg @ https://example.com/pkg-1.0-py3-none-any.whl#sha256=abc\n"
          "requests >= 2 junk here\n"
          "--frobnicate\n"
          "pywin32==306; sys_platform == 'win32'\n"
          "-i https://pypi.org/simple\n");
  Declarations d;
  RequirementsReader reader(p.root());
  ASSERT_TRUE(reader.read(p.root() / "requirements.txt", d));
  const Requirement* mylib = find(d, "mylib");
  ASSERT_NE(mylib, nullptr);
  EXPECT_TRUE(mylib->editable);
  EXPECT_EQ(pin_kind(*mylib), PinKind::kUrl);
  EXPECT_NE(find(d, "requests"), nullptr);
  EXPECT_NE(find(d, "pillow"), nullptr);
  EXPECT_NE(find(d, "simplejson"), nullptr);
  const Requirement* pkg = find(d, "pkg");
  ASSERT_NE(pkg, nullptr);
  EXPECT_EQ(pkg->url, "https://example.com/pkg-1.0-py3-none-any.whl#sha256=abc");
  const Requirement* win = find(d, "pywin32");
  ASSERT_NE(win, nullptr);
  EXPECT_EQ(win->marker, "sys_platform == 'win32'");
  // "-e ." is the project itself: kept, unnamed.
  int unnamed = 0;
  for (const auto& r : d.requirements) unnamed += r.normalized.empty();
  EXPECT_EQ(unnamed, 1);
  ASSERT_EQ(d.warnings.size(), 2u);
  EXPECT_EQ(d.warnings[0].location.line, 7);
  EXPECT_NE(d.warnings[0].message.find("cannot parse requirement"), std::string::npos);
  EXPECT_EQ(d.warnings[1].location.line, 8);
  EXPECT_EQ(d.indexes.size(), 1u);
}

TEST(RequirementsTxt, NamesFromUrls) {
  EXPECT_EQ(name_from_url("git+https://x/y.git#egg=Foo_Bar"), "Foo_Bar");
  EXPECT_EQ(name_from_url("https://x/torch-2.1.0%2Bcpu-cp311-cp311-linux_x86_64.whl"), "torch");
  EXPECT_EQ(name_from_url("dist/my_pkg-0.1.0.tar.gz"), "my_pkg");
  EXPECT_EQ(name_from_url("./local/dir"), "");
  EXPECT_TRUE(is_dev_requirements_name("requirements-dev.txt"));
  EXPECT_TRUE(is_dev_requirements_name("requirements/test.txt"));
  EXPECT_FALSE(is_dev_requirements_name("requirements-slim.txt"));
  EXPECT_FALSE(is_dev_requirements_name("requirements-device.txt"));
}

TEST(Pyproject, Pep621PoetryAndGroups) {
  const char* text = R"([project]
name = "TrackMaster"
dependencies = [
  "fastapi==0.104.1",
  "numpy>=1.24",
]
[project.optional-dependencies]
gpu = ["torch==2.1.0"]
test = ["pytest"]
[project.scripts]
trackmaster = "trackmaster.cli:main"
serve = "uvicorn.main:main"

[dependency-groups]
lint = ["ruff==0.4.0", {include-group = "test"}]

[tool.poetry.dependencies]
python = "^3.11"
requests = "2.31.0"
pandas = {version = "^2.0", extras = ["performance"]}
anything = "*"
[tool.poetry.group.dev.dependencies]
black = "^24.1"
)";
  Declarations d;
  ASSERT_TRUE(read_pyproject(text, "pyproject.toml", d));
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_EQ(d.project_names, std::vector<std::string>{"trackmaster"});
  const Requirement* fastapi = find(d, "fastapi");
  ASSERT_NE(fastapi, nullptr);
  EXPECT_EQ(fastapi->location.line, 4);
  EXPECT_FALSE(fastapi->dev);
  const Requirement* torch = find(d, "torch");
  ASSERT_NE(torch, nullptr);
  EXPECT_EQ(torch->group, "gpu");
  EXPECT_FALSE(torch->dev);
  EXPECT_TRUE(find(d, "pytest")->dev);
  EXPECT_TRUE(find(d, "ruff")->dev);
  EXPECT_EQ(find(d, "python"), nullptr);
  EXPECT_EQ(find(d, "requests")->specifier, "==2.31.0");
  EXPECT_EQ(find(d, "requests")->location.line, 19);
  EXPECT_EQ(find(d, "pandas")->specifier, "^2.0");
  EXPECT_EQ(find(d, "pandas")->extras, std::vector<std::string>{"performance"});
  EXPECT_EQ(pin_kind(*find(d, "anything")), PinKind::kUnpinned);
  EXPECT_TRUE(find(d, "black")->dev);
  ASSERT_EQ(d.scripts.size(), 2u);
  // toml++ tables iterate in key order.
  EXPECT_EQ(d.scripts[0].name, "serve");
  EXPECT_EQ(d.scripts[0].module, "uvicorn.main");
  EXPECT_EQ(d.scripts[1].module, "trackmaster.cli");
}

TEST(Pyproject, BrokenTomlIsAWarningWithTheLine) {
  Declarations d;
  EXPECT_FALSE(read_pyproject("[project]\nname = \"x\"\ndependencies = [\n  \"a\",\n  oops\n]\n", "pyproject.toml", d));
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].location.file, "pyproject.toml");
  EXPECT_EQ(d.warnings[0].location.line, 5);
  EXPECT_TRUE(d.requirements.empty());
}

TEST(SetupCfg, InstallRequiresAndExtras) {
  const char* text =
      "[metadata]\nname = demo\n\n[options]\npackages = find:\ninstall_requires =\n    requests>=2.0\n"
      "    # a comment\n    PyYAML==6.0.1\nzip_safe = False\n\n[options.extras_require]\ntest =\n    pytest\n";
  Declarations d;
  read_setup_cfg(text, "setup.cfg", d);
  ASSERT_EQ(d.requirements.size(), 3u);
  EXPECT_EQ(d.requirements[0].normalized, "requests");
  EXPECT_EQ(d.requirements[0].location.line, 7);
  EXPECT_EQ(d.requirements[1].normalized, "pyyaml");
  EXPECT_EQ(d.requirements[1].location.line, 9);
  EXPECT_TRUE(d.requirements[2].dev);
  EXPECT_EQ(d.requirements[2].group, "test");
}

}  // namespace
}  // namespace ballast::python

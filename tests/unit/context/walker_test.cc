// The walker and the whole `context` analysis on small trees built in a temp
// directory; expected values are worked out by hand from Docker's rules
// (and, for the sent sets, were checked against Docker Engine 20.10 by
// tests/e2e/context_test.sh).
#include <gtest/gtest.h>

#include <map>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "context/analysis.h"
#include "context/walker.h"
#include "temp_tree.h"
#include "util/error.h"

namespace ballast::context {
namespace {

namespace fs = std::filesystem;

class TempTree : public TempTreeTest {
 protected:
  std::vector<std::string> sent(const std::string& ignore, Engine engine = Engine::kBuildKit) {
    Matcher m = Matcher::from_file_content(ignore, ".dockerignore", engine == Engine::kDocker20);
    ContextTree t = walk_context(root_, m, engine);
    std::vector<std::string> out;
    for (const auto& e : t.entries)
      if (e.sent) out.push_back(std::string(t.path(e)) + (e.type == EntryType::kDir ? "/" : ""));
    std::sort(out.begin(), out.end());
    return out;
  }
};

using V = std::vector<std::string>;

TEST_F(TempTree, ExceptionInsideExcludedDirectory) {
  write("docs/README.md", "r");
  write("docs/other.md", "o");
  write("src/a.go", "a");
  EXPECT_EQ(sent("docs\n!docs/README.md\n"), (V{"docs/", "docs/README.md", "src/", "src/a.go"}));
}

TEST_F(TempTree, PrunedDirectoryStillMeasured) {
  write("node_modules/x/index.js", std::string(1000, 'x'));
  write("app.js", "1");
  Matcher m = Matcher::from_file_content("node_modules\n", ".dockerignore");
  ContextTree t = walk_context(root_, m);
  std::uint64_t excluded = 0;
  for (const auto& e : t.entries)
    if (e.excluded && e.type == EntryType::kFile) {
      excluded += e.size;
      EXPECT_TRUE(e.pruned);
      EXPECT_EQ(e.decided_by, 0);
    }
  EXPECT_EQ(excluded, 1000u);
}

TEST_F(TempTree, EngineDifferences) {
  // Checked against Docker 20.10 (see docs/context.md): `!**/keep.txt` cannot
  // re-enter a pruned directory there; current BuildKit walks it.
  write("ex/keep.txt", "k");
  write("ex/other", "o");
  EXPECT_EQ(sent("ex\n!**/keep.txt\n"), (V{"ex/", "ex/keep.txt"}));
  EXPECT_EQ(sent("ex\n!**/keep.txt\n", Engine::kDocker20), V{});
}

TEST_F(TempTree, SymlinkLoopsAreNotFollowed) {
  mkdir("d");
  ASSERT_EQ(symlink("..", (root_ + "/d/up").c_str()), 0);
  ASSERT_EQ(symlink("self", (root_ + "/self").c_str()), 0);
  EXPECT_EQ(sent(""), (V{"d/", "d/up", "self"}));
}

TEST_F(TempTree, NonUtf8NamesAreKept) {
  write("caf\xE9.txt", "x");
  write("ok.txt", "y");
  EXPECT_EQ(sent("*.txt\n!caf?.txt\n"), (V{"caf\xE9.txt"}));  // `?` matches the invalid byte
}

TEST_F(TempTree, UnreadableDirectoryIsAWarning) {
  write("secret/x", "x");
  write("open/y", "y");
  ASSERT_EQ(chmod((root_ + "/secret").c_str(), 0), 0);
  // Root reads everything: walk as an unprivileged user in a child process.
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (geteuid() == 0 && (chmod(root_.c_str(), 0755) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    ContextTree t = walk_context(root_, Matcher());
    bool warned = t.warnings.size() == 1 && t.warnings[0].path == "secret" && t.warnings[0].breaks_build;
    Matcher ex = Matcher::from_patterns({"secret"});
    ContextTree t2 = walk_context(root_, ex);
    bool excluded_quiet = t2.warnings.empty();  // pruned: never opened
    _exit(warned && excluded_quiet ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST_F(TempTree, MissingContextIsInputError) {
  EXPECT_THROW(walk_context(root_ + "/nope", Matcher()), InputError);
}

TEST_F(TempTree, AnalysisWithDockerfile) {
  write("Dockerfile",
        "FROM alpine AS build\n"
        "COPY requirements-dev.txt /r/\n"
        "COPY src/ /src/\n"
        "RUN make\n"
        "FROM alpine\n"
        "COPY --from=build /out /out\n"
        "COPY config/*.yaml /etc/\n"
        "COPY nothere /x\n");
  write(".dockerignore", "*.txt\nnotes\n");
  write("requirements-dev.txt", "pytest\n");
  write("src/main.c", std::string(100, 'c'));
  write("config/a.yaml", "a: 1\n");
  write("data/big.csv", std::string(5000, 'd'));
  ContextOptions o;
  o.changed = {"src/main.c", "requirements-dev.txt", "config/a.yaml"};
  ContextReport r = analyze_context(root_, o);
  ASSERT_EQ(r.copy_sources.size(), 4u);
  EXPECT_EQ(r.copy_sources[0].status, "excluded");
  EXPECT_EQ(r.copy_sources[0].excluded_by_line, 1);
  EXPECT_EQ(r.copy_sources[1].status, "ok");
  EXPECT_EQ(r.copy_sources[1].bytes, 100u);
  EXPECT_EQ(r.copy_sources[2].source, "config/*.yaml");
  EXPECT_EQ(r.copy_sources[2].files, 1u);
  EXPECT_EQ(r.copy_sources[3].status, "missing");
  // Sent but never copied: .dockerignore, Dockerfile, data/big.csv.
  EXPECT_EQ(r.unreachable.files, 3u);
  ASSERT_FALSE(r.unreachable_top.empty());
  EXPECT_EQ(r.unreachable_top[0].path, "data/");
  // Rule effects: line 1 excluded one 7-byte file, line 2 matches nothing.
  ASSERT_EQ(r.rules.size(), 2u);
  EXPECT_EQ(r.rules[0].files, 1u);
  EXPECT_EQ(r.rules[0].bytes, 7u);
  EXPECT_TRUE(r.rules[1].matches_nothing);
  // --changed src/main.c: stage 0 from line 3 (COPY src/, RUN make), and the
  // final stage from its COPY --from=build (line 6) on.
  ASSERT_EQ(r.invalidations.size(), 3u);
  ASSERT_EQ(r.invalidations[0].stages.size(), 2u);
  EXPECT_EQ(r.invalidations[0].stages[0].lines, (std::vector<int>{3, 4}));
  EXPECT_EQ(r.invalidations[0].stages[1].lines, (std::vector<int>{6, 7, 8}));
  EXPECT_FALSE(r.invalidations[1].sent);
  EXPECT_EQ(r.invalidations[1].excluded_by_line, 1);
  ASSERT_EQ(r.invalidations[2].stages.size(), 1u);
  EXPECT_EQ(r.invalidations[2].stages[0].lines, (std::vector<int>{7, 8}));
  auto has = [&](const std::string& id) {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const auto& f) { return f.id == id; });
  };
  EXPECT_TRUE(has("context.copy-ignored"));
  EXPECT_TRUE(has("context.copy-missing"));
  EXPECT_TRUE(has("context.rule-matches-nothing"));
}

TEST_F(TempTree, DockerfileSpecificIgnoreReplacesRoot) {
  write("sub/Dockerfile", "FROM scratch\nCOPY . /\n");
  write("sub/Dockerfile.dockerignore", "b\n");
  write(".dockerignore", "a\n");
  write("a", "1");
  write("b", "2");
  ContextOptions o;
  o.dockerfile = root_ + "/sub/Dockerfile";
  o.list = true;
  ContextReport r = analyze_context(root_, o);
  EXPECT_EQ(r.ignore_file, root_ + "/sub/Dockerfile.dockerignore");
  EXPECT_EQ(r.sent, (V{".dockerignore", "a", "sub/", "sub/Dockerfile", "sub/Dockerfile.dockerignore"}));
  EXPECT_TRUE(r.copies_everything);
}

TEST_F(TempTree, SuggestionsOnlyForWhatIsSent) {
  write(".git/objects/pack", std::string(3000, 'g'));
  write("node_modules/a/index.js", std::string(2000, 'n'));
  write("venv/pyvenv.cfg", "home = /usr\n");
  write("venv/lib/x.py", std::string(500, 'v'));
  write("app/__pycache__/m.pyc", std::string(10, 'p'));
  write("app/m.py", "x");
  ContextOptions o;
  ContextReport r = analyze_context(root_, o);
  auto find = [&](const std::string& id) -> const model::Finding* {
    for (const auto& f : r.findings)
      if (f.id == id) return &f;
    return nullptr;
  };
  ASSERT_NE(find("context.no-dockerignore"), nullptr);
  ASSERT_NE(find("context.suggest.vcs"), nullptr);
  EXPECT_EQ(find("context.suggest.vcs")->bytes_saved, 3000u);
  ASSERT_NE(find("context.suggest.virtualenv"), nullptr);
  EXPECT_EQ(find("context.suggest.virtualenv")->bytes_saved, 512u);  // pyvenv.cfg (12) + x.py (500)
  ASSERT_NE(find("context.suggest.pycache"), nullptr);
  EXPECT_EQ(find("context.suggest.pycache")->fix, "add to .dockerignore: **/__pycache__");

  write(".dockerignore", ".git\nnode_modules\n");
  ContextReport r2 = analyze_context(root_, o);
  for (const auto& f : r2.findings) {
    EXPECT_NE(f.id, "context.suggest.vcs");
    EXPECT_NE(f.id, "context.suggest.node-modules");
    EXPECT_NE(f.id, "context.no-dockerignore");
  }
  EXPECT_EQ(r2.excluded_bytes, 5000u);
}

// Issue 14: a 5 GB build/ was suggested, then the big files inside it one
// by one, and the no-.dockerignore finding named a venv four levels inside
// build/. The highest directory covers everything below it.
TEST_F(TempTree, SuggestionsDoNotNestInsideAnEarlierOne) {
  write("build/lib/model.onnx", std::string(2 << 20, 'm'));       // big-file candidate inside build/
  write("build/a/b/c/venv/pyvenv.cfg", "home = /usr\n");          // a venv four levels down
  write("build/a/b/c/venv/lib/x.py", std::string(500, 'v'));
  write("build/logs/run.log", std::string(30, 'l'));              // log folder and log file inside
  write("app.py", "x");
  ContextOptions o;
  ContextReport r = analyze_context(root_, o);
  std::vector<std::string> ids;
  const model::Finding* build = nullptr;
  const model::Finding* none = nullptr;
  for (const auto& f : r.findings) {
    ids.push_back(f.id);
    if (f.id == "context.suggest.build-output") build = &f;
    if (f.id == "context.no-dockerignore") none = &f;
  }
  EXPECT_EQ(ids, (V{"context.no-dockerignore", "context.suggest.build-output"}));
  ASSERT_NE(build, nullptr);
  // 2 MiB + 12 + 500 + 30: everything below build/.
  EXPECT_EQ(build->bytes_saved, (2u << 20) + 12 + 500 + 30);
  EXPECT_EQ(build->message, "build outputs are sent to the builder: 2.10 MB in 4 files");
  EXPECT_EQ(build->fix, "add to .dockerignore: build");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->paths, V{"build"});
  EXPECT_EQ(none->fix, "create .dockerignore with: build");
}

TEST_F(TempTree, CodePackagesNamedLogsAreNotLogFolders) {
  write("app/logs/__init__.py", "import logging\n");  // a Python package: excluding it breaks the app
  write("app/logs/handlers.py", std::string(300, 'h'));
  write("var/logs/app.txt", std::string(40, 'l'));     // positive control: a real log folder
  ContextOptions o;
  ContextReport r = analyze_context(root_, o);
  const model::Finding* logs = nullptr;
  for (const auto& f : r.findings)
    if (f.id == "context.suggest.logs") logs = &f;
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->paths, V{"var/logs"});
  EXPECT_EQ(logs->bytes_saved, 40u);
}

TEST_F(TempTree, SuggestionsOutsideAnyDirectoryStillFire) {
  // Positive control for the test above: the same things at the top level.
  write("lib/model.onnx", std::string(2 << 20, 'm'));
  write("venv/pyvenv.cfg", "home = /usr\n");
  write("run.log", std::string(30, 'l'));
  write("keep.log", "k");
  write("Dockerfile", "FROM scratch\nCOPY keep.log /\n");
  ContextOptions o;
  ContextReport r = analyze_context(root_, o);
  std::map<std::string, const model::Finding*> by_id;
  for (const auto& f : r.findings) by_id[f.id] = &f;
  ASSERT_TRUE(by_id.count("context.suggest.big-files"));
  EXPECT_EQ(by_id["context.suggest.big-files"]->fix, "add to .dockerignore: lib/model.onnx");
  ASSERT_TRUE(by_id.count("context.suggest.virtualenv"));
  EXPECT_EQ(by_id["context.suggest.virtualenv"]->message, "a Python virtualenv is sent to the builder: 12 B in 1 file");
  ASSERT_TRUE(by_id.count("context.suggest.logs"));
  // The Dockerfile copies keep.log: the glob must not exclude it.
  EXPECT_EQ(by_id["context.suggest.logs"]->fix, "add to .dockerignore: **/*.log !keep.log");
  EXPECT_EQ(by_id["context.suggest.logs"]->bytes_saved, 30u);
  ASSERT_TRUE(by_id.count("context.no-dockerignore"));
  EXPECT_EQ(by_id["context.no-dockerignore"]->paths, V{"venv"});
}

// What a COPY/ADD/RUN --mount source names is never suggested for
// exclusion (it would break the build); a whole-context `COPY .` does not
// count: excluding from it is exactly the advice.
TEST_F(TempTree, SuggestionsLeaveOutWhatTheDockerfileNames) {
  write("tests/test_a.py", std::string(40, 't'));
  write("data/model.pt", std::string(1200 * 1024, 'm'));    // big-file candidate (> 1 MB, model extension)
  write("assets/clip.mp4", std::string(1100 * 1024, 'c'));  // another one, not named
  write(".git/HEAD", "ref");
  write("app.py", "x");
  auto ids = [&](const ContextReport& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
      if (f.id.starts_with("context.suggest.")) out.push_back(f.id + "=" + std::to_string(f.bytes_saved));
    std::sort(out.begin(), out.end());
    return out;
  };
  write("Dockerfile",
        "FROM scratch\nCOPY tests/ /t/\nRUN --mount=type=bind,source=data,target=/d true\nCOPY app.py /\n");
  ContextOptions o;
  EXPECT_EQ(ids(analyze_context(root_, o)),
            (V{"context.suggest.big-files=" + std::to_string(1100 * 1024), "context.suggest.vcs=3"}));
  write("Dockerfile", "FROM scratch\nCOPY . /app\n");
  EXPECT_EQ(ids(analyze_context(root_, o)),
            (V{"context.suggest.big-files=" + std::to_string(2300 * 1024), "context.suggest.tests=40",
               "context.suggest.vcs=3"}));
}

TEST_F(TempTree, LintApiReportsIgnoredCopySourceWithExceptions) {
  write("Dockerfile", "FROM scratch\nCOPY requirements-prod.txt requirements-dev.txt /\n");
  write(".dockerignore", "requirements-*.txt\n!requirements-prod.txt\n");
  write("requirements-prod.txt", "a");
  write("requirements-dev.txt", "b");
  auto findings = lint_context(root_, root_ + "/Dockerfile");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "context.copy-ignored");
  EXPECT_EQ(findings[0].paths, (V{"requirements-dev.txt"}));
  ASSERT_TRUE(findings[0].location.has_value());
  EXPECT_EQ(findings[0].location->line, 2);
}

}  // namespace
}  // namespace ballast::context

namespace ballast::context {
namespace {

// The progress callback sees the running entry count every `every`
// entries, in order, serial and parallel alike.
TEST_F(TempTree, ProgressEveryBlockOfEntries) {
  for (int i = 0; i < 7; ++i) write("d/f" + std::to_string(i), "");
  write("e/g", "");  // 10 entries: d, its 7 files, e, e/g
  for (unsigned threads : {1u, 4u}) {
    std::vector<std::size_t> calls;
    WalkProgress progress{[&](std::size_t n) { calls.push_back(n); }, 4};
    ContextTree t = walk_context(root_, Matcher(), Engine::kBuildKit, threads, progress);
    EXPECT_EQ(t.entries.size(), 10u);
    EXPECT_EQ(calls, (std::vector<std::size_t>{4, 8})) << threads << " threads";
  }
}

// A Dockerfile BuildKit rejects stops the analysis before the walk starts
// (on a big context the error would otherwise come seconds later).
TEST_F(TempTree, DockerfileErrorBeforeTheWalk) {
  write("Dockerfile", "# only a comment\n");  // BuildKit: "file with no instructions"
  write("a", "x");
  ContextOptions options;
  std::size_t calls = 0;
  options.progress = WalkProgress{[&](std::size_t) { ++calls; }, 1};
  EXPECT_THROW(analyze_context(root_, options), InputError);
  EXPECT_EQ(calls, 0u);
  options.use_dockerfile = false;  // the same walk reports progress without it
  analyze_context(root_, options);
  EXPECT_EQ(calls, 2u);
}

}  // namespace
}  // namespace ballast::context

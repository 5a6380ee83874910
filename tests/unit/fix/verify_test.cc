// fix --verify's decision logic with a scripted engine: what is built, in
// which order, what is measured, compared and removed. The real engine is
// exercised by tests/e2e/fix_test.sh.
#include "fix/verify.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "fix/context_change.h"
#include "util/error.h"

namespace ballast::fix {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class FakeEngine : public BuildEngine {
 public:
  bool reachable = true;
  bool fixed_builds = true;
  std::map<std::string, ImageFigures> figures;  // by tag
  std::map<std::string, RunOutcome> runs;       // by tag
  std::vector<std::string> log;                 // what was asked, in order
  std::vector<std::string> dockerfiles;         // text of each built Dockerfile
  std::vector<std::string> contexts;            // the context of each build
  std::vector<std::string> changed_contents;    // hello.txt as each build saw it
  double slept = -1;
  int untagged = 0;

  void check_reachable() override {
    if (!reachable) throw InputError("the container engine is unreachable: no socket");
  }
  BuildOutcome build(const BuildSpec& s) override {
    std::string text = slurp(s.dockerfile);
    dockerfiles.push_back(text);
    contexts.push_back(s.context.string());
    changed_contents.push_back(slurp(s.context / "hello.txt"));
    log.push_back("build " + (s.tag.empty() ? std::string("-") : s.tag) + (s.no_cache ? " cold" : " warm"));
    bool fixed = text.find("COPY --chmod") != std::string::npos;
    if (fixed && !fixed_builds) return {false, 1.0, "", "#5 ERROR: something\nfailed to solve: exit code 1\n"};
    std::string id = s.tag.empty() ? "sha256:warm" + std::to_string(++untagged) : "sha256:" + s.tag;
    double secs = s.no_cache ? (fixed ? 3.0 : 4.0) : (fixed ? 0.5 : 2.0);
    return {true, secs, id, ""};
  }
  ImageFigures measure(const std::string& image) override {
    log.push_back("measure " + image);
    return figures[image];
  }
  double timeout = -1;
  RunOutcome run(const std::string& image, const std::string& command, double timeout_seconds) override {
    timeout = timeout_seconds;
    log.push_back("run " + image + " " + command);
    return runs[image];
  }
  std::set<std::string> unstartable;
  std::string start(const std::string& image, RunOutcome& failed) override {
    log.push_back("start " + image);
    if (unstartable.count(image)) {
      failed = {false, 125, "", "docker: Error response from daemon: no command specified.\n"};
      return "";
    }
    return "c-" + image;
  }
  RunOutcome observe(const std::string& container) override {
    log.push_back("observe " + container);
    return runs[container.substr(2)];
  }
  void remove_container(const std::string& c) override { log.push_back("rm " + c); }
  void remove_image(const std::string& i) override { log.push_back("rmi " + i); }
  void sleep(double s) override { slept = s; }
  bool has_healthcheck(const std::string&) override { return false; }
  std::string health(const std::string&) override { return ""; }
  std::map<std::string, std::string> images;  // reference -> id: what the engine had before the run
  std::string image_id(const std::string& r) override {
    auto it = images.find(r);
    return it == images.end() ? "" : it->second;
  }
  engine_run::LoadOutcome load(const std::string&) override { return {}; }
  engine_run::LoadOutcome load_stream(const std::string&, const std::function<void(int)>&) override { return {}; }
};

model::Finding finding(std::string id, std::uint64_t bytes) {
  model::Finding f;
  f.id = std::move(id);
  f.bytes_saved = bytes;
  return f;
}

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("ballast-verify-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    put(dir / "Dockerfile", "FROM bb\nCOPY . /app\nRUN chmod -R 755 /app\n");
    put(dir / "hello.txt", "hello\n");
    fix.filename = (dir / "Dockerfile").string();
    fix.original = "FROM bb\nCOPY . /app\nRUN chmod -R 755 /app\n";
    fix.fixed = "FROM bb\nCOPY --chmod=755 . /app\n";
    fix.changes.push_back({{"BA1010"}, 2, "COPY --chmod=755"});
    request.dockerfile = dir / "Dockerfile";
    request.context = dir;
    request.smoke_command = "cat /app/hello.txt";
    ImageFigures before;
    before.stored_bytes = 10'000'000;
    before.final_bytes = 6'000'000;
    before.compressed_bytes = 4'000'000;
    before.layers = 3;
    before.findings = {finding("image.duplicate-files", 50), finding("image.rewritten-same-content", 3'999'000)};
    ImageFigures after;
    after.stored_bytes = 6'000'500;
    after.final_bytes = 6'000'000;
    after.compressed_bytes = 2'500'000;
    after.layers = 2;
    engine.figures["ballast-verify:before"] = before;
    engine.figures["ballast-verify:after"] = after;
    engine.runs["ballast-verify:before"] = {false, 0, "hello\n", ""};
    engine.runs["ballast-verify:after"] = {false, 0, "hello\n", ""};
  }
  void TearDown() override { fs::remove_all(dir); }

  fs::path dir;
  FixResult fix;
  VerifyRequest request;
  FakeEngine engine;
};

TEST_F(VerifyTest, BuildsMeasuresRebuildsSmokesAndRemovesInOrder) {
  VerifyReport r = verify(fix, engine, request);
  std::vector<std::string> expected = {
      "build ballast-verify:before cold",
      "build ballast-verify:after cold",
      "measure ballast-verify:before",
      "measure ballast-verify:after",
      "build - warm",
      "rmi sha256:warm1",
      "build - warm",
      "rmi sha256:warm2",
      "run ballast-verify:before cat /app/hello.txt",
      "run ballast-verify:after cat /app/hello.txt",
      "rmi ballast-verify:after",
      "rmi ballast-verify:before",
  };
  EXPECT_EQ(engine.log, expected);
  EXPECT_TRUE(r.recommended);
  EXPECT_EQ(r.verdict, "fix recommended: the fixed image passes the smoke test");
  // The two cold builds got the original and the fixed text, the user's context.
  ASSERT_EQ(engine.dockerfiles.size(), 4u);
  EXPECT_EQ(engine.dockerfiles[0], fix.original);
  EXPECT_EQ(engine.dockerfiles[1], fix.fixed);
  EXPECT_EQ(engine.contexts[0], dir.string());
  // The warm builds ran in a copy with hello.txt changed (blank text added:
  // a newline, then spaces and newlines); the user's file is as it was.
  EXPECT_NE(engine.contexts[2], dir.string());
  const std::string& changed = engine.changed_contents[2];
  ASSERT_TRUE(changed.starts_with("hello\n\n")) << changed;
  EXPECT_EQ(changed.find_first_not_of(" \n", 6), std::string::npos) << changed;
  EXPECT_EQ(slurp(dir / "hello.txt"), "hello\n");
  EXPECT_FALSE(fs::exists(engine.contexts[2]));  // the temporary copy is gone
  EXPECT_EQ(r.changed_file, "hello.txt");
  EXPECT_DOUBLE_EQ(r.before.cold_seconds, 4.0);
  EXPECT_DOUBLE_EQ(r.after.cold_seconds, 3.0);
  EXPECT_EQ(r.before.warm_seconds, 2.0);
  EXPECT_EQ(r.after.warm_seconds, 0.5);
  // 10,000,000 - 6,000,500; 6,000,000 - 6,000,000; 4,000,000 - 2,500,000.
  EXPECT_EQ(r.stored_saved(), 3'999'500);
  EXPECT_EQ(r.final_saved(), 0);
  EXPECT_EQ(r.compressed_saved(), 1'500'000);
  // BA1010 -> image.rewritten-same-content only (not the duplicate files).
  ASSERT_EQ(r.predictions.size(), 1u);
  EXPECT_EQ(r.predictions[0].finding, "image.rewritten-same-content");
  EXPECT_EQ(r.predicted_bytes, 3'999'000u);
  EXPECT_EQ(r.smoke.reason, "same exit code (0) and stdout");
}

// A tag the run would build is someone's already: nothing is built, nothing
// removed (the positive control is every other test here: no such tag).
TEST_F(VerifyTest, ATagTheEngineHasIsRefusedBeforeBuilding) {
  engine.images["ballast-verify:after"] = "sha256:users-own";
  try {
    verify(fix, engine, request);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ballast-verify:after is already in the engine"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(engine.log.empty()) << engine.log.front();
}

TEST_F(VerifyTest, KeepLeavesTheTags) {
  request.keep = true;
  VerifyReport r = verify(fix, engine, request);
  EXPECT_TRUE(r.kept);
  for (const auto& line : engine.log) EXPECT_NE(line, "rmi ballast-verify:before");
  for (const auto& line : engine.log) EXPECT_NE(line, "rmi ballast-verify:after");
  // The untagged warm images are still removed.
  EXPECT_EQ(std::count(engine.log.begin(), engine.log.end(), "rmi sha256:warm1"), 1);
}

TEST_F(VerifyTest, TagPrefix) {
  request.tag_prefix = "mine";
  engine.figures["mine:before"] = engine.figures["ballast-verify:before"];
  engine.runs["mine:before"] = engine.runs["mine:after"] = {false, 0, "hello\n", ""};
  VerifyReport r = verify(fix, engine, request);
  EXPECT_EQ(r.before.tag, "mine:before");
  EXPECT_EQ(r.after.tag, "mine:after");
  EXPECT_EQ(engine.log.front(), "build mine:before cold");
}

TEST_F(VerifyTest, SmokeStdoutMismatchIsNotRecommended) {
  engine.runs["ballast-verify:after"] = {false, 0, "hell\n", ""};
  VerifyReport r = verify(fix, engine, request);
  EXPECT_FALSE(r.recommended);
  EXPECT_EQ(r.smoke.reason, "stdout differs (same exit code 0)");
  EXPECT_EQ(r.verdict, "fix not recommended: the smoke test failed (stdout differs (same exit code 0))");
  // Still cleaned up.
  EXPECT_EQ(engine.log.back(), "rmi ballast-verify:before");
}

TEST_F(VerifyTest, SmokeTimeoutFails) {
  request.smoke_timeout = 7.5;
  engine.runs["ballast-verify:after"] = {false, 137, "", "", true};
  VerifyReport r = verify(fix, engine, request);
  EXPECT_DOUBLE_EQ(engine.timeout, 7.5);
  EXPECT_FALSE(r.recommended);
  EXPECT_EQ(r.smoke.reason, "the smoke command did not end within 7.5 s in the fixed image");
  engine.runs["ballast-verify:before"].timed_out = true;
  EXPECT_EQ(verify(fix, engine, request).smoke.reason, "the smoke command did not end within 7.5 s in both images");
}

TEST_F(VerifyTest, SmokeExitCodeMismatch) {
  engine.runs["ballast-verify:after"] = {false, 126, "hello\n", "sh: permission denied\n"};
  VerifyReport r = verify(fix, engine, request);
  EXPECT_FALSE(r.recommended);
  EXPECT_EQ(r.smoke.reason, "exit codes differ: 0 before, 126 after");
}

TEST_F(VerifyTest, CmdModeBothRunningPasses) {
  request.smoke_command.reset();
  request.smoke_seconds = 2.5;
  engine.runs["ballast-verify:before"] = {true, 0, "", ""};
  engine.runs["ballast-verify:after"] = {true, 0, "", ""};
  VerifyReport r = verify(fix, engine, request);
  EXPECT_DOUBLE_EQ(engine.slept, 2.5);
  EXPECT_TRUE(r.recommended);
  EXPECT_EQ(r.smoke.mode, SmokeMode::kCmd);
  EXPECT_EQ(r.smoke.reason, "both images still running after the wait");
  // Both containers started before the one wait, both removed.
  auto pos = [&](const std::string& s) { return std::find(engine.log.begin(), engine.log.end(), s) - engine.log.begin(); };
  EXPECT_LT(pos("start ballast-verify:after"), pos("observe c-ballast-verify:before"));
  EXPECT_LT(pos("rm c-ballast-verify:before"), static_cast<long>(engine.log.size()));
  EXPECT_LT(pos("rm c-ballast-verify:after"), static_cast<long>(engine.log.size()));
}

TEST_F(VerifyTest, CmdModeOneExitedFails) {
  request.smoke_command.reset();
  engine.runs["ballast-verify:before"] = {true, 0, "", ""};
  engine.runs["ballast-verify:after"] = {false, 1, "", "boom\n"};
  VerifyReport r = verify(fix, engine, request);
  EXPECT_FALSE(r.recommended);
  EXPECT_EQ(r.smoke.reason, "the fixed image exited (code 1), the original still runs");
}

TEST_F(VerifyTest, CmdModeFixedImageThatCannotStartIsNotRecommended) {
  request.smoke_command.reset();
  engine.runs["ballast-verify:before"] = {true, 0, "", ""};
  engine.unstartable.insert("ballast-verify:after");
  VerifyReport r = verify(fix, engine, request);
  EXPECT_FALSE(r.recommended);
  EXPECT_EQ(r.smoke.after.exit_code, 125);
  EXPECT_EQ(r.smoke.after.err, "docker: Error response from daemon: no command specified.\n");
  EXPECT_EQ(r.smoke.reason, "the fixed image exited (code 125), the original still runs");
  // Only the container that started is observed and removed.
  EXPECT_EQ(std::count(engine.log.begin(), engine.log.end(), "observe c-ballast-verify:after"), 0);
  EXPECT_EQ(std::count(engine.log.begin(), engine.log.end(), "rm c-ballast-verify:before"), 1);
  EXPECT_EQ(std::count(engine.log.begin(), engine.log.end(), "rm c-ballast-verify:after"), 0);
}

TEST_F(VerifyTest, CmdModeBothExitedAlikePasses) {
  request.smoke_command.reset();
  engine.runs["ballast-verify:before"] = {false, 0, "hello\n", ""};
  engine.runs["ballast-verify:after"] = {false, 0, "hello\n", ""};
  EXPECT_TRUE(verify(fix, engine, request).recommended);
}

TEST_F(VerifyTest, FixedBuildFailingIsNotRecommendedWithTheBuildLines) {
  engine.fixed_builds = false;
  VerifyReport r = verify(fix, engine, request);
  EXPECT_FALSE(r.recommended);
  EXPECT_FALSE(r.after.built);
  EXPECT_EQ(r.after_build_error, "#5 ERROR: something\nfailed to solve: exit code 1");
  EXPECT_EQ(r.verdict, "fix not recommended: the fixed Dockerfile does not build");
  EXPECT_FALSE(r.smoke.ran);
  EXPECT_EQ(engine.log.back(), "rmi ballast-verify:before");
  for (const auto& line : engine.log) EXPECT_NE(line, "measure ballast-verify:after");
}

TEST_F(VerifyTest, UnreachableEngineIsBadInputAndBuildsNothing) {
  engine.reachable = false;
  EXPECT_THROW(verify(fix, engine, request), InputError);
  EXPECT_TRUE(engine.log.empty());
}

TEST(VerifyPredict, EachFindingOnceInChangeOrder) {
  std::vector<Change> changes = {{{"BA1001"}, 2, ""}, {{"BA1002", "BA1005"}, 2, ""}, {{"BA1002"}, 5, ""}};
  std::vector<model::Finding> before = {finding("image.cache.pip", 700), finding("image.cache.apt-lists", 40'000),
                                        finding("image.cache.apt-archives", 0), finding("image.docs", 9)};
  auto p = predict(changes, before);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].rule, "BA1002");
  EXPECT_EQ(p[0].finding, "image.cache.apt-lists");
  EXPECT_EQ(p[0].bytes, 40'000u);
  EXPECT_EQ(p[1].rule, "BA1005");
  EXPECT_EQ(p[1].bytes, 700u);
  EXPECT_TRUE(findings_for_rule("BA1001").empty());
}

TEST(ContextChange, PicksTheNewestSentFileAndCopiesWhatIsSent) {
  fs::path dir = fs::temp_directory_path() / ("ballast-ctx-change-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  put(dir / "Dockerfile", "FROM x\n");
  put(dir / "old.txt", "old");
  put(dir / "src/new.py", "print(1)\n");
  put(dir / "ignored.log", "log");
  put(dir / ".dockerignore", "*.log\n");
  auto t = fs::file_time_type::clock::now();
  fs::last_write_time(dir / "old.txt", t - std::chrono::hours(2));
  fs::last_write_time(dir / "src/new.py", t - std::chrono::hours(1));
  // Newer, but excluded or not application files.
  fs::last_write_time(dir / "ignored.log", t);
  fs::last_write_time(dir / "Dockerfile", t);
  fs::last_write_time(dir / ".dockerignore", t);
  EXPECT_EQ(pick_changed_file(dir, dir / "Dockerfile"), "src/new.py");

  fs::path copy = dir.string() + "-copy";
  fs::remove_all(copy);
  fs::create_directories(copy);
  copy_context(dir, dir / "Dockerfile", copy, {}, std::string("src/new.py"));
  // The original, then blank text only: a newline, spaces and newlines.
  const std::string changed = slurp(copy / "src/new.py");
  ASSERT_TRUE(changed.starts_with("print(1)\n\n")) << changed;
  EXPECT_EQ(changed.find_first_not_of(" \n", 9), std::string::npos) << changed;
  EXPECT_EQ(slurp(copy / "old.txt"), "old");
  EXPECT_EQ(slurp(copy / ".dockerignore"), "*.log\n");
  EXPECT_FALSE(fs::exists(copy / "ignored.log"));
  EXPECT_EQ(slurp(dir / "src/new.py"), "print(1)\n");
  fs::remove_all(dir);
  fs::remove_all(copy);
}

// A second run must not change the file as the first did: the engine's
// cache would hold the first run's warm rebuild and answer the second from it
// (a CI run timed a "rebuild" of 0.57 s that rebuilt nothing).
TEST(ContextChange, EachWarmChangeIsNew) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string s = warm_change_suffix();
    ASSERT_EQ(s.front(), '\n');
    EXPECT_EQ(s.find_first_not_of(" \n"), std::string::npos);
    seen.insert(s);
  }
  EXPECT_GE(seen.size(), 49u);  // 32 random bits each: a repeat in 50 is ~3e-7
}

TEST(ContextChange, NoSentFile) {
  fs::path dir = fs::temp_directory_path() / ("ballast-ctx-empty-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  put(dir / "Dockerfile", "FROM x\n");
  EXPECT_FALSE(pick_changed_file(dir, dir / "Dockerfile").has_value());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ballast::fix

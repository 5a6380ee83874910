// The shared engine-running pieces: the subprocess runner, docker load's
// output, and the smoke test's decisions with a scripted engine (hand-made
// outcomes; the real engine is exercised by tests/e2e/fix_test.sh and
// tests/e2e/slim_test.sh).
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <chrono>
#include <deque>
#include <map>

#include "engine_run/docker_cli.h"
#include "engine_run/process.h"
#include "engine_run/smoke.h"
#include "util/error.h"

namespace ballast::engine_run {
namespace {

class ScriptedEngine : public ContainerEngine {
 public:
  std::map<std::string, RunOutcome> runs;                 // by image
  std::map<std::string, bool> healthchecks;               // by image
  std::map<std::string, std::deque<std::string>> health_seq;  // by container: one status per look (the last repeats)
  std::vector<std::string> log;
  double slept = 0;

  void check_reachable() override {}
  RunOutcome run(const std::string& image, const std::string& command, double) override {
    log.push_back("run " + image + " " + command);
    return runs[image];
  }
  std::string start(const std::string& image, RunOutcome&) override {
    log.push_back("start " + image);
    return "c-" + image;
  }
  RunOutcome observe(const std::string& c) override {
    log.push_back("observe " + c);
    return runs[c.substr(2)];
  }
  bool has_healthcheck(const std::string& image) override { return healthchecks[image]; }
  std::string health(const std::string& c) override {
    auto& q = health_seq[c];
    if (q.empty()) return "";
    std::string h = q.front();
    if (q.size() > 1) q.pop_front();
    return h;
  }
  std::string image_id(const std::string& r) override { return "sha256:" + r; }
  LoadOutcome load(const std::string&) override { return {}; }
  LoadOutcome load_stream(const std::string&, const std::function<void(int)>&) override { return {}; }
  void remove_container(const std::string& c) override { log.push_back("rm " + c); }
  void remove_image(const std::string& i) override { log.push_back("rmi " + i); }
  void sleep(double s) override { slept += s; }
};

TEST(Smoke, CommandModeRunsShInBothAndComparesExitAndStdout) {
  ScriptedEngine e;
  e.runs["a"] = {false, 0, "hello\n", "", false, ""};
  e.runs["b"] = {false, 0, "hello\n", "other stderr", false, ""};
  SmokeRequest req;
  req.command = "cat /x";
  SmokeReport s;
  run_smoke(e, req, "a", "b", s);
  EXPECT_EQ(e.log, (std::vector<std::string>{"run a cat /x", "run b cat /x"}));
  EXPECT_EQ(s.mode, SmokeMode::kCommand);
  EXPECT_TRUE(s.passed);
  EXPECT_EQ(s.reason, "same exit code (0) and stdout");
}

TEST(Smoke, CommandModeFileMissingInTheNewImageFails) {
  ScriptedEngine e;
  e.runs["a"] = {false, 0, "hello\n", "", false, ""};
  e.runs["b"] = {false, 1, "", "cat: can't open '/x': No such file or directory\n", false, ""};
  SmokeRequest req;
  req.command = "cat /x";
  SmokeReport s;
  run_smoke(e, req, "a", "b", s);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.reason, "exit codes differ: 0 before, 1 after");
}

TEST(Smoke, CmdModeWithoutHealthcheckWaitsTheSecondsAndRemovesBoth) {
  ScriptedEngine e;
  e.runs["a"] = {true, 0, "", "", false, ""};
  e.runs["b"] = {true, 0, "", "", false, ""};
  SmokeRequest req;
  req.seconds = 4;
  SmokeReport s;
  run_smoke(e, req, "a", "b", s);
  EXPECT_EQ(s.mode, SmokeMode::kCmd);
  EXPECT_EQ(e.slept, 4);
  EXPECT_EQ(e.log, (std::vector<std::string>{"start a", "start b", "observe c-a", "observe c-b", "rm c-a", "rm c-b"}));
  EXPECT_TRUE(s.passed);
}

TEST(Smoke, HealthModeWhenTheOriginalHasAHealthcheck) {
  ScriptedEngine e;
  e.healthchecks["a"] = true;
  e.runs["a"] = {true, 0, "", "", false, ""};
  e.runs["b"] = {true, 0, "", "", false, ""};
  // a: healthy at the third look; b: at the second. Looks at 0, 1, 2 s.
  e.health_seq["c-a"] = {"starting", "starting", "healthy"};
  e.health_seq["c-b"] = {"starting", "healthy"};
  SmokeRequest req;
  req.timeout = 30;
  req.poll_seconds = 1;
  SmokeReport s;
  run_smoke(e, req, "a", "b", s);
  EXPECT_EQ(s.mode, SmokeMode::kHealth);
  EXPECT_EQ(e.slept, 2);
  EXPECT_EQ(s.seconds, 2);
  EXPECT_TRUE(s.passed) << s.reason;
  EXPECT_EQ(s.reason, "both images healthy after 2 s");
  EXPECT_EQ(s.before.health, "healthy");
  EXPECT_EQ(e.log.back(), "rm c-b");
}

TEST(Smoke, HealthModeUnhealthyStopsAtOnce) {
  ScriptedEngine e;
  e.healthchecks["a"] = true;
  e.health_seq["c-a"] = {"starting", "healthy"};
  e.health_seq["c-b"] = {"starting", "unhealthy"};
  SmokeRequest req;
  req.timeout = 30;
  SmokeReport s;
  s.after_name = "the slim image";
  run_smoke(e, req, "a", "b", s);
  EXPECT_EQ(e.slept, 1);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.reason, "the slim image is unhealthy");
}

TEST(Smoke, HealthModeTimeout) {
  ScriptedEngine e;
  e.healthchecks["a"] = true;
  e.health_seq["c-a"] = {"healthy"};
  e.health_seq["c-b"] = {"starting"};
  SmokeRequest req;
  req.timeout = 3;
  req.poll_seconds = 1;
  SmokeReport s;
  run_smoke(e, req, "a", "b", s);
  // Looks at 0, 1, 2, 3 s: three sleeps, then the timeout.
  EXPECT_EQ(e.slept, 3);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.reason, "not healthy within 3 s in the new image (starting)");
}

TEST(Smoke, HealthModeNewImageWithoutHealthStatus) {
  SmokeReport s;
  s.mode = SmokeMode::kHealth;
  s.timeout = 10;
  s.before.health = "healthy";
  judge_smoke(s);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.reason, "not healthy within 10 s in the new image (no health status)");
}

TEST(Smoke, CmdModeNamesTheImages) {
  SmokeReport s;
  s.mode = SmokeMode::kCmd;
  s.after_name = "the slim image";
  s.before = {true, 0, "", "", false, ""};
  s.after = {false, 127, "", "", false, ""};
  judge_smoke(s);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.reason, "the slim image exited (code 127), the original still runs");
}

TEST(Smoke, TimeoutNamesTheImage) {
  SmokeReport s;
  s.timeout = 7.5;
  s.before_name = "the original";
  s.after.timed_out = true;
  judge_smoke(s);
  EXPECT_EQ(s.reason, "the smoke command did not end within 7.5 s in the new image");
}

TEST(ImageCleanup, RemovesLastAddedFirst) {
  ScriptedEngine e;
  {
    ImageCleanup c(e);
    c.add("x:before");
    c.add("x:after");
  }
  EXPECT_EQ(e.log, (std::vector<std::string>{"rmi x:after", "rmi x:before"}));
}

TEST(DockerLoad, ParsesTagsAndIds) {
  LoadOutcome a = parse_load_output("Loaded image: e2e/slim:safe\nLoaded image: other:1\n");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"e2e/slim:safe", "other:1"}));
  EXPECT_EQ(a.reference(), "e2e/slim:safe");
  LoadOutcome b = parse_load_output("Loaded image ID: sha256:abc\n");
  EXPECT_TRUE(b.tags.empty());
  EXPECT_EQ(b.reference(), "sha256:abc");
}

TEST(VerifyJudge, CommandModeComparesExitAndStdoutOnly) {
  SmokeReport s;
  s.before = {false, 3, "x", "e1"};
  s.after = {false, 3, "x", "different stderr"};
  judge_smoke(s);
  EXPECT_TRUE(s.passed);
  s.after.exit_code = 4;
  judge_smoke(s);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.reason, "exit codes differ: 3 before, 4 after");
}

TEST(RunProcess, CapturesBothStreamsAndTheExitCode) {
  ProcessResult r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  EXPECT_FALSE(r.timed_out);
}

TEST(RunProcess, ExtraEnvironmentReplacesAVariable) {
  ::setenv("BALLAST_TEST_VAR", "old", 1);
  ProcessResult r = run_process({"sh", "-c", "echo $BALLAST_TEST_VAR; env | grep -c '^BALLAST_TEST_VAR='"},
                                {"BALLAST_TEST_VAR=new"});
  EXPECT_EQ(r.out, "new\n1\n");
  ::unsetenv("BALLAST_TEST_VAR");
}

TEST(RunProcess, KilledAtTheTimeout) {
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = run_process({"sleep", "30"}, {}, 1 << 20, 0.2);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, 128 + 9);
  EXPECT_LT(took, 5.0);
}

TEST(RunProcess, MissingProgramIsBadInput) {
  EXPECT_THROW(run_process({"/nonexistent/ballast-no-such-program"}), InputError);
}

// A write failure as image_output's writers report one.
void write_or_throw(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) throw std::runtime_error(std::string("cannot write: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

// The feed writes the child's stdin on a thread of its own: 4 MiB through
// `wc -c` (more than a pipe holds, so feeding and draining must overlap).
TEST(RunProcessFed, TheChildReadsWhatTheFeedWrites) {
  const std::string chunk(1 << 20, 'x');
  ProcessResult r = run_process_fed({"wc", "-c"}, [&](int fd) {
    for (int i = 0; i < 4; ++i) write_or_throw(fd, chunk);
  });
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::to_string(4 << 20) + "\n");
}

// A child that stops reading: the feed's write fails (EPIPE, no SIGPIPE
// kills this process). The child's failure is what is reported; when the
// child succeeded anyway, the feed's error is.
TEST(RunProcessFed, AChildThatStopsReadingFailsTheFeedNotTheProcess) {
  const std::string chunk(1 << 20, 'x');
  auto feed = [&](int fd) {
    for (int i = 0; i < 16; ++i) write_or_throw(fd, chunk);
  };
  ProcessResult r = run_process_fed({"sh", "-c", "echo refused >&2; exit 3"}, feed);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "refused\n");
  EXPECT_THROW(run_process_fed({"true"}, feed), std::runtime_error);
  // Control: the same feed into a child that reads it all.
  EXPECT_EQ(run_process_fed({"sh", "-c", "cat >/dev/null"}, feed).exit_code, 0);
}

// What the feed reads from failing (a registry blob cut off): that error,
// not the child's complaint about a truncated input.
TEST(RunProcessFed, TheFeedsOwnInputErrorWinsOverTheChildsFailure) {
  auto feed = [](int fd) {
    write_or_throw(fd, "partial");
    throw InputError("blob cut off");
  };
  try {
    run_process_fed({"sh", "-c", "cat >/dev/null; echo truncated >&2; exit 1"}, feed);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "blob cut off");
  }
}

TEST(RunProcess, LastLines) {
  EXPECT_EQ(last_lines("a\n\nb\r\nc  \n\n", 2), "b\nc");
  EXPECT_EQ(last_lines("", 3), "");
}

}  // namespace
}  // namespace ballast::engine_run

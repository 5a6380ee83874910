// The small pieces of the history: git HEAD read from .git (checked against
// `git rev-parse HEAD` of real repositories the test makes), --since, the
// repository of an image name and the summary of a snapshot.
#include <gtest/gtest.h>

#include <filesystem>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "history/git_head.h"
#include "history/summary.h"
#include "history/time_text.h"

namespace ballast::testing {
namespace {

std::string sh(const std::string& cmd) {
  CommandResult r = run_command(cmd + " 2>/dev/null");
  EXPECT_EQ(r.code, 0) << cmd;
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

const char* kGit =
    "git -c user.name=t -c user.email=t@t -c init.defaultBranch=main -c commit.gpgsign=false";

TEST(GitHead, MatchesGitRevParse) {
  TempDir dir;
  const std::string repo = dir / "repo";
  sh(std::string(kGit) + " init -q " + repo);
  EXPECT_EQ(history::git_head(repo), "");  // unborn branch: no commit yet
  sh("cd " + repo + " && echo a > a && " + kGit + " add a && " + kGit + " commit -qm one");
  const std::string one = sh("cd " + repo + " && git rev-parse HEAD");
  ASSERT_EQ(one.size(), 40u);
  EXPECT_EQ(history::git_head(repo), one);  // loose ref
  std::filesystem::create_directories(repo + "/sub/dir");
  EXPECT_EQ(history::git_head(repo + "/sub/dir"), one);  // searched upward

  sh("cd " + repo + " && git pack-refs --all");  // the ref now lives only in packed-refs
  ASSERT_FALSE(std::filesystem::exists(repo + "/.git/refs/heads/main"));
  EXPECT_EQ(history::git_head(repo), one);

  sh("cd " + repo + " && echo b > b && " + kGit + " add b && " + kGit + " commit -qm two");
  const std::string two = sh("cd " + repo + " && git rev-parse HEAD");
  EXPECT_EQ(history::git_head(repo), two);
  sh("cd " + repo + " && git checkout -q --detach " + one);
  EXPECT_EQ(history::git_head(repo), one);  // detached HEAD

  // A linked worktree: .git is a file pointing into the main repository.
  sh("cd " + repo + " && git checkout -q main && " + kGit + " worktree add -q -b side " +
     dir.path() + "/wt " + one);
  ASSERT_TRUE(std::filesystem::is_regular_file(dir / "wt/.git"));
  EXPECT_EQ(history::git_head(dir / "wt"), sh("cd " + dir.path() + "/wt && git rev-parse HEAD"));
  EXPECT_EQ(history::git_head(dir / "wt"), one);
}

TEST(GitHead, OutsideACheckout) {
  TempDir dir;
  EXPECT_EQ(history::git_head(dir.path()), "");
}

TEST(TimeText, FormatAndSince) {
  EXPECT_EQ(history::format_time(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(history::format_time(1796281248), "2026-12-03T07:00:48Z");  // `date -u -d @1796281248`
  const std::int64_t now = 1796281248;
  EXPECT_EQ(history::parse_since("7d", now), now - 7 * 86400);
  EXPECT_EQ(history::parse_since("12h", now), now - 12 * 3600);
  EXPECT_EQ(history::parse_since("30m", now), now - 1800);
  EXPECT_EQ(history::parse_since("2w", now), now - 14 * 86400);
  EXPECT_EQ(history::parse_since("90s", now), now - 90);
  EXPECT_EQ(history::parse_since("2026-12-03", now), 1796256000);  // `date -u -d 2026-12-03 +%s`
  EXPECT_EQ(history::parse_since("2026-12-03T07:00:48Z", now), 1796281248);
  EXPECT_EQ(history::parse_since("2026-12-03 07:00", now), 1796281200);
  EXPECT_EQ(history::parse_since("2024-02-29", now), 1709164800);  // a leap day
  for (const char* bad : {"", "d", "7", "7y", "-7d", "2026-13-01", "2026-02-30", "2026-12-03T25:00",
                          "yesterday", "2026-12-03Tx", "2026-12-03 07:00:48+01:00"})
    EXPECT_EQ(history::parse_since(bad, now), std::nullopt) << bad;
}

TEST(Summary, RepositoryAndTag) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(history::split_repository("app:1.0"), (P{"app", "1.0"}));
  EXPECT_EQ(history::split_repository("reg:5000/team/app"), (P{"reg:5000/team/app", ""}));
  EXPECT_EQ(history::split_repository("reg:5000/team/app:2"), (P{"reg:5000/team/app", "2"}));
  EXPECT_EQ(history::split_repository("app@sha256:abc"), (P{"app", ""}));

  analysis::ImageSnapshot s;
  s.source = "docker-daemon:busybox";
  s.name = "docker.io/library/busybox";
  EXPECT_EQ(history::repository_of(s), "busybox");
  s.name = "";
  s.source = "oci:./out";
  EXPECT_EQ(history::repository_of(s), "oci:./out");
}

TEST(Summary, FromSnapshot) {
  analysis::ImageSnapshot s;
  s.source = "app.tar";
  s.name = "ghcr.io/org/app:3";
  s.digest = "sha256:00";
  s.stored_bytes = 30;
  s.final_bytes = 20;
  s.compressed_bytes = 10;
  s.layers.resize(4);
  s.attributed = true;
  s.categories = {{"caches", "", 7, 1}, {"app", "", 3, 3}};
  s.has_findings = true;
  s.findings.resize(3);
  s.findings[0].severity = model::Severity::kError;
  s.findings[1].severity = model::Severity::kWarning;
  s.findings[2].severity = model::Severity::kWarning;
  const history::Run r = history::summarize(s, {"check", 42, "abc", "fail"});
  history::Run expect;
  expect.repository = "ghcr.io/org/app";
  expect.tag = "3";
  expect.digest = "sha256:00";
  expect.time = 42;
  expect.command = "check";
  expect.source = "app.tar";
  expect.stored_bytes = 30;
  expect.final_bytes = 20;
  expect.compressed_bytes = 10;
  expect.layers = 4;
  expect.categories = {{"caches", 7}, {"app", 3}};
  expect.findings = {{"error", 1}, {"warning", 2}, {"info", 0}};
  expect.git_commit = "abc";
  expect.result = "fail";
  EXPECT_EQ(r, expect);
  // Unattributed: no categories and no finding counts (unknown, not zero).
  s.attributed = false;
  s.has_findings = false;
  const history::Run bare = history::summarize(s, {"analyze", 42, "", ""});
  EXPECT_TRUE(bare.categories.empty());
  EXPECT_TRUE(bare.findings.empty());
}

}  // namespace
}  // namespace ballast::testing

// `--record` and `ballast history` through the CLI, against both back ends,
// on docker archives the test writes (the numbers worked out from what it
// put in them, as in tests/unit/check/cli_check_test.cc):
//   app:1  layer 0 bin/sh (10 B) + srv/model.bin (1000 B);
//          layer 1 srv/model.bin again (2000 B) + srv/app.py (500 B):
//          stored 3510, final 2510, 2 layers; ml-models (srv/model.bin) 3000.
//   app:2  app:1 + layer 2 srv/extra.txt (1000 B): stored 4510, final 3510.
//   app:3  app:2 + layer 3 srv/more.txt (250 B): stored 4760, final 3760.
// Compressed bytes: a docker archive stores its layers as plain tars, so
// they are the sizes of the tars the writer made (writer::layer_tar); the
// digest is the config's file name in the archive (<sha256>.json); the git
// commit is `git rev-parse HEAD` of the checkout the test makes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "pg_test_server.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

writer::WriteImage image(int version) {
  writer::WriteImage img;
  img.layers.push_back({{writer::file_entry("bin/sh", std::string(10, 's')),
                         writer::file_entry("srv/model.bin", std::string(1000, 'a'))},
                        "ADD rootfs /"});
  img.layers.push_back({{writer::file_entry("srv/model.bin", std::string(2000, 'b')),
                         writer::file_entry("srv/app.py", std::string(500, 'p'))},
                        "/bin/sh -c train"});
  if (version >= 2)
    img.layers.push_back(
        {{writer::file_entry("srv/extra.txt", std::string(1000, 'x'))}, "COPY extra /srv/"});
  if (version >= 3)
    img.layers.push_back(
        {{writer::file_entry("srv/more.txt", std::string(250, 'm'))}, "COPY more /srv/"});
  img.repo_tags = {"app:" + std::to_string(version)};
  return img;
}

struct Expected {
  std::uint64_t stored, final, compressed, layers;
  std::string digest;
};

void put(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class HistoryCliFixture : public ::testing::Test {
 protected:
  void prepare(bool postgres) {
    if (postgres) {
      BALLAST_REQUIRE_POSTGRES(url);
      store_flag_ = " --history '" + url + "'";
    }
    std::filesystem::create_directories(dir_ / "work");
    put(dir_ / "work/.ballast.yaml",
        "analyze:\n  categories:\n    - category: ml-models\n      path: srv/model.bin\n");
    const std::uint64_t stored[] = {3510, 4510, 4760}, final[] = {2510, 3510, 3760};
    for (int v = 1; v <= 3; ++v) {
      const writer::WriteImage img = image(v);
      const std::string path = archive(v);
      writer::write_docker_archive({img}, path);
      Expected e{stored[v - 1], final[v - 1], 0, img.layers.size(), ""};
      for (const auto& l : img.layers) e.compressed += writer::layer_tar(l).size();
      const std::string names = run_command("tar tf " + path).out;
      std::smatch m;
      EXPECT_TRUE(std::regex_search(names, m, std::regex("([0-9a-f]{64})\\.json"))) << names;
      e.digest = "sha256:" + m[1].str();
      expected_.push_back(e);
    }
  }
  std::string archive(int v) const { return dir_ / ("app" + std::to_string(v) + ".tar"); }
  CommandResult ballast(const std::string& args, const std::string& cwd = "") const {
    return run_command("cd " + (cwd.empty() ? dir_ / "work" : cwd) + " && " + BALLAST_BINARY + " " +
                       args + store_flag_ + " 2>&1");
  }

  TempDir dir_;
  std::string store_flag_;  // "" = the default SQLite file
  std::vector<Expected> expected_;
};

class HistoryCli : public HistoryCliFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { prepare(GetParam() == "postgres"); }
};

TEST_P(HistoryCli, ThreeRecordedRunsReadBackExactly) {
  // The working directory is a git checkout: each run records its HEAD.
  const std::string git = "git -c user.name=t -c user.email=t@t -c commit.gpgsign=false";
  ASSERT_EQ(run_command("cd " + dir_ / "work" + " && git init -q . && " + git +
                        " add .ballast.yaml && " + git + " commit -qm one")
                .code,
            0);
  const std::string head =
      run_command("cd " + dir_ / "work" + " && git rev-parse HEAD").out.substr(0, 40);

  ASSERT_EQ(ballast("analyze " + archive(1) + " --record").code, 0);
  ASSERT_EQ(ballast("analyze " + archive(2) + " --record --format json").code, 0);
  // A check that fails still records (as "fail"), and exits 1.
  CommandResult check = ballast("check " + archive(3) + " --record --max-stored 4700");
  ASSERT_EQ(check.code, 1) << check.out;
  // The findings and categories each run saw, from analyze's own JSON report.
  std::vector<nlohmann::json> reports;
  for (int v = 1; v <= 3; ++v) {
    CommandResult r = run_command("cd " + dir_ / "work" + " && " + BALLAST_BINARY + " analyze " +
                                  archive(v) + " --format json");
    ASSERT_EQ(r.code, 0) << r.out;
    reports.push_back(nlohmann::json::parse(r.out));
  }

  CommandResult h = ballast("history app --format json");
  ASSERT_EQ(h.code, 0) << h.out;
  const auto doc = nlohmann::json::parse(h.out);
  EXPECT_EQ(doc["kind"], "history");
  EXPECT_EQ(doc["repository"], "app");
  ASSERT_EQ(doc["runs"].size(), 3u) << h.out;
  for (int i = 0; i < 3; ++i) {
    const auto& run = doc["runs"][i];
    const Expected& e = expected_[static_cast<std::size_t>(i)];
    EXPECT_EQ(run["repository"], "app");
    EXPECT_EQ(run["tag"], std::to_string(i + 1));
    EXPECT_EQ(run["digest"], e.digest);
    EXPECT_EQ(run["source"], archive(i + 1));
    EXPECT_EQ(run["stored_bytes"], e.stored);
    EXPECT_EQ(run["final_bytes"], e.final);
    EXPECT_EQ(run["compressed_bytes"], e.compressed);
    EXPECT_EQ(run["layers"], e.layers);
    EXPECT_EQ(run["git_commit"], head);
    EXPECT_EQ(run["command"], i < 2 ? "analyze" : "check");
    EXPECT_EQ(run["result"], i < 2 ? nlohmann::json(nullptr) : nlohmann::json("fail"));
    EXPECT_EQ(run["categories"]["ml-models"], 3000);
    const auto& report = reports[static_cast<std::size_t>(i)];
    for (const auto& c : report["categories"])
      EXPECT_EQ(run["categories"][c["name"].get<std::string>()], c["stored_bytes"]);
    std::map<std::string, int> by_severity{{"info", 0}, {"warning", 0}, {"error", 0}};
    for (const auto& f : report["findings"]) ++by_severity[f["severity"].get<std::string>()];
    for (const auto& [sev, n] : by_severity) EXPECT_EQ(run["findings"][sev], n) << sev;
  }

  CommandResult text = ballast("history app --bytes");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("app — 3 runs"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("stored ▁▇█  3510 → 4760 (+1250, +35.6%)"), std::string::npos)
      << text.out;
  CommandResult csv = ballast("history --format csv");
  ASSERT_EQ(csv.code, 0);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4) << csv.out;
  // --since in the future: nothing; --last 1: the newest.
  CommandResult future = ballast("history app --since 2999-01-01 --format json");
  EXPECT_EQ(nlohmann::json::parse(future.out)["runs"].size(), 0u) << future.out;
  CommandResult last = ballast("history app --last 1 --format json");
  EXPECT_EQ(nlohmann::json::parse(last.out)["runs"][0]["tag"], "3") << last.out;
  // A --since that is neither a date nor a duration: one line, exit 2, nothing printed before it.
  CommandResult bad = ballast("history app --since yesterday");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_EQ(std::count(bad.out.begin(), bad.out.end(), '\n'), 1) << bad.out;
  EXPECT_NE(bad.out.find("--since"), std::string::npos) << bad.out;
}

// Four `ballast analyze --record` at once: four runs, none lost.
TEST_P(HistoryCli, ConcurrentRecordsLoseNothing) {
  std::string cmd;
  for (int i = 0; i < 4; ++i)
    cmd += std::string(BALLAST_BINARY) + " analyze " + archive(1 + i % 3) + " --record" +
           store_flag_ + " >/dev/null 2>>errors.txt & ";
  CommandResult r = run_command("cd " + dir_ / "work" + " && { " + cmd + "wait; cat errors.txt; }");
  EXPECT_EQ(r.out, "");
  CommandResult h = ballast("history --format json");
  ASSERT_EQ(h.code, 0) << h.out;
  const auto runs = nlohmann::json::parse(h.out)["runs"];
  ASSERT_EQ(runs.size(), 4u) << h.out;
  std::map<std::string, int> tags;
  for (const auto& run : runs) ++tags[run["tag"].get<std::string>()];
  EXPECT_EQ(tags, (std::map<std::string, int>{{"1", 2}, {"2", 1}, {"3", 1}}));
}

// A bare --baseline is the newest recorded run of the image's repository.
TEST_P(HistoryCli, BaselineFromHistory) {
  CommandResult none = ballast("check " + archive(2) + " --baseline --max-growth 500");
  EXPECT_EQ(none.code, 2) << none.out;
  // No store yet (no file; a database without ballast's tables).
  EXPECT_NE(none.out.find("nothing has been recorded there yet"), std::string::npos) << none.out;

  ASSERT_EQ(ballast("analyze " + archive(1) + " --record").code, 0);
  // app:2 grew 1000 B (+28.49 %) from app:1: over both limits.
  CommandResult grown = ballast(
      "check " + archive(2) + " --baseline --max-growth 500 --max-growth-percent 10 --format json");
  ASSERT_EQ(grown.code, 1) << grown.out;
  const auto doc = nlohmann::json::parse(grown.out);
  EXPECT_TRUE(doc["baseline"].get<std::string>().starts_with("history:app:1 (run "))
      << doc["baseline"];
  EXPECT_EQ(doc["rules"][0]["value"], 1000);
  // Recorded app:2 becomes the next baseline: app:3 grew 250 B (+5.5 %).
  ASSERT_EQ(ballast("analyze " + archive(2) + " --record").code, 0);
  CommandResult next =
      ballast("check " + archive(3) + " --baseline --max-growth 500 --max-growth-percent 10");
  EXPECT_EQ(next.code, 0) << next.out;
  CommandResult named = ballast(
      "check " + archive(3) + " --baseline history:app --max-growth 200 --growth-requires either");
  EXPECT_EQ(named.code, 1) << named.out;
  CommandResult other =
      ballast("check " + archive(3) + " --baseline history:nope --max-growth 200");
  EXPECT_EQ(other.code, 2) << other.out;
  EXPECT_NE(other.out.find("no recorded run of nope in "), std::string::npos) << other.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryCli, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

class HistoryCliSqlite : public HistoryCliFixture {
 protected:
  void SetUp() override { prepare(false); }
};

// The default store is beside the .ballast.yaml, whichever subdirectory runs;
// history.url names another.
TEST_F(HistoryCliSqlite, StoreLocation) {
  std::filesystem::create_directories(dir_ / "work/sub/dir");
  ASSERT_EQ(ballast("analyze " + archive(1) + " --record", dir_ / "work/sub/dir").code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "work/.ballast/history.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "work/sub/dir/.ballast"));
  put(dir_ / "work/.ballast.yaml", "history:\n  url: elsewhere.db\n");
  ASSERT_EQ(ballast("analyze " + archive(2) + " --record").code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "work/elsewhere.db"));
  CommandResult h = ballast("history --format json");
  EXPECT_EQ(nlohmann::json::parse(h.out)["runs"].size(), 1u) << h.out;
  put(dir_ / "work/.ballast.yaml", "history:\n  ur1: x\n");
  CommandResult typo = ballast("history");
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.out.find("did you mean"), std::string::npos) << typo.out;
}

// A damaged store: exit 2, one line, no report printed, the file as it was.
TEST_F(HistoryCliSqlite, CorruptStore) {
  ASSERT_EQ(ballast("analyze " + archive(1) + " --record").code, 0);
  const std::string db = dir_ / "work/.ballast/history.db";
  std::string bytes = slurp(db);
  bytes.replace(0, 16, std::string(16, 'x'));
  std::ofstream(db, std::ios::binary | std::ios::trunc) << bytes;
  for (const std::string& args :
       {"analyze " + archive(2) + " --record", "check " + archive(2) + " --record --max-layers 9",
        std::string("history")}) {
    CommandResult r = ballast(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
    EXPECT_EQ(r.out, "ballast: error: history store " + db +
                         ": file is not a database (not a ballast history store, or damaged)\n")
        << args;
  }
  EXPECT_EQ(slurp(db), bytes);
}

// A saved report records like the image it was made from: its JSON carries the image ID.
TEST_F(HistoryCliSqlite, SavedReportRecordsTheImage) {
  ASSERT_EQ(ballast("analyze " + archive(2) + " --format json > saved.json").code, 0);
  CommandResult r = ballast("check saved.json --record --max-layers 3");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto runs = nlohmann::json::parse(ballast("history --format json").out)["runs"];
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["repository"], "app");
  EXPECT_EQ(runs[0]["tag"], "2");
  EXPECT_EQ(runs[0]["digest"], expected_[1].digest);
  EXPECT_EQ(runs[0]["stored_bytes"], expected_[1].stored);
  EXPECT_EQ(runs[0]["compressed_bytes"], expected_[1].compressed);
  EXPECT_EQ(runs[0]["result"], "pass");
}

TEST_F(HistoryCliSqlite, UnreachablePostgres) {
  CommandResult r =
      ballast("analyze " + archive(1) +
              " --record --history 'postgresql://u:hunter2@/db?host=" + dir_.path() + "/none'");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_TRUE(r.out.starts_with("ballast: error: history store postgresql://u@/db?host=")) << r.out;
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
  CommandResult missing = ballast("history");
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.out.find("no such file (nothing has been recorded there yet)"),
            std::string::npos)
      << missing.out;
}

}  // namespace
}  // namespace ballast::testing

// `ballast fix` through the real binary: the diff on stdout applies with
// GNU patch and gives the --write result byte for byte; --write keeps the
// file's mode and leaves no temporary file; --exit-code; unknown ids and
// unreadable files exit 2 with one line; JSON names the changes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace {

namespace fs = std::filesystem;

class FixCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ballast-fix-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }
  std::string read(const std::string& name) {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  ballast::testing::CommandResult run(const std::string& args, const std::string& redirect = "2>/dev/null",
                                      const std::string& env = "") {
    return ballast::testing::run_command("cd '" + dir_.string() + "' && " + env + "'" + BALLAST_BINARY + "' fix " +
                                         args + " " + redirect);
  }
  fs::path dir_;
};

const char* kDockerfile =
    "FROM debian:12\n"
    "# keep this comment\n"
    "RUN apt-get update && apt-get install -y curl\n"
    "ADD notes.txt /notes.txt\n";

TEST_F(FixCli, DiffAppliesWithPatchAndEqualsWrite) {
  write("Dockerfile", kDockerfile);
  ::chmod((dir_ / "Dockerfile").c_str(), 0640);
  auto diff = run("");
  EXPECT_EQ(diff.code, 0);
  EXPECT_EQ(read("Dockerfile"), kDockerfile);  // not written without --write
  write("fix.patch", diff.out);
  fs::copy_file(dir_ / "Dockerfile", dir_ / "Patched");
  auto patch = ballast::testing::run_command("cd '" + dir_.string() + "' && patch -s Patched fix.patch");
  ASSERT_EQ(patch.code, 0) << diff.out;
  auto w = run("--write");
  EXPECT_EQ(w.code, 0);
  EXPECT_NE(w.out.find("BA1001"), std::string::npos) << w.out;
  EXPECT_EQ(read("Dockerfile"), read("Patched"));
  EXPECT_NE(read("Dockerfile").find("# keep this comment\n"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "Dockerfile").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  for (const auto& e : fs::directory_iterator(dir_)) EXPECT_FALSE(e.path().filename().string().starts_with(".Dockerfile"));
  // Now fixed: nothing more, and --exit-code says so.
  EXPECT_EQ(run("--exit-code").code, 0);
  EXPECT_EQ(run("--exit-code").out, "");
}

TEST_F(FixCli, ExitCodeWhenChangesAreNeeded) {
  write("Dockerfile", kDockerfile);
  EXPECT_EQ(run("--exit-code").code, 1);
  EXPECT_EQ(run("--exit-code --write").code, 1);  // it needed them, even though they are now written
  EXPECT_EQ(run("--exit-code").code, 0);
}

TEST_F(FixCli, BadInputExitsTwoWithOneLine) {
  write("Dockerfile", kDockerfile);
  auto r = run("--only BA1101", "2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown rule id 'BA1101'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("did you mean 'BA1001'?"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  r = run("missing.Dockerfile", "2>&1");
  EXPECT_EQ(r.code, 2);
  write("Bad", "FROM a\nENV X\n");
  EXPECT_EQ(run("Bad").code, 2);
  EXPECT_EQ(read("Bad"), "FROM a\nENV X\n");
}

TEST_F(FixCli, JsonNamesChanges) {
  write("Dockerfile", kDockerfile);
  auto r = run("--format json --only BA4021");
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["kind"], "fix");
  ASSERT_EQ(j["changes"].size(), 1u);
  EXPECT_EQ(j["changes"][0]["ids"][0], "BA4021");
  EXPECT_EQ(j["changes"][0]["line"], 4);
  EXPECT_EQ(j["findings_before"]["BA4021"], 1);
  EXPECT_FALSE(j["findings_after"].contains("BA4021"));
  EXPECT_EQ(j["written"], false);
}

TEST_F(FixCli, Stdin) {
  auto r = ballast::testing::run_command("printf 'FROM alpine:3.20\\nRUN apk add curl\\n' | '" +
                                         std::string(BALLAST_BINARY) + "' fix - 2>/dev/null");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("+RUN apk add --no-cache curl"), std::string::npos) << r.out;
}

// --image through the binary: an image written here holds two pip-installed
// distributions; the code imports one. The other's line goes, and its bytes
// are the sum of its files as written (RECORD lists them).
TEST_F(FixCli, ImageEvidenceRemovesTheUnusedRequirement) {
  write("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
                      "CMD [\"python3\", \"/app/app.py\"]\n");
  write("app.py", "import fastpoint\nprint(fastpoint.answer())\n");
  write("requirements.txt", "fastpoint==1.0\nheavyweight==2.0\n");
  const std::string site = "usr/local/lib/python3.11/site-packages/";
  std::vector<ballast::writer::WriteEntry> files;
  std::uint64_t heavy_bytes = 0;
  for (const auto& [name, version, payload] :
       std::vector<std::tuple<std::string, std::string, std::size_t>>{{"fastpoint", "1.0", 100}, {"heavyweight", "2.0", 50000}}) {
    std::string info = name + "-" + version + ".dist-info/";
    std::string metadata = "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n";
    std::string top = name + "\n";
    std::string record = name + "/__init__.py,sha256=x," + std::to_string(payload) + "\n" + info + "METADATA,sha256=x," +
                         std::to_string(metadata.size()) + "\n" + info + "top_level.txt,sha256=x," +
                         std::to_string(top.size()) + "\n" + info + "RECORD,,\n";
    files.push_back(ballast::writer::file_entry(site + name + "/__init__.py", std::string(payload, 'p')));
    files.push_back(ballast::writer::file_entry(site + info + "METADATA", metadata));
    files.push_back(ballast::writer::file_entry(site + info + "top_level.txt", top));
    files.push_back(ballast::writer::file_entry(site + info + "RECORD", record));
    if (name == "heavyweight") heavy_bytes = payload + metadata.size() + top.size() + record.size();
  }
  ballast::writer::WriteImage img;
  img.layers.push_back({});
  img.layers[0].entries = files;
  ballast::writer::write_docker_archive({img}, (dir_ / "built.tar").string());

  auto r = run("--no-config --image built.tar --format json --write Dockerfile");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(read("requirements.txt"), "fastpoint==1.0\n");
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"].size(), 1u) << r.out;
  EXPECT_EQ(j["files"][0]["file"], "requirements.txt");
  EXPECT_EQ(j["files"][0]["changes"][0]["ids"][0], "DEP002");
  EXPECT_EQ(j["files"][0]["bytes_saved"].get<std::uint64_t>(), heavy_bytes);
  EXPECT_NE(j["diff"].get<std::string>().find("--- a/requirements.txt\n+++ b/requirements.txt\n"), std::string::npos);
  // A second run has nothing left to remove.
  r = run("--no-config --image built.tar --format json Dockerfile");
  EXPECT_TRUE(nlohmann::json::parse(r.out)["files"].empty()) << r.out;
  // Bad input: one line, exit 2, nothing written.
  write("requirements.txt", "fastpoint==1.0\nheavyweight==2.0\n");
  for (const char* args : {"--image missing.tar Dockerfile", "--image-name app:1 Dockerfile", "--image built.tar -"}) {
    auto bad = run(std::string("--no-config --write ") + args + " </dev/null", "2>&1");
    EXPECT_EQ(bad.code, 2) << args << ": " << bad.out;
    EXPECT_EQ(std::count(bad.out.begin(), bad.out.end(), '\n'), 1) << args << ": " << bad.out;
  }
  EXPECT_EQ(read("requirements.txt"), "fastpoint==1.0\nheavyweight==2.0\n");
}

TEST_F(FixCli, VerifyOptionsNeedVerify) {
  write("Dockerfile", kDockerfile);
  for (const char* args : {"--smoke true", "--keep", "--tag-prefix x", "--smoke-seconds 2", "--smoke-timeout 9",
                           "--format markdown"}) {
    auto r = run(args, "2>&1");
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_NE(r.out.find("only with --verify"), std::string::npos) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  }
}

TEST_F(FixCli, VerifyWithoutAnEngineIsOneLineExit2AndWritesNothing) {
  write("Dockerfile", kDockerfile);
  // A PATH with no docker at all, then a docker whose engine is not there.
  auto none = run("--verify --write", "2>&1", "PATH=/nonexistent ");
  EXPECT_EQ(none.code, 2) << none.out;
  EXPECT_EQ(std::count(none.out.begin(), none.out.end(), '\n'), 1) << none.out;
  std::string fake = (dir_ / "bin").string();
  fs::create_directories(fake);
  write("bin/docker", "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///x.sock' >&2\nexit 1\n");
  ::chmod((dir_ / "bin/docker").c_str(), 0755);
  auto down = run("--verify --write", "2>&1", "PATH='" + fake + ":/usr/bin:/bin' ");
  EXPECT_EQ(down.code, 2) << down.out;
  EXPECT_EQ(down.out,
            "ballast: error: the container engine is unreachable (docker version): Cannot connect to the Docker "
            "daemon at unix:///x.sock\n");
  EXPECT_EQ(read("Dockerfile"), kDockerfile);
}

TEST_F(FixCli, VerifyRefusesATagPrefixDockerWouldReject) {
  write("Dockerfile", kDockerfile);
  for (const char* bad : {"Upper", "a//b", "-x", "x-", "a b", "x:"}) {
    auto r = run(std::string("--verify --tag-prefix '") + bad + "'", "2>&1", "PATH=/nonexistent ");
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.out.find("not an image repository name"), std::string::npos) << r.out;
  }
  // Accepted names get as far as looking for docker.
  for (const char* good : {"mine", "reg.example:5000/team/verify", "a_b.c-d"}) {
    auto r = run(std::string("--verify --tag-prefix '") + good + "'", "2>&1", "PATH=/nonexistent ");
    EXPECT_EQ(r.code, 2) << good;
    EXPECT_EQ(r.out.find("not an image repository name"), std::string::npos) << r.out;
  }
}

TEST_F(FixCli, VerifyWithNothingToFixBuildsNothing) {
  write("Dockerfile", "FROM debian:12\nCMD [\"true\"]\n");
  auto r = run("--verify --no-config --except BA2003,BA3002", "2>&1", "PATH=/nonexistent ");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("nothing to fix, nothing to verify"), std::string::npos) << r.out;
}

// --multi-stage reads the context's package-lock.json for a Node build: a
// valid one lets the split through (the positive control), a truncated one
// withholds it with the file named, and a nesting bomb is one line, exit 2,
// nothing written.
TEST_F(FixCli, MultiStageNodeLockIsReadWithBounds) {
  const fs::path fixture = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/fix/fixtures/node_typescript";
  fs::copy(fixture, dir_, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const std::string original = read("Dockerfile");
  auto r = run("--multi-stage");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("AS builder"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("&& npm prune --omit=dev"), std::string::npos) << r.out;

  write("package-lock.json", R"({"lockfileVersion": 3, "packages": {)");
  r = run("--multi-stage", "2>&1");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.find("AS builder"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("BA1018: not fixed: --multi-stage: package-lock.json"), std::string::npos) << r.out;

  write("package-lock.json", std::string(100000, '[') + std::string(100000, ']'));
  r = run("--multi-stage --write", "2>&1 >/dev/null");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find("package-lock.json"), std::string::npos) << r.out;
  EXPECT_EQ(read("Dockerfile"), original);
}

}  // namespace

// Hostile requirements files (issue 19) through `ballast deps`: includes
// outside the project, devices, oversized files, deep markers and lines that
// must not be echoed whole. Limits in docs/limits.md.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/run_command.h"
#include "temp_project.h"

namespace ballast::python {
namespace {

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " deps " + args + " 2>&1");
}

TEST(HostileDeps, IncludesOutsideTheProjectAreNotRead) {
  testing::TempProject outside;
  outside.write("shadow", "root:$6$SECRETHASH:19000:0:99999:7:::\n");
  testing::TempProject p;
  const std::string secret = (outside.root() / "shadow").string();
  const std::string rel = std::filesystem::relative(outside.root() / "shadow", p.root()).string();
  ASSERT_EQ(rel.rfind("../", 0), 0u) << rel;
  p.write("requirements.txt", "-r " + secret + "\n-r " + rel + "\n-r sub/base.txt\n");
  p.write("sub/base.txt", "requests==2.31.0\n");
  p.write("main.py", "import requests\n");
  const CliRun r = run(p.root().string());
  EXPECT_EQ(r.out.find("SECRETHASH"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("include '" + secret + "' is outside the project (not followed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("include '" + rel + "' is outside the project (not followed"), std::string::npos) << r.out;
  // Positive control: the include inside the project is followed (requests is
  // declared, so importing it is not reported missing).
  EXPECT_EQ(r.out.find("requests is imported"), std::string::npos) << r.out;
  const CliRun j = run(p.root().string() + " --format json");
  EXPECT_NE(j.out.find("\"requests\""), std::string::npos) << j.out;
}

TEST(HostileDeps, UnparsableLinesAreQuotedShortAndEscaped) {
  testing::TempProject p;
  const std::string secret = "root:$6$" + std::string(200, 'H') + "\x1b[31m";
  p.write("requirements.txt", secret + "\n");
  const CliRun r = run(p.root().string());
  EXPECT_NE(r.out.find("cannot parse requirement 'root:$6$" + std::string(32, 'H') + "'..."), std::string::npos)
      << r.out;
  // No quote anywhere in the message is longer than the 40-byte prefix.
  EXPECT_EQ(r.out.find(std::string(41, 'H')), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
}

TEST(HostileDeps, DevicesAndHugeFilesAreRefused) {
  testing::TempProject p;
  p.write("requirements.txt", "-r /dev/zero\n-r fifo.txt\n-r big.txt\n");
  p.write("big.txt", std::string((16u << 20) + 1, '#'));
  // A FIFO inside the project: reading it would block forever.
  ASSERT_EQ(mkfifo((p.root() / "fifo.txt").c_str(), 0600), 0);
  const CliRun r = run(p.root().string());
  EXPECT_NE(r.out.find("include '/dev/zero' is outside the project"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fifo.txt is not a regular file (not followed)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("big.txt is larger than 16 MiB"), std::string::npos) << r.out;
  EXPECT_NE(r.code, 3);
}

TEST(HostileDeps, DeepMarkerIsADiagnosticNotACrash) {
  testing::TempProject p;
  p.write("requirements.txt", "requests ; " + std::string(20000, '(') + "python_version > \"3\"" +
                                  std::string(20000, ')') + "\n");
  const CliRun r = run(p.root().string());
  EXPECT_TRUE(r.code == 0 || r.code == 1) << r.code;
  EXPECT_NE(r.out.find("parentheses nested more than 100 deep"), std::string::npos) << r.out.substr(0, 400);
  // Control: a marker 5 deep parses.
  testing::TempProject ok;
  ok.write("requirements.txt", "requests ; (((((python_version > \"3\")))))\n");
  const CliRun c = run(ok.root().string());
  EXPECT_EQ(c.out.find("cannot parse"), std::string::npos) << c.out;
}

}  // namespace
}  // namespace ballast::python

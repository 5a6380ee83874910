// `ballast deps` through the real binary: JSON envelope, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.h"
#include "temp_project.h"

namespace ballast::python {
namespace {

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " deps " + args + " 2>&1");
}

TEST(CliDeps, JsonEnvelopeAndFailOn) {
  testing::TempProject p;
  p.write("requirements.txt", "requests==2.31.0\ntorch==2.1.0\n");
  p.write("main.py", "import requests\n");
  std::string dir = p.root().string();

  CliRun json = run(dir + " --format json");
  ASSERT_EQ(json.code, 0) << json.out;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["schema"], "ballast.report");
  EXPECT_EQ(j["kind"], "deps");
  EXPECT_EQ(j["python_version"], "3.11");
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["id"], "DEP002");
  EXPECT_EQ(j["findings"][0]["location"]["file"], "requirements.txt");
  EXPECT_EQ(j["findings"][0]["location"]["line"], 2);
  EXPECT_EQ(j["requirements"].size(), 2u);

  EXPECT_EQ(run(dir + " --fail-on unused").code, 1);
  EXPECT_EQ(run(dir + " --fail-on missing").code, 0);
  CliRun text = run(dir);
  EXPECT_NE(text.out.find(
                "requirements.txt:2: DEP002 warning: torch==2.1.0 is declared but never imported"),
            std::string::npos)
      << text.out;
}

TEST(CliDeps, BadInputExitsTwo) {
  testing::TempProject p;
  EXPECT_EQ(run(p.root().string()).code, 2);  // nothing to read
  p.write("main.py", "import os\n");
  EXPECT_EQ(run(p.root().string() + " --python-version 2.7").code, 2);
  EXPECT_EQ(run(p.root().string() + " --fail-on bogus").code, 2);
  EXPECT_EQ(run(p.root().string()).code, 0);
}

}  // namespace
}  // namespace ballast::python

// `ballast lint` on Compose files through the real binary: auto-detection by
// name, -f merging, bad input as one line and exit 2, the JSON `compose` field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.h"

namespace {

const std::string kFixtures = std::string(BALLAST_SOURCE_DIR) + "/tests/unit/compose/fixtures";

ballast::testing::CommandResult run(const std::string& dir, const std::string& args, bool stderr_only = false) {
  std::string redirect = stderr_only ? " 2>&1 >/dev/null" : " 2>/dev/null";
  return ballast::testing::run_command("cd '" + kFixtures + "/" + dir + "' && env -u COMPOSE_PROFILES '" +
                                       BALLAST_BINARY + "' lint --no-config " + args + redirect);
}

TEST(ComposeCli, DetectedByNameAndFindingsNameTheService) {
  auto r = run("target", "compose.yml");
  EXPECT_EQ(r.code, 1) << r.out;  // BA1016 is a warning
  EXPECT_NE(r.out.find("Dockerfile:5:1 warning BA1016"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(service dev, compose.yml:3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("compose.yml:3:1 info BA6007"), std::string::npos) << r.out;
  // Any name with -f: ok.yml's unpinned-free nginx:1.25 service has no healthcheck (BA6006).
  auto flagged = run("errors", "-f ok.yml");
  EXPECT_EQ(flagged.code, 0) << flagged.out;
  EXPECT_NE(flagged.out.find("ok.yml:2:1 info BA6006"), std::string::npos) << flagged.out;
}

TEST(ComposeCli, JsonCarriesTheComposeOrigin) {
  auto r = run("target", "--format json compose.yml");
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["kind"], "lint");
  bool dockerfile_finding = false, compose_rule = false;
  for (const auto& f : j["findings"]) {
    ASSERT_TRUE(f.contains("compose")) << f.dump();
    if (f["id"] == "BA1016") {
      dockerfile_finding = true;
      EXPECT_EQ(f["compose"]["service"], "dev");
      EXPECT_EQ(f["compose"]["line"], 3);
      EXPECT_EQ(f["compose"]["file"], "compose.yml");
      EXPECT_EQ(f["location"]["file"], "Dockerfile");
      EXPECT_EQ(f["location"]["line"], 5);
    }
    if (f["id"] == "BA6007") {
      compose_rule = true;
      EXPECT_EQ(f["location"]["file"], "compose.yml");
      EXPECT_EQ(f["location"]["line"], 3);
    }
  }
  EXPECT_TRUE(dockerfile_finding);
  EXPECT_TRUE(compose_rule);
}

TEST(ComposeCli, BadInputIsOneLineAndExit2) {
  struct Case {
    std::string args, message;
  };
  for (const Case& c : {Case{"-f malformed.yml", "ballast: error: malformed.yml:"},
                        Case{"-f nonmap.yml", "ballast: error: nonmap.yml:2: service \"web\" must be a mapping"},
                        Case{"-f required.yml", "ballast: error: required.yml:3: required variable NEED_TAG"},
                        Case{"-f cycle.yml", "ballast: error: cycle.yml:"},
                        Case{"-f ok.yml -f nothere.yml", "ballast: error: nothere.yml: no such Compose file"},
                        Case{"-f nocontext.yml", "ballast: error: nocontext.yml:4: service \"web\": build context "},
                        Case{"--compose-config -f required.yml", "ballast: error: required.yml:3: required variable"}}) {
    auto r = run("errors", c.args, true);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_EQ(r.out.rfind(c.message, 0), 0u) << c.args << ": " << r.out;
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << c.args << ": " << r.out;
  }
  auto ok = run("errors", "-f ok.yml", true);  // control: the same directory, a good file
  EXPECT_EQ(ok.out.find("error"), std::string::npos) << ok.out;
}

TEST(ComposeCli, ComposeConfigMergesOverrides) {
  auto r = run("oracle/override", "--compose-config -f compose.yml -f compose.dev.yml");
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["services"]["api"]["command"], "flask run --reload");
  EXPECT_EQ(j["services"]["api"]["build"]["target"], "dev");
  EXPECT_EQ(j["services"]["api"]["environment"]["LOG_LEVEL"], "debug");
  EXPECT_EQ(j["services"]["api"]["ports"], (nlohmann::json{"8080:80", "5678:5678"}));
  EXPECT_TRUE(j["services"].contains("extra"));
}

}  // namespace

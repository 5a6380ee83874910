// The verify table as text, Markdown and JSON, on hand-made reports; the
// expected figures are computed by hand in the comments.
#include "report/fix_verify_render.h"

#include <gtest/gtest.h>

#include <sstream>

namespace ballast::report {
namespace {

fix::VerifyReport sample() {
  fix::VerifyReport r;
  r.before.tag = "ballast-verify:before";
  r.after.tag = "ballast-verify:after";
  r.before.built = r.after.built = true;
  r.before.figures = {10'000'000, 6'000'000, 4'000'000, true, 3, {}};
  r.after.figures = {6'000'000, 6'000'000, 2'000'000, true, 2, {}};
  r.before.cold_seconds = 4.0;
  r.after.cold_seconds = 3.0;
  r.before.warm_seconds = 2.0;
  r.after.warm_seconds = 0.5;
  r.changed_file = "hello.txt";
  r.predictions = {{"BA1010", "image.rewritten-same-content", 3'990'000}};
  r.predicted_bytes = 3'990'000;
  r.smoke.ran = true;
  r.smoke.command = "cat /app/hello.txt";
  r.smoke.before = {false, 0, "hello\n", ""};
  r.smoke.after = {false, 0, "hello\n", ""};
  r.smoke.passed = true;
  r.smoke.reason = "same exit code (0) and stdout";
  r.recommended = true;
  r.verdict = "fix recommended: the fixed image passes the smoke test";
  return r;
}

TEST(FixVerifyRender, SignedChange) {
  // -4,000,000 of 10,000,000: -40.0 %; +1,500 of 1,000: +150.0 %.
  EXPECT_EQ(signed_bytes_change(-4'000'000, 10'000'000), "-4.00 MB (-40.0%)");
  EXPECT_EQ(signed_bytes_change(1'500, 1'000), "+1.50 kB (+150.0%)");
  EXPECT_EQ(signed_bytes_change(0, 7), "0 B (+0.0%)");
}

TEST(FixVerifyRender, Markdown) {
  std::ostringstream out;
  render_verify_markdown(sample(), "Dockerfile", out);
  EXPECT_EQ(out.str(),
            "### ballast fix --verify: `Dockerfile`\n\n"
            "| | before | after | change |\n|---|---:|---:|---:|\n"
            "| stored | 10.0 MB | 6.00 MB | -4.00 MB (-40.0%) |\n"
            "| final | 6.00 MB | 6.00 MB | 0 B (+0.0%) |\n"
            "| compressed (estimated) | 4.00 MB | 2.00 MB | -2.00 MB (-50.0%) |\n"
            "| layers | 3 | 2 | -1 |\n"
            "| cold build | 4.0 s | 3.0 s | -1.0 s |\n"
            "| warm rebuild | 2.0 s | 0.5 s | -1.5 s |\n\n"
            "Warm rebuild after changing `hello.txt`.\n"
            "Predicted savings: 3.99 MB (BA1010: image.rewritten-same-content 3.99 MB); measured: 4.00 MB saved "
            "(stored bytes).\n\n"
            ":white_check_mark: smoke test `cat /app/hello.txt`: passed (same exit code (0) and stdout).\n\n"
            "**fix recommended: the fixed image passes the smoke test**\n");
}

TEST(FixVerifyRender, MarkdownFailureShowsBothOutputs) {
  auto r = sample();
  r.smoke.after = {false, 0, "hell\n", "warning: ```\n"};
  r.smoke.passed = false;
  r.smoke.reason = "stdout differs (same exit code 0)";
  r.recommended = false;
  r.verdict = "fix not recommended: the smoke test failed (stdout differs (same exit code 0))";
  std::ostringstream out;
  render_verify_markdown(r, "Dockerfile", out);
  std::string s = out.str();
  EXPECT_NE(s.find(":x: smoke test `cat /app/hello.txt`: failed"), std::string::npos);
  EXPECT_NE(s.find("before (exit 0):\n\n```\nhello\n```\n"), std::string::npos);
  EXPECT_NE(s.find("after (exit 0):\n\n```\nhell\n```\n"), std::string::npos);
  // stderr is shown, in a longer fence than the backticks it holds.
  EXPECT_NE(s.find("after, stderr:\n\n````\nwarning: ```\n````\n"), std::string::npos) << s;
  EXPECT_EQ(s.find("before, stderr"), std::string::npos);
  EXPECT_NE(s.find("**fix not recommended"), std::string::npos);
}

TEST(FixVerifyRender, MarkdownFoldsTheDiffInAFenceLongerThanItsBackticks) {
  std::ostringstream out;
  render_verify_markdown(sample(), "Dockerfile", out, "-RUN echo ```\n+RUN echo x\n", 1);
  std::string s = out.str();
  EXPECT_TRUE(s.ends_with("**fix recommended: the fixed image passes the smoke test**\n\n"
                          "<details><summary>the fix (1 change)</summary>\n\n"
                          "````diff\n-RUN echo ```\n+RUN echo x\n````\n\n</details>\n"))
      << s;
}

TEST(FixVerifyRender, TextHasTheTableAndTheVerdict) {
  std::ostringstream out;
  render_verify_text(sample(), "Dockerfile", out);
  std::string s = out.str();
  EXPECT_EQ(s.substr(0, s.find('\n')),
            "Dockerfile: verified with the engine (ballast-verify:before, ballast-verify:after: removed)");
  EXPECT_NE(s.find("-4.00 MB (-40.0%)"), std::string::npos);
  EXPECT_NE(s.find("warm rebuild: after changing hello.txt"), std::string::npos);
  EXPECT_NE(s.find("smoke test `cat /app/hello.txt`: passed"), std::string::npos);
  EXPECT_TRUE(s.ends_with("fix recommended: the fixed image passes the smoke test\n"));
}

TEST(FixVerifyRender, TextFixedBuildFailed) {
  auto r = sample();
  r.after = {};
  r.after.tag = "ballast-verify:after";
  r.after_build_error = "#5 ERROR\nfailed to solve";
  r.changed_file.reset();
  r.smoke = {};
  r.recommended = false;
  r.verdict = "fix not recommended: the fixed Dockerfile does not build";
  std::ostringstream out;
  render_verify_text(r, "Dockerfile", out);
  std::string s = out.str();
  EXPECT_NE(s.find("the fixed Dockerfile does not build:\n    #5 ERROR\n    failed to solve\n"), std::string::npos);
  EXPECT_EQ(s.find("measured:"), std::string::npos);  // nothing to measure
}

TEST(FixVerifyRender, Json) {
  auto j = verify_to_json(sample());
  EXPECT_EQ(j["recommended"], true);
  EXPECT_EQ(j["before"]["stored_bytes"], 10'000'000);
  EXPECT_EQ(j["after"]["layers"], 2);
  EXPECT_EQ(j["after"]["warm_build_seconds"], 0.5);
  EXPECT_EQ(j["measured"]["stored_bytes_saved"], 4'000'000);
  EXPECT_EQ(j["measured"]["compressed_bytes_saved"], 2'000'000);
  EXPECT_EQ(j["measured"]["layers_saved"], 1);
  EXPECT_EQ(j["predicted_bytes"], 3'990'000);
  EXPECT_EQ(j["predicted"][0]["finding"], "image.rewritten-same-content");
  EXPECT_EQ(j["smoke"]["mode"], "command");
  EXPECT_TRUE(j["smoke"]["seconds"].is_null());
  EXPECT_EQ(j["smoke"]["after"]["stdout"], "hello\n");
  EXPECT_TRUE(j["after_build_error"].is_null());
  EXPECT_EQ(j["changed_file"], "hello.txt");
}

TEST(FixVerifyRender, JsonNotBuilt) {
  auto r = sample();
  r.after = {};
  r.after_build_error = "failed to solve";
  r.smoke = {};
  auto j = verify_to_json(r);
  EXPECT_TRUE(j["measured"].is_null());
  EXPECT_TRUE(j["smoke"].is_null());
  EXPECT_EQ(j["after_build_error"], "failed to solve");
  EXPECT_EQ(j["after"]["built"], false);
}

}  // namespace
}  // namespace ballast::report

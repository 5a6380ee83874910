// The fixture projects of tests/unit/fix/fixtures (a Python API, a Node
// service, a C program, a Dockerfile whose risky fixes are withheld): the
// diff `ballast fix` makes equals expected.diff, written by hand from
// docs/fix.md and docs/rules.md before the code printed anything; the
// withheld fixes name their reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "fix/fix.h"
#include "fix/line_diff.h"

namespace ballast::fix {
namespace {

std::string dir(const std::string& name) {
  return std::string(BALLAST_SOURCE_DIR) + "/tests/unit/fix/fixtures/" + name;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

FixResult fix_fixture(const std::string& name, FixOptions options = {}) {
  options.search_config = false;
  return fix_file(dir(name) + "/Dockerfile", options);
}

std::string diff_of(const FixResult& r) { return unified_diff(r.original, r.fixed, "a/Dockerfile", "b/Dockerfile"); }

bool has_change(const FixResult& r, const std::string& id) {
  for (const auto& c : r.changes) {
    for (const auto& i : c.ids) {
      if (i == id) return true;
    }
  }
  return false;
}

const Withheld* withheld(const FixResult& r, const std::string& id) {
  for (const auto& w : r.withheld) {
    if (w.id == id) return &w;
  }
  return nullptr;
}

TEST(FixFixtures, GoldenDiffs) {
  for (const char* name :
       {"python_api", "node_service", "node_typescript", "c_program", "withheld_chown", "c_runtime_library"}) {
    SCOPED_TRACE(name);
    FixResult r = fix_fixture(name);
    EXPECT_EQ(diff_of(r), read(dir(name) + "/expected.diff"));
  }
}

TEST(FixFixtures, PythonApiChangesNameTheirFindings) {
  FixResult r = fix_fixture("python_api");
  for (const char* id : {"BA1001", "BA1002", "BA1005", "BA1010", "BA2001", "BA4005"}) {
    EXPECT_TRUE(has_change(r, id)) << id;
  }
  // The `# syntax` line is there for COPY --chmod (BA1010's fix): it names that.
  bool syntax = false;
  for (const auto& c : r.changes) {
    if (c.description.starts_with("# syntax")) syntax = c.ids == std::vector<std::string>{"BA1010"};
  }
  EXPECT_TRUE(syntax);
  // The BA1001/BA1002 changes are about the apt-get RUN at line 5 of the original.
  for (const auto& c : r.changes) {
    if (c.ids.front() == "BA1001" || c.ids.front() == "BA1002") {
      EXPECT_EQ(c.line, 5) << c.description;
    }
    if (c.ids.front() == "BA4005") {
      EXPECT_EQ(c.line, 12);
    }
  }
  // No user is created: the USER fix is withheld, with a reason.
  const Withheld* w = withheld(r, "BA3002");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("no unprivileged user"), std::string::npos);
}

TEST(FixFixtures, WithheldReasons) {
  FixResult r = fix_fixture("withheld_chown");
  const Withheld* chown = withheld(r, "BA1010");
  ASSERT_NE(chown, nullptr);
  EXPECT_NE(chown->reason.find("'app' may not exist"), std::string::npos) << chown->reason;
  EXPECT_EQ(chown->line, 4);
  ASSERT_NE(withheld(r, "BA4005"), nullptr);
  // Positive controls in the same file: ADD -> COPY and USER app were made.
  EXPECT_TRUE(has_change(r, "BA4021"));
  EXPECT_TRUE(has_change(r, "BA3002"));
}

TEST(FixFixtures, CMustKeepCrlf) {
  FixResult r = fix_fixture("c_program");
  EXPECT_TRUE(r.changed());
  std::size_t lf = 0, crlf = 0;
  for (std::size_t i = 0; i < r.fixed.size(); ++i) {
    if (r.fixed[i] == '\n') (i > 0 && r.fixed[i - 1] == '\r' ? crlf : lf)++;
  }
  EXPECT_EQ(lf, 0u);
  EXPECT_EQ(crlf, 8u);
}

TEST(FixFixtures, NodeWithoutContextIsWithheld) {
  FixOptions o;
  o.context_dir = dir("c_program");  // no package.json there
  FixResult r = fix_fixture("node_service", o);
  EXPECT_FALSE(has_change(r, "BA2001"));
  const Withheld* w = withheld(r, "BA2001");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("package.json"), std::string::npos) << w->reason;
  EXPECT_TRUE(has_change(r, "BA1008"));  // positive control
}

}  // namespace
}  // namespace ballast::fix

namespace ballast::fix {
namespace {

TEST(FixFixtures, MultiStageGoldenDiffs) {
  FixOptions o;
  o.multi_stage = true;
  for (const char* name : {"python_api", "node_typescript", "c_program", "c_runtime_library"}) {
    SCOPED_TRACE(name);
    FixResult r = fix_fixture(name, o);
    EXPECT_EQ(diff_of(r), read(dir(name) + "/expected-multi-stage.diff"));
  }
  // A Node install that --omit=dev fixes needs no second stage.
  EXPECT_EQ(diff_of(fix_fixture("node_service", o)), read(dir("node_service") + "/expected.diff"));
}

TEST(FixFixtures, NodeBuildIsSplitWithMultiStage) {
  // Without --multi-stage the build step keeps the devDependencies: withheld, with the way out.
  FixResult plain = fix_fixture("node_typescript");
  const Withheld* w = withheld(plain, "BA1018");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("line 6 runs `npx`"), std::string::npos) << w->reason;
  EXPECT_NE(w->reason.find("npm prune --omit=dev"), std::string::npos) << w->reason;
  EXPECT_TRUE(has_change(plain, "BA1008"));  // positive control
  FixOptions o;
  o.multi_stage = true;
  FixResult r = fix_fixture("node_typescript", o);
  EXPECT_TRUE(has_change(r, "BA1018"));
  EXPECT_TRUE(has_change(r, "BA1008"));
  EXPECT_EQ(withheld(r, "BA1018"), nullptr);  // fixed: the refusal of --omit=dev is moot
  for (const auto& c : r.changes) {
    if (c.ids.front() == "BA1018") {
      EXPECT_EQ(c.line, 1);
      EXPECT_NE(c.description.find("/usr/src/app"), std::string::npos) << c.description;
    }
  }
  auto count = [](const std::vector<model::Finding>& f, const std::string& id) {
    return std::count_if(f.begin(), f.end(), [&](const model::Finding& x) { return x.id == id; });
  };
  EXPECT_EQ(count(r.before, "BA1018"), 1);
  EXPECT_EQ(count(r.after, "BA1018"), 0);
  EXPECT_LT(r.after.size(), r.before.size());
  // A second fix changes nothing.
  FixResult again = fix_text(r.fixed, "Dockerfile", [&] {
    FixOptions a = o;
    a.search_config = false;
    a.context_dir = dir("node_typescript");
    return a;
  }());
  EXPECT_EQ(again.fixed, r.fixed);
  EXPECT_TRUE(again.changes.empty());
}

TEST(FixFixtures, MultiStageWithheldForARuntimeLibrary) {
  FixOptions o;
  o.multi_stage = true;
  FixResult r = fix_fixture("c_runtime_library", o);
  EXPECT_FALSE(r.changed());
  const Withheld* w = withheld(r, "BA1012");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("libssl-dev"), std::string::npos) << w->reason;
  // Positive control: the C program without a -dev library is split.
  FixResult c = fix_fixture("c_program", o);
  EXPECT_TRUE(has_change(c, "BA1012"));
  EXPECT_NE(c.fixed.find("COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello"), std::string::npos);
}

// An image's dpkg database modeled on Debian 12's (apt-cache depends, bookworm):
// libssl-dev Depends libssl3; libpq-dev Depends libpq5, libssl-dev and
// "heimdal-dev | libkrb5-dev" (the second installed here) and "libc6-dev |
// libc-dev" (as zlib1g-dev does), libkrb5-dev
// Depends libgssapi-krb5-2; gcc and libc6-dev are build packages; libc6 and
// zlib1g are the base's. libpq5's own Depends are apt's business.
ImageEvidence bookworm_image() {
  ImageEvidence e;
  e.image = "docker-daemon:sha:built";
  e.os_packages = {{"libc6", {}, true},
                   {"zlib1g", {{"libc6"}}, true},
                   {"gcc", {{"cpp"}, {"gcc-12"}}, false},
                   {"libc6-dev", {{"libc6"}, {"libc-dev-bin"}, {"linux-libc-dev"}}, false},
                   {"libc-dev-bin", {{"libc6"}}, false},
                   {"libssl3", {{"libc6"}}, false},
                   {"libssl-dev", {{"libssl3"}}, false},
                   {"libpq5", {{"libc6"}, {"libssl3"}, {"libgssapi-krb5-2", "libkrb5-3"}}, false},
                   {"libgssapi-krb5-2", {{"libc6"}}, false},
                   {"libkrb5-dev", {{"libgssapi-krb5-2"}}, false},
                   {"libpq-dev", {{"libpq5"}, {"libssl-dev"}, {"heimdal-dev", "libkrb5-dev"}, {"libc6-dev", "libc-dev"}}, false}};
  return e;
}

// With --image, the runtime library of a -dev package is read off the
// image's dpkg Depends and installed in the runtime stage (expected diff by
// hand); without, the split is withheld (the test above).
TEST(FixFixtures, MultiStageWithImageEvidenceKeepsTheRuntimeLibrary) {
  FixOptions o;
  o.multi_stage = true;
  o.image = bookworm_image();
  FixResult r = fix_fixture("c_runtime_library", o);
  EXPECT_EQ(diff_of(r), read(dir("c_runtime_library") + "/expected-multi-stage-image.diff"));
  EXPECT_EQ(withheld(r, "BA1012"), nullptr);
  ASSERT_TRUE(has_change(r, "BA1012"));
  for (const auto& c : r.changes) {
    if (c.ids.front() == "BA1012") {
      EXPECT_NE(c.description.find("(libssl-dev -> libssl3)"), std::string::npos) << c.description;
    }
  }
  // A second fix changes nothing.
  FixOptions again = o;
  again.search_config = false;
  again.context_dir = dir("c_runtime_library");
  EXPECT_EQ(fix_text(r.fixed, "Dockerfile", again).fixed, r.fixed);
}

FixResult fix_dev_install(const std::string& packages, const ImageEvidence& image) {
  FixOptions o;
  o.multi_stage = true;
  o.search_config = false;
  o.image = image;
  return fix_text("FROM debian:bookworm-slim\n"
                  "RUN apt-get update && apt-get install -y --no-install-recommends " + packages +
                      " && rm -rf /var/lib/apt/lists/*\n"
                      "COPY app.c .\n"
                      "RUN gcc -o /usr/local/bin/app app.c -lpq\n"
                      "CMD [\"app\"]\n",
                  "Dockerfile", o);
}

// Through -dev dependencies (libpq-dev -> libssl-dev -> libssl3), the
// installed alternative of a group (libkrb5-dev -> libgssapi-krb5-2), and
// not what the base has (libc6).
TEST(FixFixtures, MultiStageRuntimeLibrariesFollowDevDependencies) {
  FixResult r = fix_dev_install("gcc libc6-dev libpq-dev libssl-dev", bookworm_image());
  ASSERT_TRUE(has_change(r, "BA1012")) << (r.withheld.empty() ? "" : r.withheld.front().reason);
  EXPECT_NE(r.fixed.find("\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends "
                         "libgssapi-krb5-2 libpq5 libssl3 && rm -rf /var/lib/apt/lists/*\n"),
            std::string::npos)
      << r.fixed;
  EXPECT_EQ(r.fixed.find("libc6 "), std::string::npos);
  // libc6-dev is a build package: its libc-dev-bin is the toolchain's.
  EXPECT_EQ(r.fixed.find("libc-dev-bin"), std::string::npos);
}

// A -dev package the image does not list: the image is not this
// Dockerfile's, so nothing it says is evidence. Withheld, naming it.
TEST(FixFixtures, MultiStageWithheldWhenTheImageLacksTheDevPackage) {
  ImageEvidence e = bookworm_image();
  std::erase_if(e.os_packages, [](const ImagePackage& p) { return p.name == "libpq-dev"; });
  FixResult r = fix_dev_install("gcc libc6-dev libpq-dev", e);
  EXPECT_FALSE(r.dockerfile_changed());
  const Withheld* w = withheld(r, "BA1012");
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->reason.find("libpq-dev is not installed in docker-daemon:sha:built"), std::string::npos) << w->reason;
}

// A Go build (Debian's golang-go) is split like a C one: `go build -o
// /usr/local/bin/app` names the result; golang-go stays in the builder, the
// runtime packages (ca-certificates) go to the runtime stage. Text by hand.
TEST(FixFixtures, MultiStageSplitsAGoBuild) {
  FixOptions o;
  o.multi_stage = true;
  o.search_config = false;
  const std::string in =
      "FROM debian:bookworm-slim\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends golang-go ca-certificates"
      " && rm -rf /var/lib/apt/lists/*\n"
      "WORKDIR /src\n"
      "COPY . .\n"
      "RUN go build -o /usr/local/bin/app .\n"
      "CMD [\"app\"]\n";
  FixResult r = fix_text(in, "Dockerfile", o);
  ASSERT_TRUE(has_change(r, "BA1012")) << (r.withheld.empty() ? "" : r.withheld.front().reason);
  EXPECT_EQ(r.fixed,
            "FROM debian:bookworm-slim AS builder\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends golang-go ca-certificates"
            " && rm -rf /var/lib/apt/lists/*\n"
            "WORKDIR /src\n"
            "COPY . .\n"
            "RUN go build -o /usr/local/bin/app .\n"
            "\n"
            "FROM debian:bookworm-slim\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates"
            " && rm -rf /var/lib/apt/lists/*\n"
            "WORKDIR /src\n"
            "COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n"
            "CMD [\"app\"]\n");
  // The other side: `go vet` is no build step, so there is nothing to split.
  const std::string build = "go build -o /usr/local/bin/app .";
  const std::string vet = std::string(in).replace(in.find(build), build.size(), "go vet ./...");
  ASSERT_NE(vet.find("RUN go vet ./...\nCMD"), std::string::npos);
  EXPECT_FALSE(has_change(fix_text(vet, "Dockerfile", o), "BA1012"));
}

}  // namespace
}  // namespace ballast::fix

// `ballast analyze --format html -o FILE` on an image the test writes with
// hostile names: the page holds none of them raw, its embedded tree adds up
// to the image's bytes (hand-computed below), and -o writes atomically.
// (libarchive's pax writer cannot write names that are not UTF-8: the browser
// suite, tests/e2e/html_test.sh, has the engine build one; html_escape_test.cc
// covers the escaping of such bytes.)
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

const std::string kXss = "<img src=x onerror=alert(1)>";

// Layer 0: bin/sh 10 B. Layer 1: the hostile names, 1000 + 200 + 4 B,
// a hardlink to the 1000-byte file (its bytes count once) and a 7-byte file
// deleted again in layer 2 (reclaimable).
std::string hostile_image(const TempDir& dir) {
  writer::WriteImage img;
  img.layers.push_back({{writer::file_entry("bin/sh", std::string(10, 's'))}, "ADD rootfs /"});
  img.layers.push_back({{writer::dir_entry("srv/" + kXss), writer::file_entry("srv/" + kXss + "/a&b\"c'", std::string(1000, 'x')),
                         writer::file_entry("srv/line\nbreak", std::string(200, 'n')),
                         writer::file_entry("srv/</script><!--", std::string(4, 'e')),
                         writer::hardlink_entry("srv/hard", "srv/" + kXss + "/a&b\"c'"),
                         writer::file_entry("srv/gone", std::string(7, 'g'))},
                        "/bin/sh -c echo '</script><b>' > x"});
  img.layers.push_back({{writer::whiteout_entry("srv/gone")}, "/bin/sh -c rm /srv/gone"});
  img.repo_tags = {"hostile:1"};
  std::string path = dir / "image.tar";
  writer::write_docker_archive({img}, path);
  return path;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint64_t leaf_sum(const nlohmann::json& n) {
  if (n.size() < 5 || !n[4].is_array()) return n[1].get<std::uint64_t>();
  std::uint64_t s = 0;
  for (const auto& k : n[4]) s += leaf_sum(k);
  return s;
}

TEST(AnalyzeHtml, HostileNamesAreInertAndTheTreeAddsUp) {
  TempDir dir;
  const std::string image = hostile_image(dir);
  const std::string out = dir / "report.html";
  auto r = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format html -o " + out + " " + image + " 2>&1");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "");  // -o: nothing on standard output
  const std::string html = slurp(out);
  ASSERT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_EQ(html.find(kXss), std::string::npos);
  EXPECT_EQ(html.find("</script><!--"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("line\xE2\x90\x8A" "break"), std::string::npos);  // the newline, visible
  // The deleted file is a finding (image.deleted-later) and a reclaimable row,
  // its path written once with one leading slash in both.
  EXPECT_NE(html.find("<tr data-finding=\"image.deleted-later\">"), std::string::npos);
  EXPECT_EQ(html.find("//srv/gone"), std::string::npos);
  EXPECT_NE(html.find("<code>/srv/gone</code>"), std::string::npos);
  // Exactly two scripts: the data and the code; no element loads anything.
  std::size_t scripts = 0;
  for (std::size_t p = html.find("<script"); p != std::string::npos; p = html.find("<script", p + 1)) ++scripts;
  EXPECT_EQ(scripts, 2u);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);

  const std::string open = "<script type=\"application/json\" id=\"ballast-data\">";
  const std::size_t a = html.find(open) + open.size(), b = html.find("</script>", a);
  const nlohmann::json data = nlohmann::json::parse(html.substr(a, b - a));
  // Final: 10 + 1000 + 200 + 4 = 1214 (the hardlink adds nothing).
  EXPECT_EQ(data["final_bytes"], 1214);
  EXPECT_EQ(leaf_sum(data["trees"]["final"]), 1214u);
  EXPECT_EQ(data["trees"]["final"][1], 1214);
  // Reclaimable: srv/gone, 7 bytes, added in layer 1, deleted (reason 0) by layer 2.
  EXPECT_EQ(data["reclaimable_bytes"], 7);
  // Its category is the one the JSON report gives the entry (layer_files).
  auto j = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format json --files " + image);
  ASSERT_EQ(j.code, 0);
  std::string category;
  const nlohmann::json report = nlohmann::json::parse(j.out);
  for (const auto& f : report["layer_files"])
    if (f["path"] == "/srv/gone") category = f["category"].get<std::string>();
  ASSERT_FALSE(category.empty());
  const int c = std::find(data["categories"].begin(), data["categories"].end(), category) - data["categories"].begin();
  const std::string attrs = "[1," + std::to_string(c) + ",-1,0,2]";
  EXPECT_EQ(data["trees"]["reclaimable"].dump(),
            R"(["",7,1,)" + attrs + R"(,[["srv",7,1,)" + attrs + R"(,[["gone",7,1,)" + attrs + "]]]]]");
  // The names survive into the data as text (the script shows them with textContent).
  const auto& srv = data["trees"]["final"][4][0];
  ASSERT_EQ(srv[0], "srv");
  bool found = false;
  for (const auto& k : srv[4]) found = found || k[0] == kXss;
  EXPECT_TRUE(found);
}

TEST(AnalyzeHtml, OutputIsAtomicAndBadTargetsAreOneLineErrors) {
  TempDir dir;
  const std::string image = hostile_image(dir);
  const std::string out = dir / "r.json";
  {
    std::ofstream old(out);
    old << "old";
  }
  auto r = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format json -o " + out + " " + image + " 2>&1");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(slurp(out))["totals"]["final_bytes"], 1214);
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666u & ~mask);  // as any file the user creates, not mkstemp's 0600
  // No temporary file stays beside it.
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.path().filename().string()[0] == '.';
  EXPECT_EQ(entries, 0u);

  r = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format html -o " + dir.path() + "/missing/r.html " +
                  image + " 2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: cannot write " + dir.path() + "/missing/r.html: No such file or directory\n");
  r = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format html -o " + dir.path() + " " + image + " 2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: cannot write " + dir.path() + ": Is a directory\n");
}

}  // namespace
}  // namespace ballast::testing

// The one JSON writer: names that are not UTF-8 never make a document fail,
// and their bytes survive (docs/json-schema.md#names-that-are-not-utf-8).
// Expected values are hand-computed: 0xE9 alone is not UTF-8 (it is é in
// Latin-1), "é" in UTF-8 is C3 A9, U+FFFD is EF BF BD.
#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

using nlohmann::json;

TEST(JsonWriter, InvalidBytesBecomeReplacementCharactersWithTheirBytesBeside) {
  json doc = {{"path", "/caf\xe9.txt"},
              {"ok", "/caf\xc3\xa9.txt"},
              {"paths", {"/a", "/b\xff"}},
              {"nested", {{{"name", "x\x80y"}}}}};
  report::escape_invalid_utf8(doc);
  EXPECT_EQ(doc["path"], "/caf\xef\xbf\xbd.txt");
  EXPECT_EQ(doc["path_bytes"], "2f636166e92e747874");
  EXPECT_EQ(doc["ok"], "/caf\xc3\xa9.txt");  // valid UTF-8: unchanged, no _bytes
  EXPECT_FALSE(doc.contains("ok_bytes"));
  EXPECT_EQ(doc["paths"][1], "/b\xef\xbf\xbd");
  EXPECT_EQ(doc["paths_bytes"], json::parse(R"([null, "2f62ff"])"));
  EXPECT_EQ(doc["nested"][0]["name"], "x\xef\xbf\xbdy");
  EXPECT_EQ(doc["nested"][0]["name_bytes"], "788079");
  // A truncated sequence (E2 82 of the euro sign's E2 82 AC) is two invalid bytes.
  json euro = {{"s", "\xe2\x82"}};
  report::escape_invalid_utf8(euro);
  EXPECT_EQ(euro["s"], "\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(euro["s_bytes"], "e282");
}

TEST(JsonWriter, TextIsAlwaysValidJson) {
  std::string text = report::json_text({{"p", "\xff\xfe"}, {"q", 1}});
  json back = json::parse(text);  // throws on invalid UTF-8
  EXPECT_EQ(back["p"], "\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(back["p_bytes"], "fffe");
}

// A ustar member (POSIX.1-1988 header: name, octal mode/uid/gid/size/mtime,
// checksum, typeflag '0', magic "ustar\0" "00"), name bytes as given: the
// image writer's pax writer refuses names it cannot translate to UTF-8.
std::string ustar_file(const std::string& name, const std::string& data) {
  std::string h(512, '\0');
  auto put = [&](std::size_t at, const std::string& v) { h.replace(at, v.size(), v); };
  auto octal = [](std::uint64_t v, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*llo", width, static_cast<unsigned long long>(v));
    return std::string(buf);
  };
  put(0, name);
  put(100, octal(0644, 7));
  put(108, octal(0, 7));
  put(116, octal(0, 7));
  put(124, octal(data.size(), 11));
  put(136, octal(0, 11));
  put(148, "        ");
  h[156] = '0';
  put(257, std::string("ustar\0", 6) + "00");
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  put(148, octal(sum, 6) + std::string("\0 ", 2));
  return h + data + std::string((512 - data.size() % 512) % 512, '\0');
}

// analyze --format json --files on a layer whose file names are not UTF-8.
TEST(JsonWriter, AnalyzeFilesWithNonUtf8Names) {
  TempDir dir;
  writer::WriteImage img;
  img.repo_tags = {"names:1"};
  writer::WriteLayer layer;
  layer.created_by = "COPY . /";
  layer.raw_tar = ustar_file("caf\xe9.txt", std::string(5000, 'a')) +
                  ustar_file("caf\xc3\xa9.txt", std::string(4000, 'b')) + std::string(1024, '\0');
  img.layers.push_back(layer);
  writer::write_docker_archive({img}, dir / "img.tar");
  CommandResult r = run_command(std::string(BALLAST_BINARY) + " analyze --no-config --format json --files '" +
                                (dir / "img.tar") + "' 2>&1");
  ASSERT_EQ(r.code, 0) << r.out;
  json doc = json::parse(r.out);
  const json* bad = nullptr;
  const json* good = nullptr;
  for (const auto& f : doc["files"]) {
    if (f.contains("path_bytes")) bad = &f;
    if (f["path"] == "/caf\xc3\xa9.txt") good = &f;
  }
  ASSERT_NE(bad, nullptr) << r.out;
  EXPECT_EQ((*bad)["path"], "/caf\xef\xbf\xbd.txt");
  EXPECT_EQ((*bad)["path_bytes"], "2f636166e92e747874");
  EXPECT_EQ((*bad)["size"], 5000);
  ASSERT_NE(good, nullptr) << r.out;  // positive control: the UTF-8 name as is
  EXPECT_FALSE(good->contains("path_bytes"));
  // The largest file is the one with the bad name: escaped there too.
  EXPECT_EQ(doc["largest_files"][0]["path_bytes"], "2f636166e92e747874");
}

}  // namespace
}  // namespace ballast::testing

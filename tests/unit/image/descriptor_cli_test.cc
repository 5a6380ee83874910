// Descriptors are checked against what they describe (issue 19): a `size`
// that is not a non-negative int64, or is not the blob's byte count, a digest
// that is not a known algorithm with well-formed hex, a media type or
// platform field that is not a short string — each one line and exit 2, with
// an honest layout beside it as the positive control. The JSON documents
// themselves are bounded in depth and values (docs/limits.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "../support/run_command.h"
#include "oci_edit.h"
#include "temp_dir.h"
#include "writer/image_writer.h"

namespace ballast::image {
namespace {

using namespace ballast::writer;
using ballast::testing::hex_of;
using ballast::testing::only_manifest;
using ballast::testing::read_bytes;
using ballast::testing::replace_blob_rechained;
using ballast::testing::write_bytes;
using nlohmann::json;
using testing::TempDir;

ballast::testing::CommandResult run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " " + args + " 2>&1");
}

bool one_line(const std::string& out) { return !out.empty() && out.find('\n') == out.size() - 1; }

std::string make_layout(const TempDir& tmp) {
  WriteImage img;
  img.layers.push_back({{file_entry("a", "alpha\n")}, "ADD a /", Compression::kGzip});
  std::string dir = tmp / "oci";
  write_oci_layout({img}, dir);
  return dir;
}

// Rewrites the manifest with `edit` applied and re-points index.json at it.
template <typename Edit>
void edit_manifest(const std::string& dir, Edit edit) {
  json index = json::parse(read_bytes(dir + "/index.json"));
  std::string hex = hex_of(index["manifests"][0]);
  json manifest = json::parse(read_bytes(dir + "/blobs/sha256/" + hex));
  edit(manifest);
  replace_blob_rechained(dir, hex, manifest.dump());
}

// The manifest text with the layer's "size" value replaced by raw JSON text.
void set_layer_size_raw(const std::string& dir, const std::string& raw) {
  json index = json::parse(read_bytes(dir + "/index.json"));
  std::string hex = hex_of(index["manifests"][0]);
  json manifest = json::parse(read_bytes(dir + "/blobs/sha256/" + hex));
  manifest["layers"][0]["size"] = "@SIZE@";
  std::string text = manifest.dump();
  text.replace(text.find("\"@SIZE@\""), 8, raw);
  replace_blob_rechained(dir, hex, text);
}

TEST(Descriptors, HonestLayoutIsAccepted) {
  TempDir tmp;
  auto r = run("analyze oci:" + make_layout(tmp));
  EXPECT_EQ(r.code, 0) << r.out;
}

TEST(Descriptors, SizeMustBeANonNegativeInt64) {
  for (const char* raw : {"-1", "9223372036854775808", "1e300", "\"12\"", "1.5", "null"}) {
    TempDir tmp;
    std::string dir = make_layout(tmp);
    set_layer_size_raw(dir, raw);
    auto r = run("analyze oci:" + dir);
    EXPECT_EQ(r.code, 2) << raw << ": " << r.out;
    EXPECT_TRUE(one_line(r.out)) << r.out;
    EXPECT_NE(r.out.find("is not a non-negative 64-bit integer"), std::string::npos) << raw << ": " << r.out;
  }
}

TEST(Descriptors, SizeMustEqualTheBlob) {
  TempDir tmp;
  std::string dir = make_layout(tmp);
  std::string layer = dir + "/blobs/sha256/" + hex_of(only_manifest(dir)["layers"][0]);
  const std::size_t real = read_bytes(layer).size();
  set_layer_size_raw(dir, std::to_string(real - 1));
  auto r = run("analyze oci:" + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(one_line(r.out)) << r.out;
  EXPECT_NE(r.out.find("blob is " + std::to_string(real) + " bytes, its descriptor says " +
                       std::to_string(real - 1)),
            std::string::npos)
      << r.out;
  // The config descriptor too.
  TempDir tmp2;
  std::string dir2 = make_layout(tmp2);
  edit_manifest(dir2, [](json& m) { m["config"]["size"] = m["config"]["size"].get<std::uint64_t>() + 7; });
  auto c = run("analyze oci:" + dir2);
  EXPECT_EQ(c.code, 2) << c.out;
  EXPECT_NE(c.out.find("its descriptor says"), std::string::npos) << c.out;
}

TEST(Descriptors, DigestMustBeWellFormed) {
  for (const char* digest : {"sha256:../../../../etc/passwd", "md5:d41d8cd98f00b204e9800998ecf8427e",
                             "sha256:ABCDEF", "sha256"}) {
    TempDir tmp;
    std::string dir = make_layout(tmp);
    edit_manifest(dir, [&](json& m) { m["layers"][0]["digest"] = digest; });
    auto r = run("analyze oci:" + dir);
    EXPECT_EQ(r.code, 2) << digest << ": " << r.out;
    EXPECT_TRUE(one_line(r.out)) << r.out;
    EXPECT_NE(r.out.find("malformed digest"), std::string::npos) << r.out;
  }
  TempDir tmp;
  std::string dir = make_layout(tmp);
  edit_manifest(dir, [&](json& m) { m["layers"][0]["digest"] = 12; });
  auto r = run("analyze oci:" + dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("digest is '12', not a string"), std::string::npos) << r.out;
}

TEST(Descriptors, MediaTypeKnownOrSniffed) {
  TempDir tmp;
  std::string dir = make_layout(tmp);
  edit_manifest(dir, [&](json& m) { m["layers"][0]["mediaType"] = "application/x-made-up"; });
  auto r = run("analyze oci:" + dir);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("warning: layer 0: unknown media type 'application/x-made-up' (read as gzip, sniffed)"),
            std::string::npos)
      << r.out;
  TempDir tmp2;
  std::string dir2 = make_layout(tmp2);
  edit_manifest(dir2, [&](json& m) { m["layers"][0]["mediaType"] = std::string(3000, 'x'); });
  auto bad = run("analyze oci:" + dir2);
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_TRUE(one_line(bad.out)) << bad.out;
  EXPECT_NE(bad.out.find("malformed mediaType 'xxxx"), std::string::npos) << bad.out;
  EXPECT_LT(bad.out.size(), 300u);
}

TEST(Descriptors, PlatformFlagOfTraversal) {
  TempDir tmp;
  std::string dir = make_layout(tmp);
  std::string dots;
  while (dots.size() < 3000) dots += "../";
  auto r = run("analyze --platform " + dots + " oci:" + dir);
  EXPECT_EQ(r.code, 2) << r.out.substr(0, 300);
  EXPECT_TRUE(one_line(r.out)) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("bad platform '../../"), std::string::npos) << r.out.substr(0, 300);
  EXPECT_LT(r.out.size(), 300u);
  auto ok = run("analyze --platform linux/amd64 oci:" + dir);  // positive control
  EXPECT_EQ(ok.code, 0) << ok.out;
}

TEST(Descriptors, PlatformFieldsInAnIndexAreShortStrings) {
  WriteImage a, b;
  a.layers.push_back({{file_entry("a", "a")}, "ADD", Compression::kGzip});
  b = a;
  b.architecture = "arm64";
  TempDir tmp;
  std::string dir = tmp / "oci";
  write_oci_layout({a, b}, dir, /*multi_platform_index=*/true);
  ASSERT_EQ(run("analyze oci:" + dir).code, 0);
  json index = json::parse(read_bytes(dir + "/index.json"));
  std::string hex = hex_of(index["manifests"][0]);
  json nested = json::parse(read_bytes(dir + "/blobs/sha256/" + hex));
  ASSERT_TRUE(nested.contains("manifests")) << nested;
  nested["manifests"][0]["platform"]["architecture"] = 64;
  replace_blob_rechained(dir, hex, nested.dump());
  auto r = run("analyze oci:" + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("platform architecture is '64', not a string"), std::string::npos) << r.out;
}

TEST(JsonBounds, DeepAndWideManifestsAreRefused) {
  TempDir tmp;
  std::string dir = make_layout(tmp);
  // 10 MB of nesting in index.json: a SAX pass refuses it without building it.
  std::string deep = "{\"schemaVersion\":2,\"manifests\":[],\"x\":" + std::string(5'000'000, '[') +
                     std::string(5'000'000, ']') + "}";
  std::string saved = read_bytes(dir + "/index.json");
  write_bytes(dir + "/index.json", deep);
  auto r = run("analyze oci:" + dir);
  EXPECT_EQ(r.code, 2) << r.out.substr(0, 300);
  EXPECT_TRUE(one_line(r.out)) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("index.json: JSON nests more than 64 deep (see docs/limits.md)"), std::string::npos) << r.out;
  // 2,000,001 values (12 MB) in the config.
  write_bytes(dir + "/index.json", saved);
  json manifest = only_manifest(dir);
  std::string config_hex = hex_of(manifest["config"]);
  json config = json::parse(read_bytes(dir + "/blobs/sha256/" + config_hex));
  std::string text = config.dump();
  std::string many = "\"junk\":[";
  for (int i = 0; i < 2'000'000; ++i) many += "0,";
  many += "0],";
  text.insert(1, many);
  replace_blob_rechained(dir, config_hex, text);
  auto w = run("analyze oci:" + dir);
  EXPECT_EQ(w.code, 2) << w.out.substr(0, 300);
  EXPECT_NE(w.out.find("JSON holds more than 1000000 values (see docs/limits.md)"), std::string::npos) << w.out;
}

TEST(JsonBounds, HistoryEntries) {
  TempDir tmp;
  std::string dir = make_layout(tmp);
  json manifest = only_manifest(dir);
  std::string config_hex = hex_of(manifest["config"]);
  json config = json::parse(read_bytes(dir + "/blobs/sha256/" + config_hex));
  json h = config["history"][0];
  json empty = {{"created_by", "ENV a=b"}, {"empty_layer", true}};
  config["history"] = json::array();
  for (int i = 0; i < 10'001; ++i) config["history"].push_back(empty);
  config["history"].push_back(h);
  replace_blob_rechained(dir, config_hex, config.dump());
  auto r = run("analyze oci:" + dir);
  EXPECT_EQ(r.code, 2) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("10002 history entries, more than 10000 (see docs/limits.md)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ballast::image

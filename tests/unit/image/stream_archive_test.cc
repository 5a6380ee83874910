// `ballast analyze -`: an archive on standard input is read in one pass
// (stream_archive.h) and must give the report the same file gives read from
// disk, field for field, except the fields that say where it came from and
// how each layer was read (image.source, layers[].read_via/seeked/verified,
// diff_id_verified, not_verified).
// Expected values come from the file path, which other tests pin to the real
// engine; bad streams must fail with one line and exit 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/run_command.h"
#include "temp_dir.h"
#include "writer/image_writer.h"

namespace ballast::image {
namespace {

using namespace ballast::writer;  // fixtures are written with the image writer
using nlohmann::json;
using testing::TempDir;

ballast::testing::CommandResult analyze(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) +
                                       " analyze --format json --files --bytes " + args + " 2>&1");
}

json source_independent(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << text;
  if (j.is_discarded()) return j;
  j["image"].erase("source");
  for (auto& l : j["layers"])
    for (const char* k : {"read_via", "seeked", "verified", "diff_id_verified", "not_verified"}) l.erase(k);
  return j;
}

WriteImage sample(Compression c) {
  WriteImage img;
  img.repo_tags = {"example/stream:1"};
  img.layers.push_back({{dir_entry("var"), dir_entry("var/lib"), dir_entry("var/lib/dpkg"),
                         file_entry("var/lib/dpkg/status",
                                    "Package: hello\nStatus: install ok installed\nInstalled-Size: 1\n"
                                    "Version: 1.0\n\n"),
                         dir_entry("data"), file_entry("data/big", std::string(300000, 'b')),
                         file_entry("data/keep", "keep"), hardlink_entry("data/hard", "data/keep"),
                         symlink_entry("data/link", "keep"), file_entry("data/empty", "")},
                        "RUN make data", c});
  img.layers.push_back({{whiteout_entry("data/big"), file_entry("data/copy", std::string(300000, 'b')),
                         file_entry("data/empty", "", 0600)},
                        "RUN rm data/big", c});
  img.layers.push_back({{opaque_entry("data"), file_entry("data/new", std::string(5000, 'n'))}, "COPY data /data", c});
  return img;
}

void expect_same_report(const std::string& file) {
  auto from_file = analyze(file);
  ASSERT_EQ(from_file.code, 0) << from_file.out;
  auto from_stdin = analyze("- < " + file);
  ASSERT_EQ(from_stdin.code, 0) << from_stdin.out;
  json a = source_independent(from_file.out);
  json b = source_independent(from_stdin.out);
  EXPECT_EQ(a, b) << json::diff(a, b).dump(1);
  // Positive control: the comparison sees the fields it keeps.
  ASSERT_GT(a["files"].size(), 5u);
  EXPECT_EQ(json::parse(from_stdin.out)["image"]["source"], "- (example/stream:1)");
}

TEST(StreamArchive, LegacyDockerArchiveOnStdin) {
  TempDir tmp;
  write_docker_archive({sample(Compression::kNone)}, tmp / "img.tar", DockerLayout::kLegacy);
  expect_same_report(tmp / "img.tar");
  // Every layer's bytes were hashed on the way and matched its diff ID.
  auto r = json::parse(analyze("- < " + (tmp / "img.tar")).out);
  for (const auto& l : r["layers"]) EXPECT_TRUE(l["verified"].get<bool>()) << l.dump();
}

TEST(StreamArchive, Docker25ArchiveOnStdin) {
  TempDir tmp;
  write_docker_archive({sample(Compression::kNone)}, tmp / "img.tar", DockerLayout::kDocker25);
  expect_same_report(tmp / "img.tar");
}

TEST(StreamArchive, OciArchiveWithGzipAndZstdLayersOnStdin) {
  TempDir tmp;
  write_oci_archive({sample(Compression::kGzip)}, tmp / "gzip.tar");
  expect_same_report(tmp / "gzip.tar");
  write_oci_archive({sample(Compression::kZstd)}, tmp / "zstd.tar");
  expect_same_report(tmp / "zstd.tar");
}

// Docker 20.10 writes manifest.json after the layers, others before: both
// orders, and a gzip-compressed archive, give the same report.
TEST(StreamArchive, ManifestFirstOrLastAndCompressedArchive) {
  TempDir tmp;
  write_docker_archive({sample(Compression::kNone)}, tmp / "img.tar", DockerLayout::kLegacy);
  std::string d = tmp / "x";
  auto sh = ballast::testing::run_command(
      "set -e; mkdir " + d + " && tar -xf " + (tmp / "img.tar") + " -C " + d + " && cd " + d +
      " && tar -cf ../first.tar manifest.json $(ls | grep -v manifest.json) && tar -tf ../first.tar | head -1" +
      " && gzip -c ../img.tar > ../img.tar.gz");
  ASSERT_EQ(sh.code, 0) << sh.out;
  EXPECT_EQ(sh.out, "manifest.json\n");
  auto last = analyze("- < " + (tmp / "img.tar"));
  auto first = analyze("- < " + (tmp / "first.tar"));
  auto gz = analyze("- < " + (tmp / "img.tar.gz"));
  ASSERT_EQ(first.code, 0) << first.out;
  ASSERT_EQ(gz.code, 0) << gz.out;
  EXPECT_EQ(source_independent(last.out), source_independent(first.out));
  EXPECT_EQ(source_independent(last.out), source_independent(gz.out));
}

TEST(StreamArchive, SeveralImagesNeedTheirName) {
  TempDir tmp;
  WriteImage other = sample(Compression::kNone);
  other.repo_tags = {"example/other:2"};
  other.layers.pop_back();
  write_docker_archive({sample(Compression::kNone), other}, tmp / "two.tar");
  auto ambiguous = analyze("- < " + (tmp / "two.tar"));
  EXPECT_EQ(ambiguous.code, 2) << ambiguous.out;
  EXPECT_NE(ambiguous.out.find("--image"), std::string::npos) << ambiguous.out;
  auto chosen = analyze("--image example/other:2 - < " + (tmp / "two.tar"));
  ASSERT_EQ(chosen.code, 0) << chosen.out;
  EXPECT_EQ(json::parse(chosen.out)["layers"].size(), 2u);
}

// One line on stderr, exit 2.
void expect_bad(const std::string& shell_input, const std::string& message_part) {
  auto r = ballast::testing::run_command(shell_input + " | " + std::string(BALLAST_BINARY) +
                                         " analyze - 2>&1 >/dev/null");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find(message_part), std::string::npos) << r.out;
}

TEST(StreamArchive, BadStreams) {
  TempDir tmp;
  write_docker_archive({sample(Compression::kNone)}, tmp / "img.tar");
  expect_bad("head -c 100000 " + (tmp / "img.tar"), "-");
  expect_bad("printf 'not an archive at all'", "-");
  expect_bad("true", "-");
  // A layer the manifest names but the stream lacks.
  std::string d = tmp / "x";
  auto sh = ballast::testing::run_command("set -e; mkdir " + d + " && tar -xf " + (tmp / "img.tar") + " -C " + d +
                                          " && cd " + d + " && tar -cf ../nolayer.tar $(ls -p | grep -v /) " +
                                          "$(ls -d */ | head -2 | sed 's,/$,,')");
  ASSERT_EQ(sh.code, 0) << sh.out;
  expect_bad("cat " + (tmp / "nolayer.tar"), "missing");
  // Bytes of a layer changed: its diff ID no longer matches.
  auto flip = ballast::testing::run_command(
      "cd " + d + " && f=$(ls -S */layer.tar | head -1) && printf 'X' | dd of=$f bs=1 seek=100000 conv=notrunc 2>/dev/null"
      " && tar -cf ../flipped.tar *");
  ASSERT_EQ(flip.code, 0) << flip.out;
  expect_bad("cat " + (tmp / "flipped.tar"), "digest mismatch");
}

}  // namespace
}  // namespace ballast::image

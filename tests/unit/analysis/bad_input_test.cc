// Bad input: every case must raise one InputError whose message names the
// file and says what is wrong; nothing may crash or hang.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "analysis/image_analysis.h"
#include "writer/image_writer.h"
#include "../image/oci_edit.h"
#include "../image/temp_dir.h"
#include "util/error.h"

namespace ballast::analysis {
namespace {

using namespace image;  // the model and the image readers
using namespace ballast::writer;  // fixtures are written with the image writer

using testing::TempDir;

std::string error_of(const std::string& ref, AnalyzeOptions options = {}) {
  try {
    analyze_image(parse_image_reference(ref), options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

WriteImage simple(Compression c = Compression::kNone) {
  WriteImage img;
  img.layers.push_back({{file_entry("a", std::string(20000, 'a')), file_entry("b", "bee")}, "ADD", c});
  return img;
}

std::string only_blob_of_size_above(const std::string& dir, std::uintmax_t min) {
  for (const auto& e : std::filesystem::directory_iterator(dir + "/blobs/sha256"))
    if (e.file_size() > min && slurp(e.path().string()).find("schemaVersion") == std::string::npos &&
        slurp(e.path().string()).find("rootfs") == std::string::npos)
      return e.path().string();
  return {};
}

// ustar header checksum: sum of the 512 header bytes with the checksum field
// read as spaces, stored as six octal digits, NUL, space (POSIX ustar).
void set_tar_size(std::string& tar, std::size_t header, const char* octal11) {
  std::memcpy(&tar[header + 124], octal11, 11);
  tar[header + 135] = '\0';
  std::memset(&tar[header + 148], ' ', 8);
  unsigned sum = 0;
  for (std::size_t i = 0; i < 512; ++i) sum += static_cast<unsigned char>(tar[header + i]);
  std::snprintf(&tar[header + 148], 8, "%06o", sum);
  tar[header + 155] = ' ';
}

TEST(BadInput, NotAnImage) {
  TempDir tmp;
  write(tmp / "x.txt", "hello, I am not a tar\n");
  EXPECT_NE(error_of(tmp / "x.txt").find(tmp / "x.txt"), std::string::npos);
  EXPECT_EQ(error_of(tmp / "nope.tar"), tmp / "nope.tar" + ": no such file or directory");
  EXPECT_NE(error_of("docker-archive:" + tmp / "x.txt").find("not a tar"), std::string::npos);
}

TEST(BadInput, UnknownTransport) {
  EXPECT_NE(error_of("registry:foo/bar").find("unknown transport 'registry'"), std::string::npos);
}

TEST(BadInput, TruncatedArchive) {
  TempDir tmp;
  write_docker_archive({simple()}, tmp / "img.tar");
  std::string bytes = slurp(tmp / "img.tar");
  write(tmp / "cut.tar", bytes.substr(0, bytes.size() / 2));
  std::string err = error_of(tmp / "cut.tar");
  EXPECT_NE(err.find("cut.tar"), std::string::npos) << err;
}

TEST(BadInput, MissingBlob) {
  TempDir tmp;
  write_oci_layout({simple(Compression::kGzip)}, tmp / "oci");
  std::string blob = only_blob_of_size_above(tmp / "oci", 0);
  ASSERT_FALSE(blob.empty());
  std::filesystem::remove(blob);
  std::string err = error_of("oci:" + tmp / "oci");
  EXPECT_NE(err.find("missing blobs/sha256/"), std::string::npos) << err;
}

TEST(BadInput, DigestMismatchNamesTheBlob) {
  TempDir tmp;
  write_oci_layout({simple(Compression::kGzip)}, tmp / "oci");
  WriteImage other = simple(Compression::kGzip);
  other.layers[0].entries[1] = file_entry("b", "bus");
  write_oci_layout({other}, tmp / "other");
  std::string blob = only_blob_of_size_above(tmp / "oci", 0);
  std::string replacement = only_blob_of_size_above(tmp / "other", 0);
  std::filesystem::copy_file(replacement, blob, std::filesystem::copy_options::overwrite_existing);
  // A blob of another size is caught by its descriptor's size, even without verification.
  std::string err = error_of("oci:" + tmp / "oci");
  std::string unverified = error_of("oci:" + tmp / "oci", [] { AnalyzeOptions o; o.verify = VerifyMode::kNone; return o; }());
  // Re-point the manifest at the new size (same, now wrong, digest): only the digest check can tell.
  if (err.find("its descriptor says") != std::string::npos) {
    EXPECT_EQ(unverified, err);
    ballast::testing::fix_layer_size(tmp / "oci", std::filesystem::file_size(blob));
    err = error_of("oci:" + tmp / "oci");
  }
  EXPECT_NE(err.find("digest mismatch"), std::string::npos) << err;
  EXPECT_NE(err.find(std::filesystem::path(blob).filename().string()), std::string::npos) << err;
  AnalyzeOptions no_verify;
  no_verify.verify = VerifyMode::kNone;
  EXPECT_EQ(error_of("oci:" + tmp / "oci", no_verify), "(no error)");
}

TEST(BadInput, CorruptGzipAndZstd) {
  for (auto c : {Compression::kGzip, Compression::kZstd}) {
    TempDir tmp;
    SCOPED_TRACE(std::string(to_string(c)));
    WriteImage img;
    std::string noise;
    for (int i = 0; i < 200000; ++i) noise.push_back(static_cast<char>((i * 7919) ^ (i >> 3)));
    img.layers.push_back({{file_entry("n", noise)}, "ADD", c});
    write_oci_layout({img}, tmp / "oci");
    std::string blob = only_blob_of_size_above(tmp / "oci", 1000);
    std::string bytes = slurp(blob);
    for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i) bytes[i] = static_cast<char>(~bytes[i]);
    write(blob, bytes);
    AnalyzeOptions o;
    o.verify = VerifyMode::kNone;  // the decoder itself must notice
    std::string err = error_of("oci:" + tmp / "oci", o);
    EXPECT_NE(err.find("corrupt " + std::string(to_string(c))), std::string::npos) << err;
    EXPECT_NE(err.find(std::filesystem::path(blob).filename().string()), std::string::npos) << err;
    // Truncated stream.
    write(blob, slurp(blob).substr(0, bytes.size() / 2));
    err = error_of("oci:" + tmp / "oci", o);
    // The descriptor's size now catches it first.
    EXPECT_NE(err.find("its descriptor says"), std::string::npos) << err;
  }
}

TEST(BadInput, MalformedJson) {
  TempDir tmp;
  write_docker_archive({simple()}, tmp / "img.tar");
  // Rewrite the archive with a broken manifest.json via the OCI path instead:
  write_oci_layout({simple()}, tmp / "oci");
  write(tmp / "oci/index.json", "{\"manifests\": [");
  std::string err = error_of("oci:" + tmp / "oci");
  EXPECT_NE(err.find("index.json: malformed JSON"), std::string::npos) << err;
  write(tmp / "oci/index.json", R"({"manifests":[{"digest":"sha256:../../etc/passwd"}]})");
  err = error_of("oci:" + tmp / "oci");
  EXPECT_NE(err.find("malformed digest"), std::string::npos) << err;
}

TEST(BadInput, HostileTarPaths) {
  // Names that climb above the root: moby refuses them, and so does ballast
  // (docs/formats.md). "/etc/abs" is not here: it is etc/abs for every engine.
  for (const char* name : {"../escape", "a/../../escape", "/../escape", "./usr/../../x"}) {
    TempDir tmp;
    SCOPED_TRACE(name);
    WriteImage img;
    WriteEntry e = file_entry(name, "x");
    e.kind = WriteEntry::Kind::kRawName;
    img.layers.push_back({{e}, "ADD"});
    write_docker_archive({img}, tmp / "img.tar");
    std::string err = error_of(tmp / "img.tar");
    EXPECT_NE(err.find("hostile tar entry"), std::string::npos) << err;
    EXPECT_NE(err.find("layer.tar"), std::string::npos) << err;
  }
}

TEST(BadInput, RootNamedByANonDirectory) {
  // "/" and "usr/.." resolve to the root; a file or symlink cannot replace it.
  // (A regular file named "/" is read by libarchive as a directory, so the
  // slash case is a symlink.)
  for (const char* name : {"/", "usr/..", "."}) {
    TempDir tmp;
    SCOPED_TRACE(name);
    WriteEntry e = file_entry(name, "x");
    e.kind = WriteEntry::Kind::kRawName;
    if (name == std::string("/")) e = symlink_entry(name, "etc");
    WriteImage img;
    img.layers.push_back({{e}, "ADD"});
    write_docker_archive({img}, tmp / "img.tar");
    std::string err = error_of(tmp / "img.tar");
    EXPECT_NE(err.find("tar entry '" + std::string(name) + "' names the root but is not a directory"),
              std::string::npos)
        << err;
  }
}

TEST(BadInput, HardlinkToNowhere) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("a", "x"), hardlink_entry("b", "missing")}, "ADD"});
  write_docker_archive({img}, tmp / "img.tar");
  std::string err = error_of(tmp / "img.tar");
  EXPECT_NE(err.find("hardlink 'b' to nowhere ('missing')"), std::string::npos) << err;
}

TEST(BadInput, WhiteoutOfPathThatNeverExistedIsAWarning) {
  // Real builders emit these now and then; the engine ignores them, and so
  // does the analysis, loudly.
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("a", "x")}, "ADD"});
  img.layers.push_back({{whiteout_entry("ghost")}, "RUN rm -f /ghost"});
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_image(parse_image_reference(tmp / "img.tar"), {});
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_EQ(m.warnings[0], "layer 1: whiteout of 'ghost', which no lower layer has");
}

TEST(BadInput, HeaderPromisingMoreBytesThanTheLayerHolds) {
  // Both read paths: header-only seeking (docker-archive) and streaming (--verify).
  for (auto verify : {VerifyMode::kCompressed, VerifyMode::kAll}) {
    TempDir tmp;
    WriteLayer l{{file_entry("f", "tiny")}, "ADD"};
    std::string tar = layer_tar(l);
    set_tar_size(tar, 0, "77777777777");  // 8 GiB - 1
    WriteImage img;
    img.layers.push_back({{}, "ADD", Compression::kNone, tar});
    write_docker_archive({img}, tmp / "img.tar");
    AnalyzeOptions o;
    o.verify = verify;
    std::string err = error_of(tmp / "img.tar", o);
    EXPECT_NE(err.find("layer.tar"), std::string::npos) << err;
    EXPECT_NE(err.find("runcated"), std::string::npos) << err;
  }
}

TEST(BadInput, AmbiguousArchiveListsImages) {
  TempDir tmp;
  WriteImage a = simple(), b = simple();
  a.repo_tags = {"app:1"};
  b.repo_tags = {"app:2"};
  write_docker_archive({a, b}, tmp / "two.tar");
  std::string err = error_of(tmp / "two.tar");
  EXPECT_NE(err.find("holds 2 images"), std::string::npos) << err;
  EXPECT_NE(err.find("app:1, app:2"), std::string::npos) << err;
  EXPECT_EQ(error_of("docker-archive:" + tmp / "two.tar" + ":app:2"), "(no error)");
  AnalyzeOptions o;
  o.image_name = "app:3";
  EXPECT_NE(error_of(tmp / "two.tar", o).find("no image named app:3 (present: app:1, app:2)"),
            std::string::npos);
}

TEST(Platforms, DefaultIsLinuxAmd64AndMissingPlatformListsThePresentOnes) {
  TempDir tmp;
  WriteImage amd = simple(Compression::kGzip), arm = simple(Compression::kGzip);
  arm.architecture = "arm64";
  arm.variant = "v8";
  arm.layers[0].entries.push_back(file_entry("only-on-arm", "1"));
  write_oci_layout({amd, arm}, tmp / "multi", true);
  ImageModel m = analyze_image(parse_image_reference("oci:" + tmp / "multi"), {});
  EXPECT_EQ(m.config.architecture, "amd64");
  EXPECT_EQ(m.final_files.size(), 2u);
  AnalyzeOptions o;
  o.platform = "linux/arm64";
  m = analyze_image(parse_image_reference("oci:" + tmp / "multi"), o);
  EXPECT_EQ(m.config.architecture, "arm64");
  EXPECT_EQ(m.final_files.size(), 3u);
  o.platform = "linux/s390x";
  EXPECT_NE(error_of("oci:" + tmp / "multi", o).find(
                "no image for platform linux/s390x (present: linux/amd64, linux/arm64/v8)"),
            std::string::npos);
}

}  // namespace
}  // namespace ballast::analysis

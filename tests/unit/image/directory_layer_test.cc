// The overlay2 layer directory reader: entries in byte order, hardlinks to
// the first name, overlayfs whiteouts and opaque directories as the tar the
// engine writes would carry them (expected values written by hand from
// moby's overlay whiteout conversion; the e2e engine test compares whole
// reports with `docker save`).
#include "image/directory_layer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "image/engine/overlay_image.h"
#include "temp_dir.h"
#include "util/error.h"

namespace ballast::image {
namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

struct Row {
  std::string path;
  EntryType type;
  std::uint64_t size;
  std::string link;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows(const LayerReadResult& r) {
  std::vector<Row> out;
  for (const TarEntry& e : r.table.entries())
    out.push_back({std::string(r.table.path(e)), e.type, e.size, std::string(r.table.link(e))});
  return out;
}

void PrintTo(const Row& r, std::ostream* os) {
  *os << r.path << " " << to_string(r.type) << " " << r.size << " ->" << r.link;
}

TEST(DirectoryLayer, EntriesInByteOrderWithHardlinksSymlinksAndModes) {
  testing::TempDir dir;
  ::mkdir((dir / "usr").c_str(), 0755);
  ::mkdir((dir / "usr/bin").c_str(), 0750);
  write(dir / "usr/bin/tool", "12345");
  ::chmod((dir / "usr/bin/tool").c_str(), 04755);
  ::link((dir / "usr/bin/tool").c_str(), (dir / "usr/bin/alias").c_str());
  ::symlink("tool", (dir / "usr/bin/t").c_str());
  write(dir / "Zeta", "");  // 'Z' (0x5a) sorts before 'u' (0x75)
  ::mkfifo((dir / "pipe").c_str(), 0600);

  LayerReadOptions options;
  LayerReadResult r = read_layer_directory(dir.path(), "test", options);
  // "usr/bin/alias" comes first in byte order, so it is the file and "tool" links to it.
  std::vector<Row> expected = {
      {"Zeta", EntryType::kFile, 0, ""},
      {"pipe", EntryType::kFifo, 0, ""},
      {"usr", EntryType::kDirectory, 0, ""},
      {"usr/bin", EntryType::kDirectory, 0, ""},
      {"usr/bin/alias", EntryType::kFile, 5, ""},
      {"usr/bin/t", EntryType::kSymlink, 0, "tool"},
      {"usr/bin/tool", EntryType::kHardlink, 0, "usr/bin/alias"},
  };
  EXPECT_EQ(rows(r), expected);
  EXPECT_EQ(r.method, ReadMethod::kDirectory);
  const auto& e = r.table.entries();
  EXPECT_EQ(e[3].mode, 0750u);
  EXPECT_EQ(e[4].mode, 04755u);
  EXPECT_TRUE(e[4].has_hash);
  EXPECT_FALSE(e[0].has_hash);  // empty files are not hashed (as the tar reader does)
}

TEST(DirectoryLayer, CapturedFilesAreKeptWithTheirEntryIndex) {
  testing::TempDir dir;
  ::mkdir((dir / "var").c_str(), 0755);
  write(dir / "var/status", "Package: x\n");
  LayerReadOptions options;
  options.capture = [](std::string_view path, std::uint64_t) { return path == "var/status"; };
  LayerReadResult r = read_layer_directory(dir.path(), "test", options);
  ASSERT_EQ(r.captured.size(), 1u);
  EXPECT_EQ(r.captured[0].first, 1u);
  EXPECT_EQ(r.captured[0].second, "Package: x\n");
}

TEST(DirectoryLayer, OverlayWhiteoutsAndOpaqueDirectories) {
  if (::geteuid() != 0) GTEST_SKIP() << "!!! needs root (mknod, trusted.* xattrs) — CI runs as root";
  testing::TempDir dir;
  ASSERT_EQ(::mknod((dir / "gone").c_str(), S_IFCHR | 0, makedev(0, 0)), 0);
  ASSERT_EQ(::mknod((dir / "tty").c_str(), S_IFCHR | 0620, makedev(4, 1)), 0);  // a real device stays one
  ::mkdir((dir / "opq").c_str(), 0700);
  write(dir / "opq/new", "n");
  if (::setxattr((dir / "opq").c_str(), "trusted.overlay.opaque", "y", 1, 0) != 0)
    GTEST_SKIP() << "!!! this filesystem refuses trusted.* xattrs";
  LayerReadResult r = read_layer_directory(dir.path(), "test", {});
  std::vector<Row> expected = {
      {"gone", EntryType::kWhiteout, 0, ""},
      {"opq", EntryType::kDirectory, 0, ""},
      {"opq", EntryType::kOpaque, 0, ""},
      {"opq/new", EntryType::kFile, 1, ""},
      {"tty", EntryType::kCharDevice, 0, ""},
  };
  EXPECT_EQ(rows(r), expected);
  EXPECT_EQ(r.table.entries()[0].mode, 0600u);  // moby writes `.wh.gone` as mode 0600
  EXPECT_EQ(r.table.entries()[2].mode, 0700u);  // `.wh..wh..opq` takes the directory's mode
}

TEST(DirectoryLayer, MissingDirectoryIsAnInputError) {
  EXPECT_THROW(read_layer_directory("/nonexistent/ballast", "test", {}), InputError);
}

// tar-split records (github.com/vbatts/tar-split tar/storage/entry.go: type 1
// is a file, 2 a segment): segments are base64 of raw tar bytes (4 chars per 3
// bytes, '=' padding), files add their size. Hand-computed: 512 + 3 + 2 + 1
// segment bytes and 700 + 0 file bytes.
TEST(TarSplitSize, SumsSegmentBytesAndFileSizes) {
  std::string a512(684, 'A');  // 512 bytes = 170 full groups + 2 bytes ("AAA=")
  a512.replace(680, 4, "AAA=");
  std::string records = "{\"type\":2,\"payload\":\"" + a512 + "\",\"position\":0}\n" +
                        "{\"type\":1,\"name\":\"f\",\"size\":700,\"payload\":\"AAAAAAAAAAA=\",\"position\":1}\n" +
                        "{\"type\":2,\"payload\":\"AAAA\",\"position\":2}\n" +
                        "{\"type\":2,\"payload\":\"AAA=\",\"position\":3}\n" +
                        "{\"type\":2,\"payload\":\"AA==\",\"position\":4}\n" +
                        "{\"type\":1,\"name\":\"d/\",\"position\":5}\n";
  testing::TempDir dir;
  write(dir / "r", records);
  ASSERT_EQ(std::system(("gzip -n " + (dir / "r")).c_str()), 0);
  std::ifstream in(dir / "r.gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // 684 chars with one '=' = 512 bytes; then 700; 3; 2; 1.
  EXPECT_EQ(engine::tar_split_size(gz, "split"), 512u + 700u + 3u + 2u + 1u);
}

TEST(TarSplitSize, MalformedRecordsAreInputErrors) {
  testing::TempDir dir;
  write(dir / "r", "{\"type\":9}\n");
  ASSERT_EQ(std::system(("gzip -n " + (dir / "r")).c_str()), 0);
  std::ifstream in(dir / "r.gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THROW(engine::tar_split_size(gz, "split"), InputError);
  EXPECT_THROW(engine::tar_split_size("not gzip", "split"), InputError);
}

}  // namespace
}  // namespace ballast::image

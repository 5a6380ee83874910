// Layer accounting on images the test writes itself; every expected number is
// computed by hand in the comments next to it.
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/image_analysis.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::analysis {
namespace {

using namespace image;  // the model and the image readers
using namespace ballast::writer;  // fixtures are written with the image writer

using testing::TempDir;

ImageModel analyze_path(const std::string& path, AnalyzeOptions options = {}) {
  return analyze_image(parse_image_reference(path), options);
}

const ReclaimableItem* find_item(const ImageModel& m, const std::string& path) {
  for (const auto& r : m.reclaimable)
    if (r.path == path) return &r;
  return nullptr;
}

std::vector<std::string> final_paths(const ImageModel& m) {
  std::vector<std::string> out;
  for (const auto& f : m.final_files) out.emplace_back(f.path);
  return out;
}

// Layer 0: etc/a (100 B), d/x (1000 B), d/y (500 B). Layer 1 deletes etc/a
// and the whole of d. Layer 2 adds f (10 B).
WriteImage whiteout_image(Compression c = Compression::kNone) {
  WriteImage img;
  img.repo_tags = {"wh:1"};
  img.layers.push_back({{dir_entry("etc"), file_entry("etc/a", std::string(100, 'a')),
                         dir_entry("d"), file_entry("d/x", std::string(1000, 'x')),
                         file_entry("d/y", std::string(500, 'y'))},
                        "ADD rootfs /",
                        c});
  img.layers.push_back({{whiteout_entry("etc/a"), whiteout_entry("d")}, "RUN rm -rf /etc/a /d", c});
  img.layers.push_back({{file_entry("f", std::string(10, 'f'))}, "COPY f /f", c});
  return img;
}

TEST(Accounting, WhiteoutOfFileAndDirectory) {
  TempDir tmp;
  write_docker_archive({whiteout_image()}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  ASSERT_EQ(m.layers.size(), 3u);
  EXPECT_EQ(m.layers[0].files_size, 1600u);
  EXPECT_EQ(m.layers[0].file_count, 3u);
  EXPECT_EQ(m.layers[1].files_size, 0u);
  EXPECT_EQ(m.layers[1].whiteout_count, 2u);
  EXPECT_EQ(m.layers[2].files_size, 10u);
  EXPECT_EQ(m.stored_bytes, 1610u);
  EXPECT_EQ(m.final_bytes, 10u);
  EXPECT_EQ(final_paths(m), (std::vector<std::string>{"etc", "f"}));
  EXPECT_EQ(m.reclaimable_bytes, 1600u);
  EXPECT_EQ(m.reclaimable_by_reason[static_cast<int>(ShadowReason::kDeleted)], 1600u);
  EXPECT_EQ(m.layers[0].reclaimable, 1600u);
  const auto* x = find_item(m, "d/x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->size, 1000u);
  EXPECT_EQ(x->added_layer, 0);
  EXPECT_EQ(x->shadowed_layer, 1);
  EXPECT_EQ(x->reason, ShadowReason::kDeleted);
  // Largest first.
  EXPECT_EQ(m.reclaimable.front().path, "d/x");
}

TEST(Accounting, DiveMetricsComputedAsDiveDoes) {
  TempDir tmp;
  write_docker_archive({whiteout_image()}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  // Leaves: L0 etc/a 100, d/x 1000, d/y 500; L1 whiteout etc/a (lower is a
  // file: 0), whiteout d (lower dir holds 1500); L2 f 10.
  // etc/a: count 2, cum 100, min 0; others count 1.
  // Σmin = 0 + 1000 + 500 + 1500 + 10 = 3010; Σcum = 3110.
  EXPECT_DOUBLE_EQ(m.dive.efficiency, 3010.0 / 3110.0);
  EXPECT_EQ(m.dive.wasted_bytes, 100u);
  EXPECT_EQ(m.dive.user_size, 10u);  // layers 1 and 2: 0 + 10
  EXPECT_DOUBLE_EQ(m.dive.user_wasted_percent, 10.0);
  ASSERT_EQ(m.dive.inefficiencies.size(), 1u);
  EXPECT_EQ(m.dive.inefficiencies[0].path, "etc/a");
  EXPECT_EQ(m.dive.inefficiencies[0].count, 2u);
}

TEST(Accounting, OpaqueDirectoryHidesOnlyLowerLayers) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{dir_entry("o"), file_entry("o/1", std::string(10, '1')),
                         file_entry("o/2", std::string(20, '2'))},
                        "ADD o /o"});
  // The marker comes after a same-layer child: that child must survive.
  img.layers.push_back({{dir_entry("o"), file_entry("o/3", std::string(30, '3')), opaque_entry("o")},
                        "RUN rm -rf /o && mkdir /o && echo > /o/3"});
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  EXPECT_EQ(final_paths(m), (std::vector<std::string>{"o", "o/3"}));
  EXPECT_EQ(m.reclaimable_by_reason[static_cast<int>(ShadowReason::kOpaque)], 30u);
  EXPECT_EQ(m.final_bytes, 30u);
}

TEST(Accounting, ChmodCopyIsSameContentRewriteButSameSizeEditIsNot) {
  TempDir tmp;
  std::string binary(5000, 'b');
  binary[4999] = 'z';
  WriteImage img;
  img.layers.push_back({{file_entry("app/bin", binary, 0644), file_entry("cfg", "aaaa")}, "COPY . /"});
  img.layers.push_back(
      {{file_entry("app/bin", binary, 0755), file_entry("cfg", "bbbb")}, "RUN chmod +x /app/bin"});
  for (auto c : {Compression::kNone, Compression::kGzip}) {
    for (auto& l : img.layers) l.compression = c;
    SCOPED_TRACE(std::string(to_string(c)));
    std::string path = tmp / (std::string("img-") + std::string(to_string(c)));
    if (c == Compression::kNone)
      write_docker_archive({img}, path);
    else
      write_oci_layout({img}, path);
    ImageModel m = analyze_path(path);
    const auto* bin = find_item(m, "app/bin");
    ASSERT_NE(bin, nullptr);
    EXPECT_EQ(bin->reason, ShadowReason::kRewrittenSameContent);
    EXPECT_EQ(bin->size, 5000u);
    const auto* cfg = find_item(m, "cfg");
    ASSERT_NE(cfg, nullptr);
    EXPECT_EQ(cfg->reason, ShadowReason::kOverwritten);
    EXPECT_EQ(m.reclaimable_bytes, 5004u);
  }
}

TEST(Accounting, HardlinkedBytesCountOnce) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("a", std::string(300, 'a')), hardlink_entry("b", "a"),
                         symlink_entry("l", "target-name")},
                        "ADD x /"});
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  // 300 (a, once); the symlink target "target-name" is 11 bytes apart.
  EXPECT_EQ(m.layers[0].files_size, 300u);
  EXPECT_EQ(m.layers[0].symlink_bytes, 11u);
  EXPECT_EQ(m.final_bytes, 300u);
  ASSERT_EQ(m.final_files.size(), 3u);
  EXPECT_EQ(m.final_files[1].path, "b");
  EXPECT_EQ(m.final_files[1].size, 300u);  // a hardlink shows its file's size
}

TEST(Accounting, DeletingAHardlinkedFileKeepsItsBytesVisibleThroughTheLink) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("a", std::string(300, 'a')), hardlink_entry("b", "a")}, "ADD"});
  img.layers.push_back({{whiteout_entry("a")}, "RUN rm /a"});
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  EXPECT_EQ(final_paths(m), (std::vector<std::string>{"b"}));
  EXPECT_EQ(m.final_bytes, 300u);
}

TEST(Accounting, FileReplacedByDirectoryAndDirectoryByFile) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("p", std::string(7, 'p')), dir_entry("q"),
                         file_entry("q/inner", std::string(40, 'i'))},
                        "ADD"});
  img.layers.push_back({{dir_entry("p"), file_entry("p/child", "c"), file_entry("q", "file")}, "RUN"});
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  EXPECT_EQ(final_paths(m), (std::vector<std::string>{"p", "p/child", "q"}));
  EXPECT_EQ(m.reclaimable_by_reason[static_cast<int>(ShadowReason::kOverwritten)], 47u);
}

TEST(Accounting, EmptyLayerHistoryEntriesStayInOrder) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("a", "1")}, ""});
  img.layers.push_back({{file_entry("b", "22")}, ""});
  img.history = {{"t", "ADD a /", "", "", false},
                 {"t", "ENV X=1", "", "", true},
                 {"t", "RUN make b", "", "", false},
                 {"t", "CMD [\"sh\"]", "", "", true}};
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_path(tmp / "img.tar");
  ASSERT_EQ(m.history.size(), 4u);
  EXPECT_EQ(m.history[0].layer, 0);
  EXPECT_EQ(m.history[1].layer, -1);
  EXPECT_EQ(m.history[2].layer, 1);
  EXPECT_EQ(m.history[3].layer, -1);
  EXPECT_EQ(m.layers[1].history_index, 2);
}

TEST(Accounting, DuplicateFilesFoundAcrossLayers) {
  TempDir tmp;
  std::string model(10000, 'm');
  std::string other = model;
  other[9000] = 'x';  // same size and same first 4 KiB, different bytes
  WriteImage img;
  img.layers.push_back({{file_entry("models/a.bin", model), file_entry("models/c.bin", other)}, "COPY"});
  img.layers.push_back({{file_entry("app/copy.bin", model)}, "COPY"});
  write_docker_archive({img}, tmp / "img.tar");
  AnalyzeStats stats;
  ImageModel m = analyze_image(parse_image_reference(tmp / "img.tar"), {}, &stats);
  ASSERT_EQ(m.duplicates.size(), 1u);
  EXPECT_EQ(m.duplicates[0].paths, (std::vector<std::string>{"app/copy.bin", "models/a.bin"}));
  EXPECT_EQ(m.duplicates[0].wasted(), 10000u);
  EXPECT_EQ(stats.layers_seeked, 2u);
  EXPECT_EQ(stats.hashing.files_hashed, 6u);  // 3 heads + 3 full hashes
}

TEST(Accounting, SameNumbersFromEveryFormatAndCompression) {
  TempDir tmp;
  write_docker_archive({whiteout_image()}, tmp / "legacy.tar");
  write_docker_archive({whiteout_image()}, tmp / "d25.tar", DockerLayout::kDocker25);
  write_oci_layout({whiteout_image(Compression::kGzip)}, tmp / "oci-gz");
  write_oci_archive({whiteout_image(Compression::kZstd)}, tmp / "oci-zst.tar");
  for (const std::string& p :
       {tmp / "legacy.tar", "docker-archive:" + tmp / "d25.tar", "oci:" + tmp / "oci-gz",
        "oci-archive:" + tmp / "oci-zst.tar"}) {
    SCOPED_TRACE(p);
    ImageModel m = analyze_path(p);
    EXPECT_EQ(m.stored_bytes, 1610u);
    EXPECT_EQ(m.final_bytes, 10u);
    EXPECT_EQ(m.reclaimable_bytes, 1600u);
    EXPECT_EQ(final_paths(m), (std::vector<std::string>{"etc", "f"}));
    EXPECT_EQ(m.layers[2].history_index, 2);
  }
}

TEST(Accounting, CompressedLayersAreVerifiedAndReportTheirSizes) {
  TempDir tmp;
  write_oci_layout({whiteout_image(Compression::kGzip)}, tmp / "oci");
  ImageModel m = analyze_path("oci:" + tmp / "oci");
  for (const auto& l : m.layers) {
    EXPECT_TRUE(l.verified);
    EXPECT_FALSE(l.seeked);
    EXPECT_EQ(l.compression, Compression::kGzip);
    EXPECT_LT(l.stored_size, l.tar_size);
  }
  // tar of layer 2: pax header? no: one 512 B header + 512 B data block +
  // libarchive's end-of-archive (two 512 B blocks) padded to 10240.
  EXPECT_EQ(m.layers[2].tar_size % 512, 0u);
}

}  // namespace
}  // namespace ballast::analysis

namespace ballast::analysis {
namespace {

using namespace image;  // the model and the image readers
using namespace ballast::writer;  // fixtures are written with the image writer

TEST(Capture, KeepsContentsOfChosenFilesFromEveryLayerKind) {
  testing::TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("var/lib/dpkg/status", "Package: a\n"), file_entry("big", std::string(5000, 'x'))}, ""});
  write_docker_archive({img}, tmp / "img.tar");
  img.layers[0].compression = Compression::kZstd;
  write_oci_layout({img}, tmp / "oci");
  for (const std::string& p : {tmp / "img.tar", tmp / "oci"}) {
    AnalyzeOptions o;
    o.capture = [](std::string_view path, std::uint64_t) { return path == "var/lib/dpkg/status"; };
    ImageModel m = analyze_image(parse_image_reference(p), o);
    ASSERT_EQ(m.final_files.size(), 2u);  // big, var/lib/dpkg/status (no parent entries written)
    const FinalFile* status = nullptr;
    for (const auto& f : m.final_files)
      if (f.path == "var/lib/dpkg/status") status = &f;
    ASSERT_NE(status, nullptr);
    const std::string* contents = m.captured_contents(status->ref);
    ASSERT_NE(contents, nullptr);
    EXPECT_EQ(*contents, "Package: a\n");
    EXPECT_EQ(m.captured_contents(m.final_files[0].ref), nullptr);
  }
}

}  // namespace
}  // namespace ballast::analysis

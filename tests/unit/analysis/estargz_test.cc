// eStargz layers read from their table of contents against the same layers
// read in full (--no-toc): identical tables, sizes, duplicates and captured
// files; unusable TOCs fall back to streaming with a warning. Expected values
// are worked out by hand from the fixture's file list below.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "util/sha256.h"
#include "writer/compress.h"
#include "image/estargz_toc.h"
#include "writer/estargz_writer.h"
#include "analysis/image_analysis.h"
#include "../image/temp_dir.h"
#include "util/error.h"

namespace ballast::analysis {
namespace {

using namespace image;  // the model and the image readers
using namespace ballast::writer;  // fixtures are written with the image writer

using testing::TempDir;

// 10000 bytes that differ from block to block, so a misplaced chunk shows.
std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 97) % 26);
  return s;
}

const std::string kStatus = "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n\n";
const std::string kDup(2000, 'q');

WriteEntry owned(WriteEntry e, std::uint32_t uid, std::uint32_t gid) {
  e.uid = uid;
  e.gid = gid;
  return e;
}

// Layer 0 (eStargz, 4 KiB chunks): every entry type, a 3-chunk file
// (4096 + 4096 + 1808 bytes), a package database, a duplicate, whiteouts.
std::vector<WriteEntry> toc_layer_entries() {
  return {dir_entry("etc"),
          file_entry("etc/hostname", "box\n"),
          dir_entry("var"),
          dir_entry("var/lib"),
          dir_entry("var/lib/dpkg"),
          file_entry("var/lib/dpkg/status", kStatus),
          dir_entry("usr"),
          file_entry("usr/big.bin", pattern(10000)),
          symlink_entry("usr/link", "big.bin"),
          hardlink_entry("usr/hard", "usr/big.bin"),
          dir_entry("dup"),
          file_entry("dup/a", kDup),
          whiteout_entry("etc/old"),
          opaque_entry("opt"),
          file_entry("empty", ""),
          owned(file_entry("bin-tool", std::string(100, 't'), 0755), 1000, 1001)};
}

// Layer 1 (ordinary gzip): the duplicate of dup/a and a 1500-byte file.
EstargzWriteLayer plain_layer() {
  EstargzWriteLayer l;
  l.entries = {dir_entry("dup"), file_entry("dup/b", kDup), file_entry("other", std::string(1500, 'o'))};
  l.created_by = "COPY dup/b other /";
  l.estargz = false;
  return l;
}

EstargzWriteLayer toc_layer() {
  EstargzWriteLayer l;
  l.entries = toc_layer_entries();
  l.created_by = "ADD rootfs /";
  l.options.chunk_size = 4096;
  return l;
}

ImageModel analyze_dir(const std::string& dir, bool use_toc,
                       std::function<bool(std::string_view, std::uint64_t)> capture = {}) {
  AnalyzeOptions o;
  o.use_toc = use_toc;
  o.capture = std::move(capture);
  return analyze_image(parse_image_reference("oci:" + dir), o);
}

struct Row {
  std::string path, link;
  EntryType type;
  std::uint64_t size;
  std::uint32_t mode, uid, gid;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows(const LayerTable& t) {
  std::vector<Row> out;
  for (const auto& e : t.entries())
    out.push_back({std::string(t.path(e)), std::string(t.link(e)), e.type, e.size, e.mode, e.uid, e.gid});
  return out;
}

std::vector<std::string> paths(const LayerTable& t) {
  std::vector<std::string> out;
  for (const auto& e : t.entries()) out.emplace_back(t.path(e));
  return out;
}

TEST(Estargz, TocAndStreamReadTheSameTable) {
  TempDir tmp;
  write_estargz_oci_layout({toc_layer(), plain_layer()}, tmp / "img");
  ImageModel toc = analyze_dir(tmp / "img", true);
  ImageModel full = analyze_dir(tmp / "img", false);
  ASSERT_EQ(toc.layers.size(), 2u);
  EXPECT_EQ(toc.layers[0].read_via, ReadMethod::kToc);
  EXPECT_EQ(full.layers[0].read_via, ReadMethod::kStream);
  EXPECT_EQ(toc.layers[1].read_via, ReadMethod::kStream);
  // The only warning is the merge's: etc/old is whited out over nothing.
  EXPECT_EQ(toc.warnings, full.warnings);
  // The tar order, with the writer's landmark first and the TOC last; the
  // root-relative names, whiteouts as the deleted path, opaque as its dir.
  std::vector<std::string> expected = {".no.prefetch.landmark", "etc", "etc/hostname", "var", "var/lib",
                                       "var/lib/dpkg", "var/lib/dpkg/status", "usr", "usr/big.bin",
                                       "usr/link", "usr/hard", "dup", "dup/a", "etc/old", "opt",
                                       "empty", "bin-tool", "stargz.index.json"};
  EXPECT_EQ(paths(toc.tables[0]), expected);
  EXPECT_EQ(rows(toc.tables[0]), rows(full.tables[0]));
  const auto& t = toc.tables[0].entries();
  EXPECT_EQ(t[8].type, EntryType::kFile);
  EXPECT_EQ(t[8].size, 10000u);
  EXPECT_EQ(t[9].type, EntryType::kSymlink);
  EXPECT_EQ(toc.tables[0].link(t[9]), "big.bin");
  EXPECT_EQ(t[10].type, EntryType::kHardlink);
  EXPECT_EQ(toc.tables[0].link(t[10]), "usr/big.bin");
  EXPECT_EQ(t[13].type, EntryType::kWhiteout);
  EXPECT_EQ(t[14].type, EntryType::kOpaque);
  EXPECT_EQ(t[16].mode, 0755u);
  EXPECT_EQ(t[16].uid, 1000u);
  EXPECT_EQ(t[16].gid, 1001u);
  // Regular files: 1 (landmark) + 4 + 64 (kStatus: 20 + 29 + 14 + 1) + 10000
  // + 2000 + 0 + 100 = 12169, plus the TOC.
  std::uint64_t toc_json = t.back().size;
  EXPECT_EQ(toc.layers[0].files_size, 12169u + toc_json);
  EXPECT_EQ(toc.layers[0].files_size, full.layers[0].files_size);
  EXPECT_EQ(toc.layers[0].tar_size, full.layers[0].tar_size);
  EXPECT_EQ(toc.final_bytes, full.final_bytes);
  EXPECT_EQ(toc.reclaimable_bytes, full.reclaimable_bytes);
  // Only the stream verified the blob digest.
  EXPECT_TRUE(full.layers[0].verified);
  EXPECT_FALSE(toc.layers[0].verified);
}

TEST(Estargz, TarSizeFromMemberTrailersWithoutSizeAnnotation) {
  TempDir tmp;
  EstargzWriteLayer l = toc_layer();
  l.annotate_size = false;
  write_estargz_oci_layout({l}, tmp / "img");
  EstargzBlob b = write_estargz(l.entries, l.options);
  ImageModel toc = analyze_dir(tmp / "img", true);
  ASSERT_EQ(toc.layers[0].read_via, ReadMethod::kToc);
  EXPECT_EQ(toc.layers[0].tar_size, b.tar_size);
  EXPECT_EQ(toc.layers[0].tar_size, analyze_dir(tmp / "img", false).layers[0].tar_size);
}

TEST(Estargz, DuplicatesAcrossTocAndStreamedLayers) {
  TempDir tmp;
  write_estargz_oci_layout({toc_layer(), plain_layer()}, tmp / "img");
  for (bool use_toc : {true, false}) {
    ImageModel m = analyze_dir(tmp / "img", use_toc);
    ASSERT_EQ(m.duplicates.size(), 1u) << "use_toc=" << use_toc;
    EXPECT_EQ(m.duplicates[0].size, 2000u);
    EXPECT_EQ(m.duplicates[0].paths, (std::vector<std::string>{"dup/a", "dup/b"}));
  }
}

TEST(Estargz, DuplicatesWithinTocLayersHashChunkedFiles) {
  // Two TOC layers: usr/big.bin (3 chunks) again as copy.bin, and a file of
  // the same size whose last chunk differs: only the true copy is a duplicate.
  TempDir tmp;
  EstargzWriteLayer second;
  std::string almost = pattern(10000);
  almost[9999] = '!';
  second.entries = {file_entry("copy.bin", pattern(10000)), file_entry("near.bin", almost)};
  second.options.chunk_size = 4096;
  write_estargz_oci_layout({toc_layer(), second}, tmp / "img");
  ImageModel m = analyze_dir(tmp / "img", true);
  ASSERT_EQ(m.layers[1].read_via, ReadMethod::kToc);
  ASSERT_EQ(m.duplicates.size(), 1u);
  EXPECT_EQ(m.duplicates[0].paths, (std::vector<std::string>{"copy.bin", "usr/big.bin"}));
  EXPECT_EQ(m.duplicates[0].hash, analyze_dir(tmp / "img", false).duplicates[0].hash);
}

TEST(Estargz, CapturedFilesHaveTheSameContents) {
  TempDir tmp;
  write_estargz_oci_layout({toc_layer()}, tmp / "img");
  auto capture = [](std::string_view p, std::uint64_t) {
    return p == "var/lib/dpkg/status" || p == "usr/big.bin";
  };
  ImageModel toc = analyze_dir(tmp / "img", true, capture);
  ImageModel full = analyze_dir(tmp / "img", false, capture);
  ASSERT_EQ(toc.layers[0].read_via, ReadMethod::kToc);
  ASSERT_EQ(toc.captured[0].size(), 2u);
  EXPECT_EQ(toc.captured[0][0].first, 6u);  // index in the expected path list above
  EXPECT_EQ(toc.captured[0][0].second, kStatus);
  EXPECT_EQ(toc.captured[0][1].first, 8u);
  EXPECT_EQ(toc.captured[0][1].second, pattern(10000));
  EXPECT_EQ(toc.captured[0], full.captured[0]);
}

std::string warnings_of(const ImageModel& m) {
  std::string out;
  for (const auto& w : m.warnings) out += w + "\n";
  return out;
}

std::vector<std::string> toc_warnings(const ImageModel& m) {
  std::vector<std::string> out;
  for (const auto& w : m.warnings)
    if (w.find("table of contents") != std::string::npos) out.push_back(w);
  return out;
}

TEST(Estargz, WrongDigestAnnotationFallsBackWithWarning) {
  TempDir tmp;
  EstargzWriteLayer l = toc_layer();
  l.toc_digest_override = "sha256:" + std::string(64, '0');
  write_estargz_oci_layout({l}, tmp / "img");
  ImageModel m = analyze_dir(tmp / "img", true);
  EXPECT_EQ(m.layers[0].read_via, ReadMethod::kStream);
  EXPECT_TRUE(m.layers[0].verified);
  ASSERT_EQ(toc_warnings(m).size(), 1u) << warnings_of(m);
  EXPECT_EQ(toc_warnings(m)[0],
            "layer 0: table of contents not used (TOC digest does not match the layer annotation); "
            "layer read in full");
  EXPECT_EQ(m.tables[0].entries().size(), 18u);
}

TEST(Estargz, NoAnnotationStreamsSilently) {
  TempDir tmp;
  EstargzWriteLayer l = toc_layer();
  l.annotate_toc = false;
  write_estargz_oci_layout({l}, tmp / "img");
  ImageModel m = analyze_dir(tmp / "img", true);
  EXPECT_EQ(m.layers[0].read_via, ReadMethod::kStream);
  EXPECT_TRUE(toc_warnings(m).empty()) << warnings_of(m);
}

TEST(Estargz, VerifyAllReadsInFull) {
  TempDir tmp;
  write_estargz_oci_layout({toc_layer()}, tmp / "img");
  AnalyzeOptions o;
  o.verify = VerifyMode::kAll;
  ImageModel m = analyze_image(parse_image_reference("oci:" + (tmp / "img")), o);
  EXPECT_EQ(m.layers[0].read_via, ReadMethod::kStream);
  EXPECT_TRUE(m.layers[0].verified);
}

// A footer whose magic is damaged: the gzip stream is still valid (the Extra
// field is not covered by any checksum), so the full read succeeds.
TEST(Estargz, DamagedFooterFallsBack) {
  TempDir tmp;
  EstargzWriteLayer l = toc_layer();
  l.tamper = [](std::string& blob) { blob[blob.size() - 51 + 37] = 'X'; };  // "STARGZ" -> "STARGX"
  write_estargz_oci_layout({l}, tmp / "img");
  ImageModel m = analyze_dir(tmp / "img", true);
  EXPECT_EQ(m.layers[0].read_via, ReadMethod::kStream);
  EXPECT_NE(warnings_of(m).find("(no eStargz footer)"), std::string::npos) << warnings_of(m);
}

// The footer points at the first file's member instead of the TOC's.
TEST(Estargz, FooterPointingElsewhereFallsBack) {
  TempDir tmp;
  EstargzWriteLayer l = toc_layer();
  l.tamper = [](std::string& blob) { std::memcpy(&blob[blob.size() - 51 + 16], "0000000000000000", 16); };
  write_estargz_oci_layout({l}, tmp / "img");
  ImageModel m = analyze_dir(tmp / "img", true);
  EXPECT_EQ(m.layers[0].read_via, ReadMethod::kStream);
  EXPECT_NE(warnings_of(m).find("table of contents not used"), std::string::npos) << warnings_of(m);
}

// A truncated TOC member breaks the gzip stream itself: the fallback read
// fails with one clean InputError naming the blob.
TEST(Estargz, TruncatedTocIsAnInputError) {
  TempDir tmp;
  EstargzWriteLayer l = toc_layer();
  l.tamper = [](std::string& blob) { blob.erase(blob.size() - 51 - 20, 10); };
  write_estargz_oci_layout({l}, tmp / "img");
  AnalyzeOptions o;
  o.verify = VerifyMode::kNone;
  try {
    analyze_image(parse_image_reference("oci:" + (tmp / "img")), o);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("blobs/sha256/"), std::string::npos) << e.what();
  }
}

// Hand-made blobs for the TOC reader alone: one TOC member at offset 0 and
// the 51-byte footer, spelled out from docs/estargz.md "Footer".
std::string footer_at(std::uint64_t offset) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(offset));
  std::string f = {'\x1f', '\x8b', '\x08', '\x04', 0, 0, 0, 0, 0, '\xff', 26, 0, 'S', 'G', 22, 0};
  return f + hex + "STARGZ" + std::string{'\x01', 0, 0, '\xff', '\xff'} + std::string(8, '\0');
}

std::string toc_only_blob(const std::string& toc_json) {
  WriteLayer l;
  l.entries = {file_entry("stargz.index.json", toc_json)};
  return compress(layer_tar(l), Compression::kGzip) + footer_at(0);
}

std::string why_unusable(const std::string& toc_json, std::string digest = {}) {
  if (digest.empty()) digest = "sha256:" + sha256_hex(toc_json);
  TocReadOptions o;
  o.toc_digest = digest;
  std::string why;
  auto r = read_estargz_layer(memory_source(toc_only_blob(toc_json), "blob"), o, &why);
  return r ? "(usable)" : why;
}

TEST(EstargzToc, EmptyTocIsUsable) {
  TocReadOptions o;
  std::string json = R"({"version":1,"entries":[]})";
  o.toc_digest = "sha256:" + sha256_hex(json);
  std::string why;
  auto r = read_estargz_layer(memory_source(toc_only_blob(json), "blob"), o, &why);
  ASSERT_TRUE(r) << why;
  ASSERT_EQ(r->table.entries().size(), 1u);  // the TOC file itself
  EXPECT_EQ(r->table.path(r->table.entries()[0]), "stargz.index.json");
  EXPECT_EQ(r->table.entries()[0].size, json.size());
  // One member: a 512-byte header, the JSON padded to 512, two end blocks; then
  // pax_restricted... the stream's own count is the reference:
  WriteLayer l;
  l.entries = {file_entry("stargz.index.json", json)};
  EXPECT_EQ(r->tar_size, layer_tar(l).size());
}

TEST(EstargzToc, MalformedTocsAreUnusable) {
  EXPECT_EQ(why_unusable("{not json"), "TOC is not JSON");
  EXPECT_EQ(why_unusable(R"({"version":2,"entries":[]})"), "unsupported TOC version");
  EXPECT_EQ(why_unusable(R"({"version":1})"), "TOC without entries");
  EXPECT_EQ(why_unusable(R"({"version":1,"entries":[{"name":"../x","type":"reg"}]})"),
            "hostile TOC entry '../x': path escapes the root (..)");
  EXPECT_EQ(why_unusable(R"({"version":1,"entries":[{"name":"x","type":"socket"}]})"),
            "unknown TOC entry type 'socket'");
  EXPECT_EQ(why_unusable(R"({"version":1,"entries":[{"name":"x","type":"reg","size":-1}]})"),
            "TOC field 'size' is not a non-negative integer");
  // Offsets must point before the TOC member (here at 0: no data at all).
  EXPECT_EQ(why_unusable(R"({"version":1,"entries":[{"name":"x","type":"reg","size":5,"offset":0}]})"),
            "TOC chunk offset outside the layer's data");
  EXPECT_EQ(why_unusable(R"({"version":1,"entries":[{"name":"x","type":"chunk","chunkOffset":0}]})"),
            "TOC chunk out of place in 'x'");
  EXPECT_EQ(why_unusable(R"({"version":1,"entries":[]})", "md5:00"), "TOC digest annotation is not sha256");
}

TEST(EstargzToc, NonStargzBlobsAreUnusable) {
  TocReadOptions o;
  o.toc_digest = "sha256:" + std::string(64, '0');
  std::string why;
  EXPECT_FALSE(read_estargz_layer(memory_source("tiny", "blob"), o, &why));
  EXPECT_EQ(why, "blob too small for an eStargz footer");
  WriteLayer l;
  l.entries = {file_entry("a", std::string(5000, 'a'))};
  EXPECT_FALSE(read_estargz_layer(memory_source(compress(layer_tar(l), Compression::kGzip), "blob"), o, &why));
  EXPECT_EQ(why, "no eStargz footer");
  // Legacy stargz: 47-byte footer, Extra = "%016xSTARGZ" without SI1/SI2/LEN.
  std::string legacy = {'\x1f', '\x8b', '\x08', '\x04', 0, 0, 0, 0, 0, '\xff', 22, 0};
  legacy += "0000000000000000STARGZ" + std::string{'\x01', 0, 0, '\xff', '\xff'} + std::string(8, '\0');
  EXPECT_FALSE(read_estargz_layer(memory_source(compress(layer_tar(l), Compression::kGzip) + legacy, "blob"),
                                  o, &why));
  EXPECT_EQ(why, "legacy stargz footer (no verifiable TOC)");
}

}  // namespace
}  // namespace ballast::analysis

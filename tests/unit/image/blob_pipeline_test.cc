// Inflating on a second thread (chunk_pipeline.h) must not change a byte:
// the same decoded stream, the same sha256 (checked against coreutils'
// sha256sum of the file) and the same errors as the one-thread reader, for
// blobs compressed by the real gzip and zstd tools.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "image/blob_reader.h"
#include "image/chunk_pipeline.h"
#include "../support/run_command.h"
#include "temp_dir.h"
#include "util/error.h"

namespace ballast::image {
namespace {

using testing::TempDir;

std::string random_text(std::size_t n) {
  std::mt19937 rng(42);
  std::string s(n, '\0');
  // Compressible but not trivially so: words from a small alphabet.
  for (auto& c : s) c = "abcdefgh \n"[rng() % 10];
  return s;
}

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

struct Read {
  std::string bytes;
  std::string sha;
  std::string error;
};

Read read_all_of(const std::string& path, bool pipeline) {
  Read r;
  try {
    ByteSourcePtr src = open_file(path);
    BlobReader reader(src, sniff_compression(*src), true, pipeline);
    for (auto chunk = reader.next(); !chunk.empty(); chunk = reader.next())
      r.bytes.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
    r.sha = reader.finish();
  } catch (const InputError& e) {
    r.error = e.what();
  }
  return r;
}

std::string sha256sum(const std::string& path) {
  auto r = ballast::testing::run_command("sha256sum '" + path + "'");
  return r.out.substr(0, 64);
}

class BlobPipeline : public ::testing::TestWithParam<const char*> {};

TEST_P(BlobPipeline, SameBytesAndDigestAsOneThread) {
  TempDir dir;
  const std::string plain = random_text(5'000'000);  // several 1 MiB chunks
  write(dir / "blob", plain);
  std::string tool = GetParam();
  std::string path = dir / "blob";
  if (tool == "gzip") {
    ASSERT_EQ(std::system(("gzip -n -6 " + path).c_str()), 0);
    path += ".gz";
  } else if (tool == "zstd") {
    ASSERT_EQ(std::system(("zstd -q --rm " + path).c_str()), 0);
    path += ".zst";
  }
  Read serial = read_all_of(path, false);
  Read piped = read_all_of(path, true);
  EXPECT_EQ(serial.error, "");
  EXPECT_EQ(piped.error, "");
  EXPECT_TRUE(piped.bytes == plain) << "pipelined bytes differ";
  EXPECT_TRUE(serial.bytes == plain) << "serial bytes differ";
  EXPECT_EQ(piped.sha, sha256sum(path));
  EXPECT_EQ(serial.sha, piped.sha);
}

INSTANTIATE_TEST_SUITE_P(Tools, BlobPipeline, ::testing::Values("gzip", "zstd", "none"));

TEST(BlobPipelineErrors, TruncatedAndCorruptGzipFailAsOneThreadDoes) {
  TempDir dir;
  write(dir / "blob", random_text(3'000'000));
  ASSERT_EQ(std::system(("gzip -n " + (dir / "blob")).c_str()), 0);
  std::ifstream in(dir / "blob.gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  write(dir / "cut.gz", gz.substr(0, gz.size() / 2));
  std::string bad = gz;
  for (std::size_t i = gz.size() / 3; i < gz.size() / 3 + 64; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5a);
  write(dir / "bad.gz", bad);
  for (const char* name : {"cut.gz", "bad.gz"}) {
    Read serial = read_all_of(dir / name, false);
    Read piped = read_all_of(dir / name, true);
    EXPECT_NE(serial.error, "") << name;
    EXPECT_EQ(piped.error, serial.error) << name;
    EXPECT_TRUE(piped.bytes == serial.bytes) << name << ": bytes before the error differ";
  }
}

TEST(BlobPipelineErrors, AbandonedReaderStopsItsThread) {
  TempDir dir;
  write(dir / "blob", random_text(8'000'000));
  ASSERT_EQ(std::system(("gzip -n -1 " + (dir / "blob")).c_str()), 0);
  ByteSourcePtr src = open_file(dir / "blob.gz");
  {
    BlobReader reader(src, Compression::kGzip, true, true);
    EXPECT_FALSE(reader.next().empty());
  }  // destroyed with the producer blocked on a full queue: must join, not hang
  SUCCEED();
}

TEST(ChunkPipeline, DeliversInOrderThenRethrowsTheProducersError) {
  int calls = 0;
  ChunkPipeline p(
      [&](unsigned char* out, std::size_t cap) -> std::size_t {
        if (++calls > 5) throw InputError("boom");
        out[0] = static_cast<unsigned char>(calls);
        return cap >= 1 ? 1 : 0;
      },
      16, 2);
  for (int i = 1; i <= 5; ++i) {
    auto chunk = p.next();
    ASSERT_EQ(chunk.size(), 1u);
    EXPECT_EQ(chunk[0], i);
  }
  EXPECT_THROW(p.next(), InputError);
  EXPECT_TRUE(p.next().empty());
}

}  // namespace
}  // namespace ballast::image

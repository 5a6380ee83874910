// BlobSink on its own: the diffID is the sha256 of the tar bytes fed in
// (sha256sum of the same bytes, computed here with the one-shot digest),
// the blob inflates back to them (gzip -dc / zstd -dc), the digest is the
// sha256 of the file written; the background mode gives the same diffID and
// a valid blob for any cut of the input, and a write error (a full disk, a
// closed descriptor) is rethrown, not lost on its thread.
#include "slim/blob_sink.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "util/sha256.h"

namespace ballast::slim {
namespace {

using testing::TempDir;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sample_bytes() {
  std::string s(3 * (1 << 20) + 12345, '\0');
  std::uint32_t x = 12345;
  for (std::size_t i = 0; i < s.size(); ++i) {
    x = x * 1103515245 + 12345;
    s[i] = static_cast<char>(i % 7 == 0 ? (x >> 16) : 'a' + i % 13);
  }
  return s;
}

TEST(BlobSink, BackgroundOrNotTheBlobHoldsTheBytesAndTheDigestsAreTheirs) {
  TempDir tmp;
  const std::string data = sample_bytes();
  for (auto compression : {image::Compression::kGzip, image::Compression::kZstd, image::Compression::kNone}) {
    for (bool background : {false, true}) {
      for (std::size_t cut : {512u, 100000u, 5000000u}) {
        SCOPED_TRACE(std::to_string(static_cast<int>(compression)) + (background ? " background " : " inline ") +
                     std::to_string(cut));
        const std::string path = tmp / "blob";
        ::unlink(path.c_str());
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        ASSERT_GE(fd, 0);
        {
          BlobSink sink(fd, path, compression, -1, background);
          for (std::size_t off = 0; off < data.size(); off += cut)
            sink.write(data.data() + off, std::min(cut, data.size() - off));
          sink.finish();
          EXPECT_EQ(sink.diff_id(), "sha256:" + sha256_hex(data));
          EXPECT_EQ(sink.tar_size(), data.size());
          const std::string blob = slurp(path);
          EXPECT_EQ(sink.digest(), "sha256:" + sha256_hex(blob));
          EXPECT_EQ(sink.blob_size(), blob.size());
        }
        ::close(fd);
        const char* tool = compression == image::Compression::kGzip   ? "gzip -dc"
                           : compression == image::Compression::kZstd ? "zstd -dcq"
                                                                      : "cat";
        const testing::CommandResult back = testing::run_command(std::string(tool) + " < '" + path + "' | sha256sum");
        EXPECT_EQ(back.out.substr(0, 64), sha256_hex(data));
      }
    }
  }
}

TEST(BlobSink, AWriteErrorOnTheBackgroundThreadIsRethrown) {
  // Positive control beside it: the same writes to an open descriptor succeed (the test above).
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[1]);  // writes to the read end fail (EBADF)
  const std::string data = sample_bytes();
  bool thrown = false;
  try {
    BlobSink sink(fds[0], "the pipe", image::Compression::kNone, -1, true);
    for (int i = 0; i < 20; ++i) sink.write(data.data(), data.size());
    sink.finish();
  } catch (const std::exception& e) {
    thrown = true;
    EXPECT_NE(std::string(e.what()).find("the pipe"), std::string::npos) << e.what();
  }
  ::close(fds[0]);
  EXPECT_TRUE(thrown);
}

}  // namespace
}  // namespace ballast::slim

// A layer blob written as it is produced: uncompressed tar bytes go in, are
// sha256-hashed (the diffID), compressed (gzip through ISA-L, zstd, or none),
// hashed again (the blob digest) and written to a file descriptor. Nothing
// of the layer is held in memory beyond one output buffer, so `ballast slim`
// streams file contents from the input layers straight to the output.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "image/compression.h"

namespace ballast::slim {

class BlobSink {
 public:
  // `level`: ISA-L 0-3 (default 1) or zstd 1-19 (default 3); -1 = default.
  // `background`: hash, compress and write on a thread of the sink's own
  // (write() copies into one of four reused 1 MiB buffers and returns), so
  // the caller's reading and tar writing overlap them; an error of that
  // thread is rethrown by the next write() or by finish().
  BlobSink(int fd, std::string fd_name, image::Compression compression, int level = -1, bool background = false);
  ~BlobSink();
  BlobSink(const BlobSink&) = delete;
  BlobSink& operator=(const BlobSink&) = delete;

  void write(const void* data, std::size_t size);
  void finish();  // flushes the compressor; after it the digests are known

  const std::string& diff_id() const { return diff_id_; }  // "sha256:<hex>" of the tar
  const std::string& digest() const { return digest_; }    // "sha256:<hex>" of the blob
  std::uint64_t tar_size() const { return tar_size_; }
  std::uint64_t blob_size() const { return blob_size_; }

 private:
  void compress(const unsigned char* data, std::size_t size, bool last);
  void emit(const unsigned char* data, std::size_t size);
  void consume(const unsigned char* data, std::size_t size);  // hash and compress, in order
  struct Background;
  std::unique_ptr<Background> bg_;

  int fd_;
  std::string fd_name_;
  image::Compression compression_;
  struct State;
  std::unique_ptr<State> st_;
  std::string diff_id_, digest_;
  std::uint64_t tar_size_ = 0, blob_size_ = 0;
  bool finished_ = false;
};

// Writes all of `size` bytes to `fd` (retrying short writes); throws
// std::runtime_error naming `what` on failure (a full disk included).
void write_all(int fd, const void* data, std::size_t size, const std::string& what);

}  // namespace ballast::slim

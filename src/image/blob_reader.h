// Sequential reading of one blob (a layer): sniffs and undoes its compression
// (gzip through ISA-L, zstd through libzstd, or none) and hashes the stored
// bytes with sha256 as they pass, so digests are verified in the same single
// pass that reads the layer. Uncompressed input on a file can skip forward
// without reading (the "seek, don't read" path).
#pragma once

#include <atomic>
#include <exception>
#include <thread>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "image/byte_source.h"
#include "image/compression.h"

namespace ballast {
class Sha256;
}

namespace ballast::image {

// By magic bytes, which win over what a manifest claims: media types lie
// (Docker 25 archives say nothing, some registries mislabel zstd as gzip).
Compression sniff_compression(const ByteSource& blob);

class ChunkPipeline;

class BlobReader {
 public:
  // hash_input: sha256 of the stored bytes (the blob digest). hash_output:
  // sha256 of the decompressed bytes (the diff ID); for an uncompressed blob
  // the two are the same hash, computed once.
  // `pipeline`: when the blob is a file that must be decompressed or hashed,
  // do that on a second thread (chunk_pipeline.h) while the caller parses.
  // A compressed blob's digest is then computed by a third thread reading
  // the file on its own, and the diff ID on the caller's thread, so the
  // inflating thread -- the critical path of one big layer -- only inflates.
  // The bytes, digests and errors are the same either way.
  BlobReader(ByteSourcePtr blob, Compression compression, bool hash_input, bool hash_output = false,
             bool pipeline = false);
  ~BlobReader();
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;

  // Decompression-bomb ceilings (docs/limits.md): next() throws LimitError
  // once the decompressed stream passes `max_bytes`, or, past 1 GiB, once it
  // is more than `max_ratio` times the stored bytes read so far. 0 = no limit.
  void set_output_limits(std::uint64_t max_bytes, std::uint64_t max_ratio) {
    max_output_ = max_bytes;
    max_ratio_ = max_ratio;
  }

  // The next chunk of decompressed bytes; empty at the end. Throws InputError
  // naming the blob on corrupt or truncated data.
  std::span<const unsigned char> next();

  // Skipping forward without reading is possible for uncompressed blobs that
  // are not being hashed (either way).
  bool can_skip() const;
  std::uint64_t skip(std::uint64_t n);

  // Decompressed bytes delivered or skipped so far.
  std::uint64_t output_position() const { return out_pos_; }

  // Reads (and hashes) whatever input is left, checks the stream ended
  // cleanly, and returns the lower-case hex sha256 of the whole blob (empty
  // when not hashing). Trailing bytes after the tar's end are legal.
  std::string finish();
  // After finish(): the lower-case hex sha256 of the decompressed stream
  // (empty when not hashing output).
  std::string output_digest() const { return output_digest_; }

  class Decoder;  // gzip or zstd step function (blob_reader.cc)

 private:
  bool fill_input();
  // The stream's next decoded bytes into `out` (either thread's work).
  std::size_t produce(unsigned char* out, std::size_t cap);

  ByteSourcePtr blob_;
  Compression compression_;
  bool hash_input_;
  std::unique_ptr<Decoder> decoder_;
  std::unique_ptr<unsigned char[]> in_buf_;
  std::unique_ptr<unsigned char[]> out_buf_;
  std::size_t in_len_ = 0;
  std::size_t in_off_ = 0;
  std::uint64_t in_pos_ = 0;   // bytes of the blob consumed from the source
  std::uint64_t out_pos_ = 0;
  bool finished_ = false;
  std::unique_ptr<Sha256> sha_;
  std::unique_ptr<Sha256> out_sha_;  // decompressed bytes (compressed blobs only)
  bool hash_output_ = false;
  std::uint64_t max_output_ = 0;
  std::uint64_t max_ratio_ = 0;
  std::uint64_t decoded_ = 0;  // bytes decoded so far (the producing thread's count)
  void check_output_limits() const;
  std::string output_digest_;
  bool use_pipeline_ = false;  // started at the first read: limits are set by then
  // Pipelined compressed blobs: the blob digest from its own read of the file.
  bool hash_apart_ = false;
  std::thread hasher_;
  std::atomic<bool> stop_hashing_{false};
  std::exception_ptr hash_error_;
  void hash_blob();
  std::unique_ptr<ChunkPipeline> pipeline_;  // last: destroyed (and joined) first
};

}  // namespace ballast::image

#include "image/blob_reader.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <cstring>

#include "image/chunk_pipeline.h"

#include "util/error.h"
#include "util/limits.h"
#include "util/sha256.h"

namespace ballast::image {
namespace {

constexpr std::size_t kInBufSize = 256 * 1024;
// When contents are skipped, small reads let libarchive skip (pread past)
// most file data instead of copying it out of a large buffer: a header needs
// 512 bytes, and whatever is buffered beyond it is consumed, not skipped.
constexpr std::size_t kSkippingReadSize = 8 * 1024;
constexpr std::size_t kOutBufSize = 512 * 1024;
// Pipelined: four 1 MiB chunks in flight per layer.
constexpr std::size_t kPipelineChunk = 1024 * 1024;
constexpr std::size_t kPipelineDepth = 4;

}  // namespace

Compression sniff_compression(const ByteSource& blob) {
  unsigned char magic[4] = {};
  std::size_t got = blob.read_at(0, magic, sizeof magic);
  if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Compression::kGzip;
  if (got >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
    return Compression::kZstd;
  return Compression::kNone;
}

// One decompression step: consume from [in, in+in_len), produce into out.
class BlobReader::Decoder {
 public:
  virtual ~Decoder() = default;
  // Returns bytes produced; sets consumed. Throws InputError on corrupt data.
  virtual std::size_t step(const unsigned char* in, std::size_t in_len, std::size_t* consumed,
                           unsigned char* out, std::size_t out_len) = 0;
  // True when the input so far ends on a complete stream (member/frame).
  virtual bool at_stream_end() const = 0;
  std::string name;
};

namespace {

class GzipDecoder final : public BlobReader::Decoder {
 public:
  GzipDecoder() { reset(); }
  std::size_t step(const unsigned char* in, std::size_t in_len, std::size_t* consumed,
                   unsigned char* out, std::size_t out_len) override {
    if (state_.block_state == ISAL_BLOCK_FINISH) {
      // gzip allows several members back to back (pigz, concatenated files).
      // Anything else after a member, such as zero padding, ends the stream.
      if (in_len >= 2 && in[0] == 0x1f && in[1] == 0x8b) {
        reset();
      } else {
        *consumed = in_len;
        trailing_garbage_ = trailing_garbage_ || has_nonzero(in, in_len);
        return 0;
      }
    }
    state_.next_in = const_cast<unsigned char*>(in);
    state_.avail_in = static_cast<std::uint32_t>(in_len);
    state_.next_out = out;
    state_.avail_out = static_cast<std::uint32_t>(out_len);
    int rc = isal_inflate(&state_);
    if (rc < 0) throw InputError(name + ": corrupt gzip data (" + describe(rc) + ")");
    *consumed = in_len - state_.avail_in;
    return out_len - state_.avail_out;
  }
  bool at_stream_end() const override {
    return state_.block_state == ISAL_BLOCK_FINISH && !trailing_garbage_;
  }

 private:
  void reset() {
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;  // parse the gzip header and check the CRC32
  }
  static bool has_nonzero(const unsigned char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      if (p[i]) return true;
    return false;
  }
  static std::string describe(int rc) {
    switch (rc) {
      case ISAL_INVALID_BLOCK: return "invalid deflate block";
      case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
      case ISAL_INVALID_LOOKBACK: return "invalid back-reference";
      case ISAL_INVALID_WRAPPER: return "invalid gzip header";
      case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
      case ISAL_INCORRECT_CHECKSUM: return "CRC mismatch";
      default: return "error " + std::to_string(rc);
    }
  }
  inflate_state state_{};
  bool trailing_garbage_ = false;
};

class ZstdDecoder final : public BlobReader::Decoder {
 public:
  ZstdDecoder() : ctx_(ZSTD_createDStream()) { ZSTD_initDStream(ctx_); }
  ~ZstdDecoder() override { ZSTD_freeDStream(ctx_); }
  std::size_t step(const unsigned char* in, std::size_t in_len, std::size_t* consumed,
                   unsigned char* out, std::size_t out_len) override {
    ZSTD_inBuffer ib{in, in_len, 0};
    ZSTD_outBuffer ob{out, out_len, 0};
    std::size_t rc = ZSTD_decompressStream(ctx_, &ob, &ib);
    if (ZSTD_isError(rc))
      throw InputError(name + ": corrupt zstd data (" + ZSTD_getErrorName(rc) + ")");
    frame_done_ = rc == 0;
    *consumed = ib.pos;
    return ob.pos;
  }
  bool at_stream_end() const override { return frame_done_; }

 private:
  ZSTD_DStream* ctx_;
  bool frame_done_ = false;
};

}  // namespace

BlobReader::BlobReader(ByteSourcePtr blob, Compression compression, bool hash_input,
                       bool hash_output, bool pipeline)
    : blob_(std::move(blob)),
      compression_(compression),
      hash_input_(hash_input || (hash_output && compression == Compression::kNone)),
      in_buf_(new unsigned char[kInBufSize]),
      out_buf_(compression == Compression::kNone ? nullptr : new unsigned char[kOutBufSize]) {
  if (compression == Compression::kGzip) decoder_ = std::make_unique<GzipDecoder>();
  if (compression == Compression::kZstd) decoder_ = std::make_unique<ZstdDecoder>();
  if (decoder_) decoder_->name = blob_->name();
  if (hash_input_) sha_ = std::make_unique<Sha256>();
  hash_output_ = hash_output;
  if (hash_output && decoder_) out_sha_ = std::make_unique<Sha256>();
  // Not a member of a streamed archive: its source is tied to the thread
  // reading the outer archive. A registry blob is read on the second
  // thread like a file, but its digest stays there too: a third reader would
  // download it twice.
  use_pipeline_ = pipeline && (decoder_ || sha_) && blob_->any_thread();
  hash_apart_ = use_pipeline_ && decoder_ && sha_ && blob_->seekable();
}

BlobReader::~BlobReader() {
  stop_hashing_ = true;
  if (hasher_.joinable()) hasher_.join();
}

void BlobReader::hash_blob() {
  try {
    std::unique_ptr<unsigned char[]> buf(new unsigned char[kPipelineChunk]);
    for (std::uint64_t off = 0; !stop_hashing_;) {
      std::size_t n = blob_->read_at(off, buf.get(), kPipelineChunk);
      if (n == 0) break;
      sha_->update(buf.get(), n);
      off += n;
    }
  } catch (...) {
    hash_error_ = std::current_exception();
  }
}

bool BlobReader::fill_input() {
  if (in_off_ < in_len_) return true;
  in_len_ = blob_->read_at(in_pos_, in_buf_.get(), can_skip() ? kSkippingReadSize : kInBufSize);
  in_off_ = 0;
  if (in_len_ == 0) return false;
  in_pos_ += in_len_;
  if (sha_ && !hash_apart_) sha_->update(in_buf_.get(), in_len_);
  return true;
}

std::size_t BlobReader::produce(unsigned char* out, std::size_t cap) {
  if (!decoder_) {
    std::size_t n = blob_->read_at(in_pos_, out, cap);
    in_pos_ += n;
    if (sha_) sha_->update(out, n);
    return n;
  }
  for (;;) {
    if (!fill_input()) {
      if (!decoder_->at_stream_end())
        throw InputError(blob_->name() + ": truncated " + std::string(to_string(compression_)) +
                         " stream (or garbage after it)");
      return 0;
    }
    std::size_t consumed = 0;
    std::size_t produced = decoder_->step(in_buf_.get() + in_off_, in_len_ - in_off_, &consumed, out, cap);
    in_off_ += consumed;
    if (produced > 0) {
      decoded_ += produced;
      if (out_sha_ && !use_pipeline_) out_sha_->update(out, produced);
      if (max_output_ || max_ratio_) check_output_limits();
      // Pipelined, a chunk is filled as far as it goes: every chunk handed
      // over wakes the other thread, and fewer, fuller chunks wake it less.
      if (use_pipeline_ && produced < cap && decoder_->at_stream_end() == false) {
        std::size_t more = 0;
        while (produced + more < cap) {
          if (in_off_ >= in_len_ && !fill_input()) break;
          std::size_t used = 0;
          std::size_t n = decoder_->step(in_buf_.get() + in_off_, in_len_ - in_off_, &used, out + produced + more,
                                         cap - produced - more);
          in_off_ += used;
          if (n == 0 && used == 0) break;
          more += n;
          decoded_ += n;
          if (max_output_ || max_ratio_) check_output_limits();
        }
        produced += more;
      }
      return produced;
    }
    if (consumed == 0 && in_off_ < in_len_)
      throw InputError(blob_->name() + ": " + std::string(to_string(compression_)) +
                       " decoder made no progress");
  }
}

std::span<const unsigned char> BlobReader::next() {
  if (finished_) return {};
  if (use_pipeline_) {
    if (!pipeline_) {
      if (hash_apart_) hasher_ = std::thread([this] { hash_blob(); });
      pipeline_ = std::make_unique<ChunkPipeline>(
          [this](unsigned char* out, std::size_t cap) { return produce(out, cap); }, kPipelineChunk,
          kPipelineDepth);
    }
    std::span<const unsigned char> chunk = pipeline_->next();
    if (out_sha_) out_sha_->update(chunk.data(), chunk.size());
    out_pos_ += chunk.size();
    return chunk;
  }
  if (!decoder_) {
    if (!fill_input()) return {};
    std::span<const unsigned char> chunk(in_buf_.get() + in_off_, in_len_ - in_off_);
    in_off_ = in_len_;
    out_pos_ += chunk.size();
    return chunk;
  }
  std::size_t produced = produce(out_buf_.get(), kOutBufSize);
  out_pos_ += produced;
  return {out_buf_.get(), produced};
}

void BlobReader::check_output_limits() const {
  // A ratio is only meaningful over a large output: small layers of zeros
  // compress far better than any real layer of the same size.
  constexpr std::uint64_t kRatioFloor = std::uint64_t{1} << 30;
  bool too_big = max_output_ && decoded_ > max_output_;
  bool too_dense = max_ratio_ && decoded_ > kRatioFloor && in_pos_ > 0 && decoded_ / in_pos_ > max_ratio_;
  if (!too_big && !too_dense) return;
  throw LimitError(blob_->name() + ": decompression stopped after " + std::to_string(decoded_) +
                   " bytes from " + std::to_string(in_pos_) + " stored bytes (" +
                   (too_big ? "more than " + std::to_string(max_output_) + " bytes"
                            : "ratio above " + std::to_string(max_ratio_) + ":1") +
                   "; a decompression bomb? see docs/limits.md)");
}

bool BlobReader::can_skip() const { return !use_pipeline_ && !decoder_ && !sha_ && blob_->seekable(); }

std::uint64_t BlobReader::skip(std::uint64_t n) {
  // Only called when can_skip(): drop buffered bytes first, then jump.
  std::uint64_t buffered = in_len_ - in_off_;
  std::uint64_t from_buffer = std::min(buffered, n);
  in_off_ += from_buffer;
  std::uint64_t rest = n - from_buffer;
  std::uint64_t available = blob_->size() - in_pos_;
  std::uint64_t jumped = std::min(rest, available);
  in_pos_ += jumped;
  out_pos_ += from_buffer + jumped;
  return from_buffer + jumped;
}

std::string BlobReader::finish() {
  if (finished_) return {};
  // Nothing to check in the rest of an unhashed uncompressed blob: don't read it.
  if (!decoder_ && !sha_) {
    finished_ = true;
    return {};
  }
  while (!next().empty()) {
  }
  finished_ = true;
  pipeline_.reset();  // joined: the producer's last sha256 update happened before
  if (hasher_.joinable()) hasher_.join();
  if (hash_error_) std::rethrow_exception(hash_error_);
  std::string digest = sha_ ? sha_->hex_digest() : std::string();
  if (hash_output_) output_digest_ = out_sha_ ? out_sha_->hex_digest() : digest;
  return hash_input_ ? digest : std::string();
}

}  // namespace ballast::image

#include "slim/blob_sink.h"

#include <isa-l/igzip_lib.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "util/sha256.h"

namespace ballast::slim {

void write_all(int fd, const void* data, std::size_t size, const std::string& what) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + what + ": " + std::strerror(errno));
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

namespace {
constexpr std::size_t kOutBuf = 1 << 20;
}

struct BlobSink::State {
  Sha256 tar, blob;
  std::vector<unsigned char> out = std::vector<unsigned char>(kOutBuf);
  isal_zstream gz{};
  std::unique_ptr<unsigned char[]> level_buf;
  ZSTD_CCtx* zs = nullptr;
  ~State() { ZSTD_freeCCtx(zs); }
};

// The background thread: buffers filled by write(), drained in order.
struct BlobSink::Background {
  static constexpr std::size_t kChunk = 1 << 20, kDepth = 4;
  std::vector<std::unique_ptr<unsigned char[]>> buffers;
  std::deque<std::size_t> free, filled;
  std::vector<std::size_t> sizes = std::vector<std::size_t>(kDepth);
  std::mutex mu;
  std::condition_variable filled_cv, free_cv;
  bool closed = false;
  std::exception_ptr error;
  std::thread thread;
  // The buffer write() is filling (tar headers come 512 bytes at a time:
  // they are gathered, not handed over one by one); kNone: none taken.
  static constexpr std::size_t kNone = ~std::size_t{0};
  std::size_t current = kNone;

  // Hands the current buffer to the thread.
  void hand_over() {
    if (current == kNone) return;
    {
      std::lock_guard lock(mu);
      filled.push_back(current);
    }
    current = kNone;
    filled_cv.notify_one();
  }

  void run(BlobSink& sink) {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mu);
        filled_cv.wait(lock, [&] { return closed || !filled.empty(); });
        if (filled.empty()) return;
        i = filled.front();
        filled.pop_front();
      }
      try {
        if (!error) sink.consume(buffers[i].get(), sizes[i]);
      } catch (...) {
        std::lock_guard lock(mu);
        error = std::current_exception();
      }
      {
        std::lock_guard lock(mu);
        free.push_back(i);
      }
      free_cv.notify_one();
    }
  }
  void close() {
    {
      std::lock_guard lock(mu);
      closed = true;
    }
    filled_cv.notify_one();
    if (thread.joinable()) thread.join();
  }
};

BlobSink::BlobSink(int fd, std::string fd_name, image::Compression compression, int level, bool background)
    : fd_(fd), fd_name_(std::move(fd_name)), compression_(compression), st_(std::make_unique<State>()) {
  using image::Compression;
  if (compression == Compression::kGzip) {
    // ISA-L levels 0-3; each above 0 needs its own working buffer.
    static constexpr std::uint32_t kLevelBuf[] = {ISAL_DEF_LVL0_DEFAULT, ISAL_DEF_LVL1_DEFAULT,
                                                  ISAL_DEF_LVL2_DEFAULT, ISAL_DEF_LVL3_DEFAULT};
    int l = level < 0 ? 1 : level;
    if (l > 3) throw std::invalid_argument("gzip level is 0-3 (ISA-L)");
    isal_deflate_init(&st_->gz);
    st_->gz.level = static_cast<std::uint32_t>(l);
    st_->level_buf.reset(new unsigned char[kLevelBuf[l]]);
    st_->gz.level_buf = st_->level_buf.get();
    st_->gz.level_buf_size = kLevelBuf[l];
    st_->gz.gzip_flag = IGZIP_GZIP;
    st_->gz.flush = NO_FLUSH;
  } else if (compression == Compression::kZstd) {
    int l = level < 0 ? 3 : level;
    if (l < 1 || l > 19) throw std::invalid_argument("zstd level is 1-19");
    st_->zs = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(st_->zs, ZSTD_c_compressionLevel, l);
    ZSTD_CCtx_setParameter(st_->zs, ZSTD_c_checksumFlag, 1);
  }
  if (background) {
    bg_ = std::make_unique<Background>();
    for (std::size_t n = 0; n < Background::kDepth; ++n) {
      bg_->buffers.emplace_back(new unsigned char[Background::kChunk]);
      bg_->free.push_back(n);
    }
    bg_->thread = std::thread([this] { bg_->run(*this); });
  }
}

BlobSink::~BlobSink() {
  if (!bg_) return;
  {
    // Not finished (an error on the way): what is queued is dropped, not written.
    std::lock_guard lock(bg_->mu);
    bg_->filled.clear();
  }
  bg_->close();
}

void BlobSink::emit(const unsigned char* data, std::size_t size) {
  if (size == 0) return;
  st_->blob.update(data, size);
  blob_size_ += size;
  write_all(fd_, data, size, fd_name_);
}

void BlobSink::compress(const unsigned char* data, std::size_t size, bool last) {
  using image::Compression;
  State& s = *st_;
  switch (compression_) {
    case Compression::kNone: emit(data, size); return;
    case Compression::kGzip: {
      s.gz.next_in = const_cast<unsigned char*>(data);
      s.gz.avail_in = static_cast<std::uint32_t>(size);
      s.gz.end_of_stream = last ? 1 : 0;
      do {
        s.gz.next_out = s.out.data();
        s.gz.avail_out = static_cast<std::uint32_t>(s.out.size());
        if (isal_deflate(&s.gz) != COMP_OK) throw std::runtime_error("isal_deflate failed");
        emit(s.out.data(), s.out.size() - s.gz.avail_out);
      } while (s.gz.avail_in > 0 || (last && s.gz.internal_state.state != ZSTATE_END));
      return;
    }
    case Compression::kZstd: {
      ZSTD_inBuffer in{data, size, 0};
      for (;;) {
        ZSTD_outBuffer out{s.out.data(), s.out.size(), 0};
        std::size_t rc = ZSTD_compressStream2(s.zs, &out, &in, last ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(rc)) throw std::runtime_error(ZSTD_getErrorName(rc));
        emit(s.out.data(), out.pos);
        if (last ? rc == 0 : in.pos == in.size) break;
      }
      return;
    }
  }
}


void BlobSink::write(const void* data, std::size_t size) {
  if (!bg_) return consume(static_cast<const unsigned char*>(data), size);
  const auto* p = static_cast<const unsigned char*>(data);
  Background& b = *bg_;
  while (size > 0) {
    if (b.current == Background::kNone) {
      std::unique_lock lock(b.mu);
      b.free_cv.wait(lock, [&] { return !b.free.empty(); });
      if (b.error) std::rethrow_exception(b.error);
      b.current = b.free.front();
      b.free.pop_front();
      b.sizes[b.current] = 0;
    }
    std::size_t& used = b.sizes[b.current];
    const std::size_t n = std::min(size, Background::kChunk - used);
    std::memcpy(b.buffers[b.current].get() + used, p, n);
    used += n;
    p += n;
    size -= n;
    if (used == Background::kChunk) b.hand_over();
  }
}

void BlobSink::consume(const unsigned char* data, std::size_t size) {
  const auto* p = data;
  st_->tar.update(p, size);
  tar_size_ += size;
  // ISA-L takes 32-bit lengths: feed large writes in slices.
  constexpr std::size_t kSlice = 1u << 30;
  while (size > 0) {
    std::size_t n = size < kSlice ? size : kSlice;
    compress(p, n, false);
    p += n;
    size -= n;
  }
}

void BlobSink::finish() {
  if (finished_) return;
  finished_ = true;
  if (bg_) {
    bg_->hand_over();
    bg_->close();
    if (bg_->error) std::rethrow_exception(bg_->error);
  }
  compress(nullptr, 0, true);
  diff_id_ = "sha256:" + st_->tar.hex_digest();
  digest_ = "sha256:" + st_->blob.hex_digest();
}

}  // namespace ballast::slim

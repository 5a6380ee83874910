#include "image/gzip_estimate.h"

#include <isa-l/igzip_lib.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace ballast::image {

struct GzipSizeEstimator::State {
  isal_zstream stream;
  std::vector<unsigned char> level_buf = std::vector<unsigned char>(ISAL_DEF_LVL3_DEFAULT);
  std::vector<unsigned char> out = std::vector<unsigned char>(1 << 17);
  std::uint64_t produced = 0;

  State() {
    isal_deflate_init(&stream);
    stream.level = 3;
    stream.level_buf = level_buf.data();
    stream.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
    stream.gzip_flag = IGZIP_GZIP;
    stream.flush = NO_FLUSH;
  }

  void run(bool last) {
    stream.end_of_stream = last ? 1 : 0;
    do {
      stream.next_out = out.data();
      stream.avail_out = static_cast<std::uint32_t>(out.size());
      if (isal_deflate(&stream) != COMP_OK) throw std::runtime_error("isal_deflate failed");
      produced += out.size() - stream.avail_out;
    } while (stream.avail_in > 0 || (last && stream.internal_state.state != ZSTATE_END));
  }
};

GzipSizeEstimator::GzipSizeEstimator() : state_(new State) {}
GzipSizeEstimator::~GzipSizeEstimator() { delete state_; }

void GzipSizeEstimator::feed(const void* data, std::size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  while (size > 0) {
    std::size_t n = std::min<std::size_t>(size, 1u << 30);
    state_->stream.next_in = const_cast<unsigned char*>(p);
    state_->stream.avail_in = static_cast<std::uint32_t>(n);
    state_->run(false);
    p += n;
    size -= n;
  }
}

std::uint64_t GzipSizeEstimator::finish() {
  state_->stream.next_in = nullptr;
  state_->stream.avail_in = 0;
  state_->run(true);
  return state_->produced;
}

std::uint64_t estimate_gzip_size(const ByteSource& source) {
  GzipSizeEstimator e;
  std::vector<unsigned char> buf(1 << 20);
  std::uint64_t offset = 0;
  while (std::size_t n = source.read_at(offset, buf.data(), buf.size())) {
    e.feed(buf.data(), n);
    offset += n;
  }
  return e.finish();
}

}  // namespace ballast::image

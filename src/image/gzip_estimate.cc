#include "image/gzip_estimate.h"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace ballast::image {

struct GzipSizeEstimator::State {
  isal_zstream stream;
  std::vector<unsigned char> level_buf = std::vector<unsigned char>(ISAL_DEF_LVL3_DEFAULT);
  std::vector<unsigned char> out = std::vector<unsigned char>(1 << 17);
  // ISA-L's block boundaries follow the input pieces it is given: staging the
  // input in fixed 1 MiB pieces makes the count a function of the bytes alone,
  // whatever pieces the caller feeds.
  std::vector<unsigned char> staged = std::vector<unsigned char>(1 << 20);
  std::size_t staged_size = 0;
  std::uint64_t produced = 0;

  State() {
    isal_deflate_init(&stream);
    stream.level = 3;
    stream.level_buf = level_buf.data();
    stream.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
    stream.gzip_flag = IGZIP_GZIP;
    stream.flush = NO_FLUSH;
  }

  void deflate_staged(bool last) {
    stream.next_in = staged.data();
    stream.avail_in = static_cast<std::uint32_t>(staged_size);
    run(last);
    staged_size = 0;
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
  State& st = *state_;
  while (size > 0) {
    std::size_t n = std::min(size, st.staged.size() - st.staged_size);
    std::copy(p, p + n, st.staged.data() + st.staged_size);
    st.staged_size += n;
    p += n;
    size -= n;
    if (st.staged_size == st.staged.size()) st.deflate_staged(false);
  }
}

std::uint64_t GzipSizeEstimator::finish() {
  state_->deflate_staged(true);
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

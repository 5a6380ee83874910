#include "image/chunk_pipeline.h"

#include <utility>

namespace ballast::image {

ChunkPipeline::ChunkPipeline(Producer produce, std::size_t chunk_size, std::size_t depth)
    : produce_(std::move(produce)), chunk_size_(chunk_size) {
  for (std::size_t i = 0; i < depth; ++i) {
    buffers_.emplace_back(new unsigned char[chunk_size]);
    free_.push_back(i);
  }
  thread_ = std::thread([this] { run(); });
}

ChunkPipeline::~ChunkPipeline() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  free_cv_.notify_all();
  thread_.join();
}

void ChunkPipeline::run() {
  for (;;) {
    std::size_t index;
    {
      std::unique_lock lock(mu_);
      free_cv_.wait(lock, [&] { return stop_ || !free_.empty(); });
      if (stop_) return;
      index = free_.front();
      free_.pop_front();
    }
    std::size_t n = 0;
    std::exception_ptr error;
    try {
      n = produce_(buffers_[index].get(), chunk_size_);
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      if (error || n == 0) {
        // Moved, not copied: this thread must hold no reference once the
        // lock is released, or its last release (in libstdc++, which TSan
        // cannot see into) races with the reader's use of the exception
        // (TSan in BadInput.CorruptGzipAndZstd, tests/unit/analysis).
        error_ = std::move(error);
        done_ = true;
      } else {
        filled_.emplace_back(index, n);
      }
    }
    filled_cv_.notify_one();
    if (n == 0) return;  // the end, or an error (n stays 0 when produce_ threw)
  }
}

std::span<const unsigned char> ChunkPipeline::next() {
  std::unique_lock lock(mu_);
  if (handed_ != kNone) {
    free_.push_back(handed_);
    handed_ = kNone;
    free_cv_.notify_one();
  }
  filled_cv_.wait(lock, [&] { return done_ || !filled_.empty(); });
  if (!filled_.empty()) {
    auto [index, n] = filled_.front();
    filled_.pop_front();
    handed_ = index;
    return {buffers_[index].get(), n};
  }
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  return {};
}

}  // namespace ballast::image

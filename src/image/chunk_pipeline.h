// Two stages of one layer's reading on two threads: a producer (reading the
// blob, its sha256, the inflate) fills a ring of reused buffers while the
// consumer (tar parsing, content hashing, capture) takes them in order. The
// queue is bounded (memory = depth × chunk size, no allocation per chunk), so
// the slower stage sets the pace and the other core is no longer idle while
// one thread inflates and then parses in turn.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace ballast::image {

class ChunkPipeline {
 public:
  // Fills `out` with up to `cap` bytes and returns the count; 0 ends the
  // stream. Runs on the pipeline's own thread; may throw.
  using Producer = std::function<std::size_t(unsigned char* out, std::size_t cap)>;

  ChunkPipeline(Producer produce, std::size_t chunk_size, std::size_t depth);
  // Stops the producer (it finishes its current chunk) and joins it.
  ~ChunkPipeline();
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;

  // The next chunk, valid until the next call; empty at the end. An exception
  // of the producer is rethrown here after the chunks made before it.
  std::span<const unsigned char> next();

 private:
  static constexpr std::size_t kNone = ~std::size_t{0};
  void run();

  Producer produce_;
  std::size_t chunk_size_;
  std::vector<std::unique_ptr<unsigned char[]>> buffers_;
  std::mutex mu_;
  std::condition_variable filled_cv_, free_cv_;
  std::deque<std::size_t> free_;                            // buffer indexes
  std::deque<std::pair<std::size_t, std::size_t>> filled_;  // (index, bytes)
  std::size_t handed_ = kNone;                              // buffer the consumer holds
  bool done_ = false, stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once everything above exists

};

}  // namespace ballast::image

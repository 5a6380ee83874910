// How far reading an image's layers has got, for a progress line: layers
// finished, compressed (blob) bytes read of the total, time since the start.
// Layers are read by several threads; ProgressMeter serialises the reports so
// the consumer sees them one at a time and in order (layers_done and
// bytes_read never go down), and throttles byte updates to a few per second.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "image/byte_source.h"

namespace ballast::analysis {

struct ReadProgress {
  std::size_t layers_done = 0;
  std::size_t layers_total = 0;
  std::uint64_t bytes_read = 0;   // bytes of the layer blobs read so far
  std::uint64_t bytes_total = 0;  // 0: unknown (a stream: stdin, the engine)
  double seconds = 0;             // since reading began
};

using ProgressCallback = std::function<void(const ReadProgress&)>;

class ProgressMeter {
 public:
  ProgressMeter(ProgressCallback callback, std::size_t layers_total, std::uint64_t bytes_total);
  // From any thread. Byte counts are reported at most every 100 ms; a
  // finished layer always is.
  void add_bytes(std::uint64_t n);
  void layer_done(std::uint64_t unread_bytes);  // what the layer skipped (a TOC read) counts as read
  // Sets layers_done as a stream reports it (one reader, already in order).
  void set_layers_done(std::size_t done, std::size_t total);

 private:
  void report_locked(std::chrono::steady_clock::time_point now);

  ProgressCallback callback_;
  std::mutex mutex_;
  ReadProgress state_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_report_;
};

// A layer blob whose reads are counted into a meter: each byte once, the
// first time a read reaches past what was read before (re-reads do not count).
class CountedSource : public image::ByteSource {
 public:
  CountedSource(image::ByteSourcePtr inner, ProgressMeter* meter) : inner_(std::move(inner)), meter_(meter) {}
  std::uint64_t size() const override { return inner_->size(); }
  const std::string& name() const override { return inner_->name(); }
  bool seekable() const override { return inner_->seekable(); }
  bool any_thread() const override { return inner_->any_thread(); }
  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override;
  // Bytes never reached (a layer read from its table of contents skips most).
  std::uint64_t unread() const;

 private:
  image::ByteSourcePtr inner_;
  ProgressMeter* meter_;
  mutable std::atomic<std::uint64_t> high_{0};
};

}  // namespace ballast::analysis

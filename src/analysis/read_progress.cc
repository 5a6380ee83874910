#include "analysis/read_progress.h"

#include <algorithm>

namespace ballast::analysis {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kByteInterval = std::chrono::milliseconds(100);

}  // namespace

ProgressMeter::ProgressMeter(ProgressCallback callback, std::size_t layers_total, std::uint64_t bytes_total)
    : callback_(std::move(callback)), start_(Clock::now()), last_report_(start_) {
  state_.layers_total = layers_total;
  state_.bytes_total = bytes_total;
}

void ProgressMeter::report_locked(Clock::time_point now) {
  last_report_ = now;
  state_.seconds = std::chrono::duration<double>(now - start_).count();
  if (callback_) callback_(state_);
}

void ProgressMeter::add_bytes(std::uint64_t n) {
  std::lock_guard lock(mutex_);
  state_.bytes_read += n;
  if (state_.bytes_total && state_.bytes_read > state_.bytes_total) state_.bytes_read = state_.bytes_total;
  const auto now = Clock::now();
  if (now - last_report_ >= kByteInterval) report_locked(now);
}

void ProgressMeter::layer_done(std::uint64_t unread_bytes) {
  std::lock_guard lock(mutex_);
  state_.bytes_read += unread_bytes;
  if (state_.bytes_total && state_.bytes_read > state_.bytes_total) state_.bytes_read = state_.bytes_total;
  ++state_.layers_done;
  report_locked(Clock::now());
}

void ProgressMeter::set_layers_done(std::size_t done, std::size_t total) {
  std::lock_guard lock(mutex_);
  if (done > state_.layers_done) state_.layers_done = done;
  state_.layers_total = std::max(total, state_.layers_done);
  report_locked(Clock::now());
}

std::size_t CountedSource::read_at(std::uint64_t offset, void* buf, std::size_t n) const {
  std::size_t got = inner_->read_at(offset, buf, n);
  // The high-water mark: bytes past it are new, anything below was counted.
  std::uint64_t end = offset + got;
  std::uint64_t seen = high_.load(std::memory_order_relaxed);
  while (end > seen && !high_.compare_exchange_weak(seen, end, std::memory_order_relaxed)) {
  }
  if (end > seen && meter_) meter_->add_bytes(end - seen);
  return got;
}

std::uint64_t CountedSource::unread() const {
  const std::uint64_t h = high_.load();
  return h < inner_->size() ? inner_->size() - h : 0;
}

}  // namespace ballast::analysis

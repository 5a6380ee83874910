// The total of metadata one image may make ballast hold (entry records,
// names, link targets of every layer: docs/limits.md), charged by the layer
// readers as they go — from several threads — so that a hostile image stops
// with an error naming the layer that crossed the line, not std::bad_alloc.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "util/limits.h"

namespace ballast::image {

class MetadataBudget {
 public:
  explicit MetadataBudget(std::uint64_t limit = limits::kMaxMetadataBytes) : limit_(limit) {}
  // Adds `bytes`; throws LimitError naming `what` (the layer) past the limit.
  void charge(std::uint64_t bytes, const std::string& what) {
    std::uint64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    if (limit_ && now > limit_)
      throw LimitError(what + ": image metadata (entries, names, link targets) passed " +
                       std::to_string(limit_) + " bytes while reading this layer (see docs/limits.md)");
  }
  std::uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  std::uint64_t limit() const { return limit_; }

 private:
  std::uint64_t limit_;
  std::atomic<std::uint64_t> used_{0};
};

}  // namespace ballast::image

// Runs fn(0) .. fn(n - 1) on up to `threads` threads (0: the machine's
// cores; never more threads than items, the calling thread is one of them),
// each index once, in no particular order. Every index runs even when one
// throws; then the exception of the lowest index that threw is rethrown, so
// what the caller sees does not depend on the scheduling.
#pragma once

#include <cstddef>
#include <functional>

namespace ballast {

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn);

}  // namespace ballast

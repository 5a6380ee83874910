#include "analysis/snapshot_pair.h"

#include <exception>
#include <future>
#include <optional>
#include <thread>

namespace ballast::analysis {

std::pair<ImageSnapshot, ImageSnapshot> snapshot_pair(AnalyzeRequest a, const AnalyzeRequest& b) {
  if (is_json_report(a.image) || is_json_report(b.image)) {
    ImageSnapshot first = snapshot_of(a);
    return {std::move(first), snapshot_of(b)};
  }
  // true: A's layers are read, B may start; false: A failed before that.
  std::promise<bool> layers_read;
  std::future<bool> go = layers_read.get_future();
  bool signalled = false;  // A's thread only
  auto previous = std::move(a.on_layers_read);
  a.on_layers_read = [&] {
    if (previous) previous();
    signalled = true;
    layers_read.set_value(true);
  };
  std::optional<ImageSnapshot> first;
  std::exception_ptr first_error;
  std::thread worker([&] {
    try {
      first = snapshot_of(a);
    } catch (...) {
      first_error = std::current_exception();
    }
    if (!signalled) layers_read.set_value(false);
  });
  std::optional<ImageSnapshot> second;
  std::exception_ptr second_error;
  auto run_second = [&] {
    try {
      second = snapshot_of(b);
    } catch (...) {
      second_error = std::current_exception();
    }
  };
  const bool overlap = go.get();
  if (overlap) run_second();
  worker.join();
  if (first_error) std::rethrow_exception(first_error);
  if (!overlap) run_second();  // A finished without reading layers
  if (second_error) std::rethrow_exception(second_error);
  return {std::move(*first), std::move(*second)};
}

}  // namespace ballast::analysis

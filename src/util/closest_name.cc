#include "util/closest_name.h"

#include <algorithm>
#include <vector>

namespace ballast {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // d[i][j]: distance of a[0,i) and b[0,j); three rows suffice for the swap.
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> prev2(w), prev(w), cur(w);
  for (std::size_t j = 0; j < w; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j < w; ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::string_view closest_name(std::string_view name, std::span<const std::string_view> known) {
  const std::size_t limit = std::min<std::size_t>(2, std::max<std::size_t>(1, name.size() / 3));
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (std::string_view k : known) {
    const std::size_t d = edit_distance(name, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace ballast

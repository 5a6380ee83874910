#include "analysis/largest.h"

#include <algorithm>
#include <unordered_map>

#include "image/tar_path.h"

namespace ballast::analysis {

using image::EntryType;
using image::FinalFile;
using image::ImageModel;
using image::parent_path;
namespace {

void keep_top(std::vector<PathSize>& v, std::size_t n) {
  auto by_size = [](const PathSize& a, const PathSize& b) {
    return a.size != b.size ? a.size > b.size : a.path < b.path;
  };
  if (v.size() > n) {
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n), v.end(), by_size);
    v.resize(n);
  } else {
    std::sort(v.begin(), v.end(), by_size);
  }
}

}  // namespace

std::vector<PathSize> largest_files(const ImageModel& model, std::size_t n) {
  std::vector<PathSize> out;
  for (const FinalFile& f : model.final_files) {
    EntryType t = model.entry(f.ref).type;
    if (t == EntryType::kFile && f.size > 0) out.push_back({std::string(f.path), f.size, f.ref.layer});
  }
  keep_top(out, n);
  return out;
}

std::vector<PathSize> largest_directories(const ImageModel& model, std::size_t n) {
  std::unordered_map<std::string_view, std::uint64_t> sizes;
  for (const FinalFile& f : model.final_files) {
    EntryType t = model.entry(f.ref).type;
    if (t != EntryType::kFile || f.size == 0) continue;
    for (std::string_view p = parent_path(f.path); !p.empty(); p = parent_path(p)) sizes[p] += f.size;
  }
  // Only the top n become strings: materialising every directory would cost
  // the sum of all prefix lengths, quadratic in the depth of one deep path.
  std::vector<std::pair<std::string_view, std::uint64_t>> all(sizes.begin(), sizes.end());
  auto by_size = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  std::size_t keep = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), by_size);
  std::vector<PathSize> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back({std::string(all[i].first), all[i].second, -1});
  return out;
}

}  // namespace ballast::analysis

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
  std::vector<PathSize> out;
  out.reserve(sizes.size());
  for (const auto& [path, size] : sizes) out.push_back({std::string(path), size, -1});
  keep_top(out, n);
  return out;
}

}  // namespace ballast::analysis

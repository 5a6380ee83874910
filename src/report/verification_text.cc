#include "report/verification_text.h"

#include <map>

namespace ballast::report {

using image::VerifyGap;

std::string_view describe(VerifyGap gap) {
  switch (gap) {
    case VerifyGap::kNone: return "verified";
    case VerifyGap::kDisabled: return "not verified (--no-verify)";
    case VerifyGap::kSeeked:
      return "read by seeking, contents not hashed (--verify reads and checks them)";
    case VerifyGap::kToc:
      return "read from the eStargz table of contents, blob not hashed (--verify reads it in full)";
    case VerifyGap::kDirectory:
      return "read from the engine's layer directory, nothing to hash (--verify reads the engine's stream)";
    case VerifyGap::kNoDigest: return "the image states no digest or diff ID to check";
    case VerifyGap::kDiffIdNotHashed:
      return "uncompressed tar not hashed against the config's diff ID (--verify does)";
    case VerifyGap::kNoDiffId: return "stored digest checked; the config lists no diff ID";
    case VerifyGap::kUnsupportedDigest: return "digest algorithm other than sha256 (not computed)";
  }
  return "unknown";
}

namespace {

// "layer 2" or "layers 0-3, 5".
std::string layer_list(const std::vector<int>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(ids[i]);
    if (j > i) out += "-" + std::to_string(ids[j]);
    i = j + 1;
  }
  return (ids.size() == 1 ? "layer " : "layers ") + out;
}

}  // namespace

std::string verification_summary(const std::vector<image::LayerSummary>& layers) {
  std::map<VerifyGap, std::vector<int>> gaps;
  std::size_t full = 0;
  for (const auto& l : layers) {
    if (l.not_verified == VerifyGap::kNone)
      ++full;
    else
      gaps[l.not_verified].push_back(l.index);
  }
  if (gaps.empty())
    return (layers.size() == 1 ? std::string("the layer") : "all " + std::to_string(layers.size()) + " layers") +
           " (stored digest and diff ID)";
  std::string out = std::to_string(full) + " of " + std::to_string(layers.size()) + " layers";
  for (const auto& [gap, ids] : gaps) out += "; " + layer_list(ids) + ": " + std::string(describe(gap));
  return out;
}

}  // namespace ballast::report

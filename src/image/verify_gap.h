// Why a layer was not (fully) verified, reported per layer so that an
// analysis never looks checked when it was not (docs/analyze.md#verification).
// A layer is fully verified when its stored bytes matched the descriptor's
// digest and its decompressed tar matched the config's diff ID; when one of
// the two was not checked, this says which and why (the stored digest first).
#pragma once

#include <string_view>

namespace ballast::image {

enum class VerifyGap {
  kNone,             // both checks ran (or the one hash covers both: an uncompressed blob)
  kDisabled,         // verification was turned off
  kSeeked,           // read by seeking: contents skipped, so nothing was hashed
  kToc,              // read from its eStargz table of contents: the blob was not read in full
  kDirectory,        // read from the engine's unpacked layer directory: there is no blob to hash
  kNoDigest,         // the format states no digest for the stored bytes (nor a diff ID)
  kDiffIdNotHashed,  // stored digest checked; the decompressed tar was not hashed
  kNoDiffId,         // stored digest checked; the config lists no diff ID for the layer
  kUnsupportedDigest,  // stated with an algorithm other than sha256 (not computed)
};

// Stable words for JSON ("seeked", "toc", ...); empty for kNone.
inline std::string_view to_string(VerifyGap g) {
  switch (g) {
    case VerifyGap::kNone: return "";
    case VerifyGap::kDisabled: return "disabled";
    case VerifyGap::kSeeked: return "seeked";
    case VerifyGap::kToc: return "toc";
    case VerifyGap::kDirectory: return "directory";
    case VerifyGap::kNoDigest: return "no-digest";
    case VerifyGap::kDiffIdNotHashed: return "diff-id-not-hashed";
    case VerifyGap::kNoDiffId: return "no-diff-id";
    case VerifyGap::kUnsupportedDigest: return "unsupported-digest";
  }
  return "unknown";
}

}  // namespace ballast::image

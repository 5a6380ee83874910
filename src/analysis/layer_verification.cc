#include "analysis/layer_verification.h"

#include "image/blob_reader.h"

namespace ballast::analysis {

using image::Compression;
using image::LayerBlob;
using image::VerifyGap;

namespace {

bool is_sha256(const std::string& digest) { return digest.starts_with("sha256:"); }

// docker-archive states only the diff ID and uses it as the blob's digest;
// for a compressed member that "digest" describes the tar, not the stored bytes.
bool stored_digest_known(const LayerBlob& blob, Compression c) {
  return !blob.digest.empty() && !(blob.digest == blob.diff_id && c != Compression::kNone);
}

}  // namespace

VerifyPlan plan_verification(VerifyMode mode, const LayerBlob& blob) {
  VerifyPlan plan;
  if (mode == VerifyMode::kNone) return plan;
  Compression c = image::sniff_compression(*blob.source);
  bool digest_ok = stored_digest_known(blob, c) && is_sha256(blob.digest);
  // A stream (a registry blob) is read once in full anyway: hashing it costs
  // nothing extra, and bytes off the network are always checked.
  plan.digest = digest_ok && (mode == VerifyMode::kAll || c != Compression::kNone ||
                              !blob.source->seekable());
  plan.diff_id = mode == VerifyMode::kAll && is_sha256(blob.diff_id);
  return plan;
}

VerifyGap verification_gap(VerifyMode mode, const LayerBlob& blob, image::LayerReadResult* r) {
  if (r->verified && !r->diff_id_verified && blob.digest == blob.diff_id &&
      r->compression == Compression::kNone)
    r->diff_id_verified = true;  // one hash: the stored bytes are the tar
  if (r->verified && r->diff_id_verified) return VerifyGap::kNone;
  if (mode == VerifyMode::kNone) return VerifyGap::kDisabled;
  if (r->method == image::ReadMethod::kToc) return VerifyGap::kToc;
  if (r->method == image::ReadMethod::kDirectory) return VerifyGap::kDirectory;
  if (!r->verified) {
    // The tar's hash matching the config vouches for the content when the
    // format gives no separate digest of the stored bytes.
    if (!stored_digest_known(blob, r->compression)) {
      if (r->diff_id_verified) return VerifyGap::kNone;
      if (blob.diff_id.empty()) return VerifyGap::kNoDigest;
    } else if (!is_sha256(blob.digest)) {
      return VerifyGap::kUnsupportedDigest;
    }
    if (r->seeked) return VerifyGap::kSeeked;
    if (!is_sha256(blob.diff_id)) return VerifyGap::kUnsupportedDigest;
    return VerifyGap::kDiffIdNotHashed;
  }
  if (blob.diff_id.empty()) return VerifyGap::kNoDiffId;
  if (!is_sha256(blob.diff_id)) return VerifyGap::kUnsupportedDigest;
  return VerifyGap::kDiffIdNotHashed;
}

}  // namespace ballast::analysis

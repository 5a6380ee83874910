// Which checks a layer read runs, and what the report says was left
// unchecked (image/verify_gap.h). Two hashes can vouch for a layer: the
// stored bytes against the descriptor's digest (the manifest's promise) and
// the decompressed tar against the config's rootfs.diff_ids (the config's).
// For an uncompressed blob they are one hash.
#pragma once

#include "analysis/image_analysis.h"
#include "image/layer_reader.h"
#include "image/resolved_image.h"
#include "image/verify_gap.h"

namespace ballast::analysis {

struct VerifyPlan {
  bool digest = false;   // hash the stored bytes, compare with blob.digest
  bool diff_id = false;  // hash the decompressed tar, compare with blob.diff_id
};

// kNone: nothing. kCompressed (default): the stored digest of every blob that
// is read in full anyway (compressed, or a stream). kAll (--verify): both
// hashes of every layer, which forgoes seeking and tables of contents.
VerifyPlan plan_verification(VerifyMode mode, const image::LayerBlob& blob);

// Sets result->diff_id_verified when the one hash of an uncompressed blob
// covered it, and returns what stayed unchecked.
image::VerifyGap verification_gap(VerifyMode mode, const image::LayerBlob& blob,
                                  image::LayerReadResult* result);

}  // namespace ballast::analysis

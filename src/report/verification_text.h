// The "Verified" line of `analyze` text: how many layers both hashes checked,
// and for the others, grouped by reason, what was not checked and why
// (image/verify_gap.h, docs/analyze.md#verification).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "image/image_model.h"

namespace ballast::report {

// A sentence for one reason, naming the flag that closes the gap.
std::string_view describe(image::VerifyGap gap);

// "all 3 layers (stored digest and diff ID)" or
// "1 of 3 layers; layers 0-1: read by seeking, ..." (no trailing newline).
std::string verification_summary(const std::vector<image::LayerSummary>& layers);

}  // namespace ballast::report

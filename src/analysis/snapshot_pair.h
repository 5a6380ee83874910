// The snapshots of the two images of a comparison (`ballast diff`), the
// second analysis overlapping the first: B starts once A has read (and
// cached) its layers, so a layer they share is still read once, by A, and
// B takes it from the cache exactly as when they run one after the other;
// A's merge, hashing, attribution and findings then run on one core while B
// reads on the other. Both analyses are alive at once, so peak memory is at
// most the two of them (one after the other keeps A's snapshot and B's
// analysis).
#pragma once

#include <utility>

#include "analysis/analyze.h"
#include "analysis/snapshot.h"

namespace ballast::analysis {

// snapshot_of(a) and snapshot_of(b). An error of A is thrown in preference
// to one of B (as A runs first); B is not started when A fails before its
// layers are read. Saved reports are loaded one after the other.
std::pair<ImageSnapshot, ImageSnapshot> snapshot_pair(AnalyzeRequest a, const AnalyzeRequest& b);

}  // namespace ballast::analysis

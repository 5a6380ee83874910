// The order in which text renderers show findings, and what `--top` may fold.
// The most serious thing comes first: errors, then warnings, then info, each
// by bytes saved (largest first, ties keep the producer's order). Errors are
// never folded: a 141-byte leaked key must not hide behind ten cache findings.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "model/finding.h"

namespace ballast::report {

struct FindingsFold {
  std::vector<const model::Finding*> shown;  // in display order
  std::size_t folded = 0;                    // non-errors left out by the limit
};

std::vector<const model::Finding*> order_for_display(const std::vector<model::Finding>& findings);

// Every error, plus at most `limit` of the other findings.
FindingsFold fold_findings(const std::vector<model::Finding>& findings,
                           std::size_t limit = std::numeric_limits<std::size_t>::max());

}  // namespace ballast::report

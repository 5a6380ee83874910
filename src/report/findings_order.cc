#include "report/findings_order.h"

#include <algorithm>

namespace ballast::report {

std::vector<const model::Finding*> order_for_display(const std::vector<model::Finding>& findings) {
  std::vector<const model::Finding*> order;
  order.reserve(findings.size());
  for (const auto& f : findings) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const model::Finding* a, const model::Finding* b) {
    if (a->severity != b->severity) return a->severity > b->severity;  // kError > kWarning > kInfo
    return a->bytes_saved > b->bytes_saved;
  });
  return order;
}

FindingsFold fold_findings(const std::vector<model::Finding>& findings, std::size_t limit) {
  FindingsFold fold;
  std::size_t others = 0;
  for (const model::Finding* f : order_for_display(findings)) {
    if (f->severity == model::Severity::kError) {
      fold.shown.push_back(f);
    } else if (others < limit) {
      fold.shown.push_back(f);
      ++others;
    } else {
      ++fold.folded;
    }
  }
  return fold;
}

}  // namespace ballast::report

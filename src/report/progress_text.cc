#include "report/progress_text.h"

#include "util/human_bytes.h"

namespace ballast::report {

std::string render_progress_line(const analysis::ReadProgress& p) {
  std::string out = "reading layers " + std::to_string(p.layers_done) + "/" + std::to_string(p.layers_total);
  if (p.bytes_total == 0) return out;
  out += ": " + human_bytes(p.bytes_read) + " of " + human_bytes(p.bytes_total);
  // A rate over the first instants says nothing; from a quarter second on it does.
  if (p.seconds >= 0.25)
    out += ", " + human_bytes(static_cast<std::uint64_t>(static_cast<double>(p.bytes_read) / p.seconds)) + "/s";
  return out;
}

}  // namespace ballast::report

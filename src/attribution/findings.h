// Image waste findings (docs/findings.md): each says what is wasted, how
// many bytes removing it saves (measured from this image's entries), the
// layers and paths concerned and the Dockerfile change that fixes it.
// Findings overlap (a static library in a -dev package is toolchain and a
// static library); the headline saving counts each byte once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attribution/attribution.h"
#include "model/finding.h"

namespace ballast::attribution {

class ContentCapture;

struct WasteReport {
  std::vector<model::Finding> findings;  // most bytes saved first
  std::uint64_t total_saving = 0;        // union of the findings' bytes
  std::uint64_t stored_bytes = 0;        // the image's stored bytes (the percentage's base)
  std::vector<std::string> notes;        // what could not be checked, and why
  bool elf_checked = true;               // false: ELF inspection was off (CaptureOptions::elf)
};

WasteReport find_waste(const image::ImageModel& model, const Attribution& attribution,
                       const ContentCapture* capture = nullptr);

}  // namespace ballast::attribution

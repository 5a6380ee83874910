// `ballast sbom`'s pipeline as one call: analyze the image (attribution on,
// findings and duplicate hashing off -- an SBOM needs neither), take the
// inventory, render the chosen format as JSON text.
#pragma once

#include <string>
#include <string_view>

#include "analysis/analyze.h"
#include "sbom/document.h"

namespace ballast::sbom {

enum class Format { kCycloneDx, kSpdx };

struct SbomRequest {
  analysis::AnalyzeRequest analyze;  // its image; attribution is forced on
  Format format = Format::kCycloneDx;
  DocumentOptions document;
};

// The document and a final newline. Strings that are not UTF-8 (package
// names come from image bytes) have U+FFFD for each bad byte: both schemas
// forbid the extra members ballast's own JSON uses for exact bytes.
// Throws InputError for an unreadable image.
std::string make_sbom(const SbomRequest& request);
std::string render(const Inventory& inv, Format format, const DocumentOptions& options);

// "urn:uuid:" and a lowercase 8-4-4-4-12 UUID (CycloneDX 1.5's serialNumber pattern).
bool is_urn_uuid(std::string_view s);

}  // namespace ballast::sbom

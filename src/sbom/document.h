// The two SBOM formats `ballast sbom` writes, rendered from an Inventory:
//  - CycloneDX 1.5 JSON (cyclonedx.org/docs/1.5/json): one "library"
//    component per package, the image as metadata.component ("container");
//  - SPDX 2.3 JSON (spdx.github.io/spdx-spec/v2.3): one package per
//    package, the image as the package the document DESCRIBES, which
//    CONTAINS the others.
// Both are deterministic (docs/sbom.md#determinism): components sorted by
// purl, the serial number / document namespace a name-based UUID of the
// image ID, the timestamp the image's created time, unless the options say
// otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sbom/inventory.h"

namespace ballast::sbom {

struct DocumentOptions {
  // RFC 3339 UTC ("2024-01-02T03:04:05Z"); empty: the image's created time
  // (CycloneDX: no timestamp when the image has none; SPDX, which requires
  // one: 1970-01-01T00:00:00Z).
  std::string timestamp;
  // A CycloneDX serialNumber ("urn:uuid:..."), also the SPDX namespace's
  // UUID; empty: derived from the image ID.
  std::string serial_number;
};

// The UUID both formats derive from the image ID (uuid.h, version 5).
std::string default_uuid(const Inventory& inv);

nlohmann::json to_cyclonedx(const Inventory& inv, const DocumentOptions& options = {});
nlohmann::json to_spdx(const Inventory& inv, const DocumentOptions& options = {});

// "2024-01-02T03:04:05.123456789Z" or "+02:00" offsets -> UTC to the second
// ("2024-01-02T01:04:05Z"), the form SPDX 2.3 wants; nullopt when it is not
// RFC 3339.
std::optional<std::string> utc_seconds(std::string_view rfc3339);

}  // namespace ballast::sbom

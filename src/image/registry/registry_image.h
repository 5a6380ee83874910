// `docker://REF` resolved into the same ResolvedImage an archive gives: the
// manifest (through an index by platform), the config, and one streaming
// ByteSource per layer, nothing downloaded yet. The rest of the analysis
// cannot tell a registry from a file.
#pragma once

#include <string>
#include <vector>

#include "image/platform.h"
#include "image/resolved_image.h"

namespace ballast::image::registry {

// `text`: the reference without "docker://".
ResolvedImage resolve_registry_image(const std::string& text, const ResolveOptions& options);
// Every image of an index (attestations left out), one client for all; a
// plain manifest gives one.
std::vector<ResolvedImage> resolve_registry_platforms(const std::string& text, const ResolveOptions& options);

}  // namespace ballast::image::registry

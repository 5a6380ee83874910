// The `cache:` section of .ballast.yaml: `max_size`, the size cap of the
// layer cache (SI or IEC units, util/byte_size.h; default kDefaultMaxSize).
#pragma once

#include <cstdint>
#include <string_view>

#include "config/config_file.h"

namespace ballast::cache {

// Throws InputError "file:line: ..." for a value that is not a size.
std::uint64_t configured_max_size(const config::ConfigFile& file);

// A size as flags and the file write it; InputError naming `what` otherwise.
std::uint64_t parse_max_size(std::string_view text, std::string_view what);

}  // namespace ballast::cache

// Byte sizes as people write them in budgets: "20MB", "1.5GiB", "512 KiB".
// Two parsers, because two conventions meet in `ballast check`:
//  - parse_byte_size(): ballast's own (`.ballast.yaml` check:, flags). SI
//    units are powers of 1000 (kB, MB, GB, TB, PB; `docker images` prints
//    these), IEC units powers of 1024 (KiB, MiB, GiB, TiB, PiB); the unit is
//    case-insensitive, the B optional ("20m" = 20 MB), a plain number is
//    bytes. The arithmetic is exact decimal: "1.5GiB" is 1610612736, a
//    fraction of a byte is dropped. docs/check.md#sizes.
//  - parse_humanize_bytes(): dive's `.dive-ci` highestWastedBytes, parsed as
//    dive parses it (github.com/dustin/go-humanize ParseBytes): the leading
//    run of digits, '.' and ',' (commas dropped) read as a float64, then the
//    rest, trimmed and lowercased, looked up in the same SI/IEC table (plus
//    EB/EiB), the product truncated to an integer. So "1,000kb" is 1000000
//    and "1e3" is an error, as in dive.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ballast {

std::optional<std::uint64_t> parse_byte_size(std::string_view text);

std::optional<std::uint64_t> parse_humanize_bytes(std::string_view text);

}  // namespace ballast

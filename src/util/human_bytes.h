// Byte counts for people: "1.5 GB" (SI, like `docker images`) or exact.
#pragma once

#include <cstdint>
#include <string>

namespace ballast {

// SI units with one decimal below 10 of a unit, as `docker history` prints them.
std::string human_bytes(std::uint64_t bytes);

// Either human_bytes() or the exact decimal count, per the --bytes flag.
std::string format_bytes(std::uint64_t bytes, bool exact);

std::string format_percent(double fraction);

}  // namespace ballast

// Lower-case hexadecimal of bytes (digests are written this way: OCI
// descriptors, diff IDs).
#pragma once

#include <cstddef>
#include <string>

namespace ballast {

std::string hex_encode(const unsigned char* bytes, std::size_t n);

}  // namespace ballast

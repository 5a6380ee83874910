// Random access into a blob made of concatenated gzip members (eStargz): one
// member is inflated from its offset, without reading anything before it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "image/byte_source.h"

namespace ballast::image {

// Inflates the gzip member starting at `offset` (its compressed bytes lie
// before `end`), drops the first `skip` inflated bytes, then hands `length`
// bytes to `sink`; stops as soon as they are delivered (the rest of the
// member is not read). Throws InputError when the member is corrupt or ends
// before skip + length bytes.
void inflate_member_range(const ByteSource& blob, std::uint64_t offset, std::uint64_t end,
                          std::uint64_t skip, std::uint64_t length,
                          const std::function<void(const void* data, std::size_t size)>& sink);

// The whole inflated member at `offset`, whose compressed bytes end exactly at
// `end` (CRC and length checked); throws InputError when it is corrupt, does
// not end at `end`, or inflates to more than max_bytes.
std::string inflate_whole_member(const ByteSource& blob, std::uint64_t offset, std::uint64_t end,
                                 std::size_t max_bytes);

}  // namespace ballast::image

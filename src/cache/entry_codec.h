// One layer cache entry as bytes: what read_layer() (or a TOC read) returned
// for a layer, so a later analysis can skip reading it.
//
//   "BALLASTL"            8-byte magic
//   u32 format version    kEntryFormat; another value is an old entry: ignored
//   u32 0x01020304        byte order of the writer (integers are host order)
//   u64 payload size, u64 xxh3-64 of the payload
//   u32 key size, key     the entry's key text (layer_key.h), checked on read
//   payload               result flags, the tar size, the name arena, the
//                         fixed-size entry records, the captured files
//
// decode_entry() trusts nothing: sizes are checked against what is left, the
// checksum against the payload, every name offset against the arena, enums
// against their range. A failure says why (the cache warns and rebuilds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "image/layer_reader.h"

namespace ballast::cache {

// Bump when the entry layout, or what the layer reader puts in a
// LayerReadResult, changes: entries of another format are never read.
inline constexpr std::uint32_t kEntryFormat = 1;

std::string encode_entry(std::string_view key, const image::LayerReadResult& result);

// nullopt with *why set when `bytes` is not a whole, intact entry for `key`;
// *old_format is set when it is an entry of another format (not damage).
std::optional<image::LayerReadResult> decode_entry(std::string_view bytes, std::string_view key,
                                                   std::string* why, bool* old_format = nullptr);

}  // namespace ballast::cache
